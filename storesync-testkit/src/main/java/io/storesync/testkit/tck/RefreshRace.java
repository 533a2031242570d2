package io.storesync.testkit.tck;

import io.storesync.StoreSync;
import io.storesync.api.PageRequest;
import io.storesync.api.Tenant;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobId;
import io.storesync.api.job.JobStatus;
import io.storesync.api.job.JobType;
import io.storesync.api.job.WorkerOptions;
import io.storesync.api.job.Workers;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * What tests racing credential refreshes across StoreSync instances share (a connector's refresh held open while
 * another instance's refresh queues on the credential lock): {@code CredentialRefreshIT},
 * {@code TikTokSharedConsentIT}.
 */
public final class RefreshRace {
    private RefreshRace() {}

    /**
     * One worker thread claiming one job at a time: a second refresh claimed by the same instance would wait for the
     * first's thread, not for its lock.
     */
    public static WorkerOptions oneJobAtATime() {
        return WorkerOptions.defaults(1).withClaimBatch(1).withIntervals(Duration.ofMillis(100), Duration.ofMillis(500))
                .withShutdownTimeout(Duration.ofSeconds(5));
    }

    /** Runs a new store's first jobs to the end: until at least {@code imports} catalogue imports ran and nothing waits. */
    @SuppressWarnings("try")
    public static void settle(StoreSync sync, Tenant owner, int imports, Duration wait) throws InterruptedException {
        try (Workers workers = sync.startWorkers(oneJobAtATime())) {
            await("the new stores' first jobs", wait, () -> {
                List<Job> jobs = owner.jobs().list(PageRequest.first(50)).items();
                return jobs.stream().filter(j -> j.type() == JobType.CATALOGUE_IMPORT).count() >= imports
                        // the listed status: a job may be gone by the time it is looked up again (superseded)
                        && jobs.stream().allMatch(j -> terminal(j.status()));
            });
        }
    }

    /** Whether the job has finished, one way or another. */
    public static boolean finished(Tenant owner, JobId id) {
        return terminal(owner.jobs().find(id).orElseThrow().status());
    }

    /** Completed, failed or cancelled. */
    public static boolean terminal(JobStatus status) {
        return status == JobStatus.COMPLETED || status == JobStatus.FAILED || status == JobStatus.CANCELLED;
    }

    /** Whether a transaction waits for an advisory lock (the credential locks are; pg_locks, which any role may read). */
    public static boolean anAdvisoryLockIsAwaited(DataSource owner) {
        try (Connection c = owner.getConnection()) {
            return Sql.scalar(c, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for {@code condition}, failing after {@code wait}. */
    public static void await(String what, Duration wait, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("gave up after " + wait + " waiting for " + what);
            Thread.sleep(20);
        }
    }
}
