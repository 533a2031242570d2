package io.storesync.spi.persistence;

import io.storesync.api.job.Job;
import io.storesync.api.job.JobId;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import io.storesync.api.webhook.WebhookEndpointId;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The cross-tenant side of the job queue: the few operations that must see every tenant (claiming, heart-beating,
 * reaping, routing). Implementations do them through narrowly scoped database functions, never by bypassing
 * row-level security for tenant data. Thread-safe; every method may block on the database.
 */
public interface JobQueue {

    /** Claims up to {@code limit} due jobs for {@code worker}, each under a lease of {@code lease}. */
    List<Job> claim(String worker, int limit, Duration lease);

    /** Extends the leases {@code worker} holds among {@code ids}; returns the ids it still holds. */
    Set<JobId> heartbeat(String worker, Collection<JobId> ids, Duration lease);

    /** Completes the jobs {@code worker} still holds among {@code ids}, in one round trip; returns those completed. */
    Set<JobId> complete(String worker, Collection<JobId> ids);

    /** Hands back jobs {@code worker} holds without counting their attempt. */
    int release(String worker, Collection<JobId> ids);

    /** Takes back expired leases; returns how many. */
    int reap(int limit);

    /** The organization and store of an active webhook endpoint. */
    Optional<Route> routeWebhook(WebhookEndpointId endpoint);

    /** Organizations with inventory changes not yet coalesced into pushes. */
    List<OrganizationId> organizationsWithStockChanges(int limit);

    /** Organizations with a due store schedule. */
    List<OrganizationId> organizationsWithDueSchedules(int limit);

    /** Wakes listening workers (in every JVM) after jobs were enqueued; call after the enqueue committed. */
    void notifyQueued();

    /**
     * Calls {@code onSignal} whenever jobs are enqueued anywhere, from a thread of its own over a dedicated
     * connection, until the returned handle is closed. Best effort: callers poll as well.
     */
    AutoCloseable listen(Runnable onSignal);

    /** Where a webhook endpoint routes. */
    record Route(OrganizationId organizationId, StoreId storeId) {}
}
