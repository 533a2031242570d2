package io.storesync.spi.persistence;

import io.storesync.api.job.Job;
import io.storesync.api.job.JobId;
import io.storesync.api.job.JobType;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import io.storesync.api.webhook.WebhookEndpointId;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The cross-tenant side of the job queue: the few operations that must see every tenant (claiming, heart-beating,
 * reaping, routing, finding tenants with due work). Implementations do them through narrowly scoped database
 * functions, never by bypassing row-level security for tenant data, and hand out nothing a caller is not entitled
 * to: a job's data only to the worker whose claim leased it, a lease only against its token, and no tenant ids.
 * Every write commits before the method returns, whatever the pool's auto-commit setting.
 * Thread-safe; every method may block on the database and throws {@link io.storesync.api.StoreSyncException}s only.
 */
public interface JobQueue {

    /** The most jobs one claim hands out; larger requests are clamped to it. */
    int MAX_CLAIM = 500;

    /**
     * Claims up to {@code limit} due jobs of the given {@code types} for {@code worker} (a label of 1 to 200
     * characters of {@code A-Z a-z 0-9 . _ : @ / + -}), each under a lease of {@code lease} (clamped to 5 s .. 1 h)
     * with a token of its own. Fair across organizations: the first due job of each organization comes before a
     * second one of any. Jobs of other types stay waiting, their attempts untouched.
     */
    List<ClaimedJob> claim(String worker, int limit, Duration lease, Set<JobType> types);

    /** Extends the given leases; returns the ids whose lease (id and token) is still held. */
    Set<JobId> heartbeat(Collection<Lease> leases, Duration lease);

    /** Completes the jobs whose lease (id and token) is still held, in one round trip; returns those completed. */
    Set<JobId> complete(Collection<Lease> leases);

    /**
     * Hands back jobs whose lease is still held; the first few releases of a job do not count its attempt, later
     * ones do. Returns how many were handed back.
     */
    int release(Collection<Lease> leases);

    /** Takes back expired leases; returns how many. */
    int reap(int limit);

    /** The organization and store of an active webhook endpoint. */
    Optional<Route> routeWebhook(WebhookEndpointId endpoint);

    /**
     * The organizations and stores of the active stores on {@code platform} whose platform shop id is
     * {@code platformStoreId}, across tenants: where a verified app-level delivery goes. Usually one; empty when
     * none. Returns nothing but the routing.
     */
    List<Route> routeAppWebhook(String platform, String platformStoreId);

    /**
     * Enqueues one {@link JobType#SCHEDULES_DUE} job in each of up to {@code limit} organizations with a due store
     * schedule (and none waiting already); returns how many were enqueued, never which organizations.
     */
    int enqueueScheduleJobs(int limit);

    /**
     * Enqueues one {@link JobType#STOCK_COALESCE} job in each of up to {@code limit} organizations with inventory
     * changes not yet coalesced into pushes (and none waiting already); returns how many were enqueued.
     */
    int enqueueStockCoalesceJobs(int limit);

    /**
     * Makes every organization whose daily retention purge is due (stores or not) get one deduplicated
     * {@code RETENTION_PURGE} job; returns how many were queued. Handles at most {@code limit} organizations a call.
     * Persistence written before this existed queues none.
     */
    default int enqueueRetentionJobs(int limit) {
        return 0;
    }

    /** Wakes listening workers (in every JVM) after jobs were enqueued; call after the enqueue committed. */
    void notifyQueued();

    /**
     * Calls {@code onSignal} whenever jobs are enqueued anywhere, from a thread of its own over a dedicated
     * connection, until the returned handle is closed. Best effort: callers poll as well.
     */
    AutoCloseable listen(Runnable onSignal);

    /** Where a webhook endpoint routes. */
    record Route(OrganizationId organizationId, StoreId storeId) {}

    /**
     * A held lease: the job and the unguessable token its claim handed out. Whoever holds the token holds the
     * lease, so {@link #toString()} leaves the token out.
     */
    record Lease(JobId id, UUID token) {
        public Lease {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Lease[" + id + "]";
        }
    }

    /**
     * A claimed job and its lease.
     *
     * @param producerContext the context stored when the job was enqueued (see {@link Persistence#producerContext});
     *     null when none was
     */
    record ClaimedJob(Job job, Lease lease, @org.jspecify.annotations.Nullable String producerContext) {
        public ClaimedJob {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(lease, "lease");
        }

        /** A claimed job without a producer context. */
        public ClaimedJob(Job job, Lease lease) {
            this(job, lease, null);
        }
    }
}
