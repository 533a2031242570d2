package io.storesync.internal.jdbi.job;

import io.storesync.api.ConflictException;
import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobId;
import io.storesync.api.job.JobLog;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import io.storesync.internal.jdbi.JdbiMappings;
import io.storesync.internal.jdbi.SqlErrors;
import io.storesync.spi.persistence.EnqueueResult;
import io.storesync.spi.persistence.HeldJob;
import io.storesync.spi.persistence.JobRepository;
import io.storesync.spi.persistence.JobTransition;
import io.storesync.spi.persistence.Keyset;
import io.storesync.spi.persistence.LogDetails;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jspecify.annotations.Nullable;

public final class JdbiJobRepository implements JobRepository {
    private static final Keyset LIST = new Keyset("jobs");
    private static final String WAITING = "status IN ('pending', 'retrying')";

    private final Handle handle;
    private final OrganizationId org;

    private final Function<JobType, @Nullable String> producerContext;

    public JdbiJobRepository(Handle handle, OrganizationId org) {
        this(handle, org, type -> null);
    }

    public JdbiJobRepository(Handle handle, OrganizationId org, Function<JobType, @Nullable String> producerContext) {
        this.handle = handle;
        this.org = org;
        this.producerContext = producerContext;
    }

    @Override
    public EnqueueResult enqueue(NewJob job) {
        for (int attempt = 0; ; attempt++) {
            Optional<Job> inserted = insert(job, "DO NOTHING RETURNING " + JobRows.COLUMNS)
                    .map(JobRows.MAPPER).findOne();
            if (inserted.isPresent()) return new EnqueueResult(inserted.get(), true);
            Optional<Job> waiting = handle.createQuery("SELECT " + JobRows.COLUMNS + " FROM sync_jobs"
                            + " WHERE organization_id = :org AND dedupe_key = :key AND " + WAITING)
                    .bind("org", org.value()).bind("key", job.dedupeKey())
                    .map(JobRows.MAPPER).findOne();
            if (waiting.isPresent()) return new EnqueueResult(waiting.get(), false);
            // the waiting job was claimed between the two statements: the key is free again
            if (attempt >= 3) throw new ConflictException("could not enqueue " + JobCodes.code(job.type()) + " with key " + job.dedupeKey());
        }
    }

    @Override
    public EnqueueResult enqueueNotBefore(NewJob job) {
        if (job.dedupeKey() == null) return enqueue(job);
        // the conflict waits for a concurrent enqueue of the same key to commit, so whichever comes second sees the
        // first: a job inserted at once is pushed back, a later enqueue at once leaves the postponed one as it is
        return insert(job, "DO UPDATE SET run_at = greatest(sync_jobs.run_at, EXCLUDED.run_at)"
                        + " RETURNING " + JobRows.COLUMNS + ", xmax = 0 AS inserted")
                .map((rs, ctx) -> new EnqueueResult(JobRows.MAPPER.map(rs, ctx), rs.getBoolean("inserted"))).one();
    }

    /** The insert of {@code job} whose conflict with a waiting job of its dedupe key does {@code onConflict}. */
    private Query insert(NewJob job, String onConflict) {
        return handle.createQuery("INSERT INTO sync_jobs (organization_id, store_id, job_type,"
                        + " status, priority, run_at, max_attempts, dedupe_key, metadata, trace_context)"
                        + " VALUES (:org, :store, :type, 'pending', :priority, now() + make_interval(secs => :delay),"
                        + " :max, :key, :meta, :context)"
                        + " ON CONFLICT (organization_id, dedupe_key) WHERE dedupe_key IS NOT NULL AND " + WAITING
                        + " " + onConflict)
                .bind("org", org.value())
                .bind("store", job.storeId() == null ? null : job.storeId().value())
                .bind("type", JobCodes.code(job.type())).bind("priority", job.priority())
                .bind("delay", job.delay().toNanos() / 1e9).bind("max", job.maxAttempts())
                .bind("key", job.dedupeKey())
                .bind("meta", JdbiMappings.toTree(Map.copyOf(job.parameters())))
                .bind("context", producerContext.apply(job.type()));
    }

    @Override
    public Optional<Job> find(JobId id) {
        return handle.createQuery("SELECT " + JobRows.COLUMNS + " FROM sync_jobs WHERE organization_id = :org AND id = :id")
                .bind("org", org.value()).bind("id", id.value()).map(JobRows.MAPPER).findOne();
    }

    @Override
    public Page<Job> list(PageRequest page) {
        // newest first, continuing below the last row seen: jobs enqueued meanwhile are newer and never shift a page
        Optional<List<String>> after = LIST.after(page, 2);
        var query = handle.createQuery("SELECT " + JobRows.COLUMNS + " FROM sync_jobs WHERE organization_id = :org"
                        + (after.isPresent() ? " AND (created_at, id) < (:afterAt, :afterId)" : "")
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("org", org.value()).bind("limit", page.size() + 1);
        after.ifPresent(k -> query.bind("afterAt", LIST.instant(k.get(0))).bind("afterId", LIST.uuid(k.get(1))));
        return LIST.page(page, query.map(JobRows.MAPPER).list(), j -> List.of(j.createdAt().toString(), j.id().value().toString()),
                j -> j, () -> handle.createQuery("SELECT count(*) FROM sync_jobs WHERE organization_id = :org")
                        .bind("org", org.value()).mapTo(Long.class).one());
    }

    @Override
    public List<JobLog> logs(JobId id) {
        return handle.createQuery("SELECT level, message, details::text AS details, created_at FROM sync_logs"
                        + " WHERE organization_id = :org AND sync_job_id = :id ORDER BY created_at, id")
                .bind("org", org.value()).bind("id", id.value())
                .map((rs, ctx) -> new JobLog(id, rs.getString("level"), rs.getString("message"), rs.getString("details"),
                        JdbiMappings.instant(rs, "created_at")))
                .list();
    }

    @Override
    public Optional<Job> cancel(JobId id) {
        return handle.createQuery("UPDATE sync_jobs SET status = 'cancelled', outcome = 'cancelled', completed_at = now(),"
                        + " lease_owner = NULL, lease_expires_at = NULL"
                        + " WHERE organization_id = :org AND id = :id AND status IN ('pending', 'retrying', 'running')"
                        + " RETURNING " + JobRows.COLUMNS)
                .bind("org", org.value()).bind("id", id.value()).map(JobRows.MAPPER).findOne();
    }

    @Override
    public Optional<Job> retry(JobId id) {
        try {
            return handle.createQuery("UPDATE sync_jobs SET status = 'pending', attempt = 0, run_at = now(), outcome = NULL,"
                            + " completed_at = NULL WHERE organization_id = :org AND id = :id AND status IN ('failed', 'cancelled')"
                            + " RETURNING " + JobRows.COLUMNS)
                    .bind("org", org.value()).bind("id", id.value()).map(JobRows.MAPPER).findOne();
        } catch (RuntimeException e) {
            if ("sync_jobs_dedupe_key".equals(SqlErrors.constraint(e))) {
                throw SqlErrors.instead(new ConflictException("a waiting job with the same dedupe key exists; job " + id + " is not needed"), e);
            }
            throw e;
        }
    }

    @Override
    public boolean complete(JobId id, String worker) {
        return handle.createUpdate("UPDATE sync_jobs SET status = 'completed', outcome = 'succeeded', completed_at = now(),"
                        + " lease_owner = NULL, lease_expires_at = NULL, error_message = NULL"
                        + " WHERE organization_id = :org AND id = :id AND status = 'running' AND lease_owner = :worker")
                .bind("org", org.value()).bind("id", id.value()).bind("worker", worker).execute() == 1;
    }

    @Override
    public boolean stillHeld(JobId id, String worker) {
        return handle.createQuery("SELECT EXISTS (SELECT 1 FROM sync_jobs WHERE organization_id = :org AND id = :id"
                        + " AND status = 'running' AND lease_owner = :worker FOR SHARE)")
                .bind("org", org.value()).bind("id", id.value()).bind("worker", worker).mapTo(Boolean.class).one();
    }

    @Override
    public Optional<HeldJob> holdFailed(JobId id, String worker) {
        Optional<Map<String, Object>> row = handle.createQuery("SELECT attempt, max_attempts, dedupe_key, reschedules FROM sync_jobs"
                        + " WHERE organization_id = :org AND id = :id AND status = 'running' AND lease_owner = :worker FOR UPDATE")
                .bind("org", org.value()).bind("id", id.value()).bind("worker", worker).mapToMap().findOne();
        if (row.isEmpty()) return Optional.empty();
        String key = (String) row.get().get("dedupe_key");
        boolean superseded = key != null && handle.createQuery("SELECT EXISTS (SELECT 1 FROM sync_jobs WHERE organization_id = :org"
                        + " AND dedupe_key = :key AND " + WAITING + " AND id <> :id)")
                .bind("org", org.value()).bind("key", key).bind("id", id.value()).mapTo(Boolean.class).one();
        return Optional.of(new HeldJob(((Number) row.get().get("attempt")).intValue(),
                ((Number) row.get().get("max_attempts")).intValue(), superseded,
                ((Number) row.get().get("reschedules")).intValue()));
    }

    @Override
    public void recordFailure(JobId id, JobTransition t) {
        try {
            handle.createUpdate("UPDATE sync_jobs SET status = :status, outcome = :outcome, attempt = :attempt,"
                            + " retry_count = retry_count + :retried, reschedules = reschedules + :rescheduled,"
                            + " error_message = :message,"
                            + " run_at = CASE WHEN :terminal THEN run_at ELSE now() + make_interval(secs => :delay) END,"
                            + " completed_at = CASE WHEN :terminal THEN now() END, lease_owner = NULL, lease_expires_at = NULL"
                            + " WHERE organization_id = :org AND id = :id")
                    .bind("status", JobCodes.code(t.status())).bind("outcome", t.outcome()).bind("attempt", t.attempt())
                    .bind("retried", t.countsRetry() ? 1 : 0).bind("rescheduled", t.countsReschedule() ? 1 : 0)
                    .bind("message", truncate(t.message(), 4000)).bind("terminal", t.terminal())
                    .bind("delay", t.delay().toNanos() / 1e9).bind("org", org.value()).bind("id", id.value())
                    .execute();
        } catch (RuntimeException e) {
            if ("sync_jobs_dedupe_key".equals(SqlErrors.constraint(e))) {
                throw SqlErrors.instead(new ConflictException("a waiting job with the same dedupe key appeared meanwhile"), e);
            }
            throw e;
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    @Override
    public boolean progress(JobId id, String worker, int total, int processed, int failed) {
        return handle.createUpdate("UPDATE sync_jobs SET items_total = :total, items_processed = :processed,"
                        + " items_failed = :failed WHERE organization_id = :org AND id = :id AND status = 'running'"
                        + " AND lease_owner = :worker")
                .bind("total", Math.max(0, total)).bind("processed", Math.max(0, processed)).bind("failed", Math.max(0, failed))
                .bind("org", org.value()).bind("id", id.value()).bind("worker", worker).execute() == 1;
    }

    @Override
    public Optional<String> checkpoint(JobId id) {
        return handle.createQuery("SELECT checkpoint FROM sync_jobs WHERE organization_id = :org AND id = :id")
                .bind("org", org.value()).bind("id", id.value()).mapTo(String.class).findOne(); // empty for no row and for a null checkpoint
    }

    @Override
    public boolean saveCheckpoint(JobId id, String worker, @Nullable String checkpoint) {
        if (checkpoint != null && checkpoint.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 8192) {
            throw new io.storesync.api.ValidationException("a job checkpoint is at most 8192 bytes");
        }
        return handle.createUpdate("UPDATE sync_jobs SET checkpoint = :checkpoint WHERE organization_id = :org"
                        + " AND id = :id AND status = 'running' AND lease_owner = :worker")
                .bind("checkpoint", checkpoint).bind("org", org.value()).bind("id", id.value()).bind("worker", worker)
                .execute() == 1;
    }

    @Override
    public void log(JobId id, String level, String message, @Nullable LogDetails details) {
        handle.createUpdate("INSERT INTO sync_logs (organization_id, sync_job_id, level, message, details)"
                        + " VALUES (:org, :job, :level, :message, CAST(:details AS jsonb))")
                .bind("org", org.value()).bind("job", id.value()).bind("level", level)
                .bind("message", truncate(message, 10_000))
                .bind("details", details == null ? null : JdbiMappings.toTree(details.values()).toString())
                .execute();
    }

    @Override
    public int purgeFinished(Duration age) {
        return handle.createUpdate("DELETE FROM sync_jobs WHERE organization_id = :org"
                        + " AND status IN ('completed', 'failed', 'cancelled') AND completed_at < now() - make_interval(secs => :age)")
                .bind("org", org.value()).bind("age", age.toSeconds() * 1.0).execute();
    }

    @Override
    public int cancelWaiting(StoreId store, String reason) {
        return handle.createUpdate("UPDATE sync_jobs SET status = 'cancelled', outcome = 'cancelled', completed_at = now(),"
                        + " error_message = :reason WHERE organization_id = :org AND store_id = :store AND " + WAITING)
                .bind("reason", truncate(reason, 4000)).bind("org", org.value()).bind("store", store.value()).execute();
    }
}
