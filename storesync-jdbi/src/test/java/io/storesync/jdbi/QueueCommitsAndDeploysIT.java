package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.Tenant;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobId;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.job.WorkerOptions;
import io.storesync.api.job.Workers;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.organization.UserId;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The queue on pools and versions a host really runs: a pool configured {@code autoCommit=false} (every queue write
 * must still commit), and a job type from a newer version during a rolling deploy (left waiting, not burnt).
 */
// try-with-resources scopes the workers' lifetime; the handle itself is not used in the body
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
class QueueCommitsAndDeploysIT {
    private final TestDatabase db;

    QueueCommitsAndDeploysIT(TestDatabase db) {
        this.db = db;
    }

    private record Org(OrganizationId id, Tenant owner) {}

    private static Org organization(StoreSync sync) {
        UserId owner = UserId.random();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        var org = sync.createOrganization(NewOrganization.of("Org " + tag, "org-" + tag, owner, tag + "@example.com", "Owner"));
        return new Org(org.id(), sync.tenant(org.id(), Actor.user(owner)));
    }

    private static WorkerOptions options() {
        return WorkerOptions.defaults(2).withLease(Duration.ofSeconds(5), Duration.ofSeconds(1))
                .withIntervals(Duration.ofMillis(200), Duration.ofMillis(200));
    }

    private static final class Counts implements StoreSyncListener {
        final Map<JobId, AtomicInteger> starts = new ConcurrentHashMap<>();
        final Map<JobId, AtomicInteger> finishes = new ConcurrentHashMap<>();

        @Override
        public void jobStarted(Job job) {
            starts.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void jobFinished(Job job, Duration took) {
            finishes.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    private long ownerCount(String sql, Object... args) throws SQLException {
        try (Connection c = db.ownerDataSource().getConnection()) {
            Sql.exec(c, "SET search_path = " + db.schema());
            return Sql.scalar(c, sql, args);
        }
    }

    @Test
    void onAnAutoCommitFalsePoolTenantWorkCommits() {
        HikariConfig config = new HikariConfig();
        config.setDataSource(db.newAppPool(4));
        config.setAutoCommit(false);
        config.setMaximumPoolSize(4);
        config.setPoolName("autocommit-false-tenant");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            StoreSync sync = db.storeSyncBuilder().dataSource(pool).build();
            Org org = organization(sync);
            JobId job = org.owner().jobs().enqueue(NewJob.of(JobType.NO_OP, null)).id();
            // read back through a different StoreSync on an ordinary pool: only committed work is visible there
            Tenant elsewhere = db.storeSync().tenant(org.id(), Actor.system("check"));
            assertThat(elsewhere.organization().id()).isEqualTo(org.id());
            assertThat(elsewhere.jobs().find(job)).isPresent();
        }
    }

    @Test
    void onAnAutoCommitFalsePoolJobsCompleteExactlyOnceAndAreNotClaimedAgain() throws Exception {
        HikariConfig config = new HikariConfig();
        // a HikariCP pool over the application role, configured as a Hibernate-tuned host configures it
        config.setDataSource(db.newAppPool(10));
        config.setAutoCommit(false);
        config.setMaximumPoolSize(8);
        config.setPoolName("autocommit-false");
        Counts counts = new Counts();
        try (HikariDataSource pool = new HikariDataSource(config)) {
            StoreSync workersSync = db.storeSyncBuilder().dataSource(pool).listener(counts).build();
            // the organization and its jobs are made through the ordinary pool (tenant work on an autoCommit=false pool
            // has its own test above); the workers below, and so every queue call (claim, heartbeat, complete, reap,
            // fan-out, notify), run on the autoCommit=false pool
            Org org = organization(db.storeSync());
            List<NewJob> jobs = new ArrayList<>();
            for (int i = 0; i < 300; i++) jobs.add(NewJob.of(JobType.NO_OP, null));
            org.owner().jobs().enqueueAll(jobs);
            try (Workers w = workersSync.startWorkers(options())) {
                await(Duration.ofSeconds(60), () -> {
                    try {
                        return ownerCount("SELECT count(*) FROM sync_jobs WHERE organization_id = ? AND status = 'completed'"
                                + " AND job_type = 'noop'", org.id().value()) == 300;
                    } catch (SQLException e) {
                        throw new AssertionError(e);
                    }
                });
                // longer than a lease plus a maintenance round: a claim that did not commit would be claimed again
                Thread.sleep(6_500);
            }
            assertThat(ownerCount("SELECT count(*) FROM sync_jobs WHERE organization_id = ? AND job_type = 'noop'"
                    + " AND (status <> 'completed' OR attempt <> 1)", org.id().value())).isZero();
            assertThat(counts.starts).hasSize(300);
            assertThat(counts.starts.values()).allMatch(n -> n.get() == 1);
            assertThat(counts.finishes).hasSize(300);
            assertThat(counts.finishes.values()).allMatch(n -> n.get() == 1);
            System.out.printf("autoCommit=false pool: %d job(s) started, each once; %d finished%n",
                    counts.starts.size(), counts.finishes.size());
        }
    }

    @Test
    void aJobTypeThisVersionDoesNotKnowIsNeverClaimedAndKeepsAttemptZero() throws Exception {
        StoreSync sync = db.storeSync();
        Org org = organization(sync);
        UUID future;
        // a newer version enqueued it; the application role may insert it in its own tenant, at the front of the queue
        try (Connection c = Sql.tenant(db.appDataSource(), db.schema(), org.id().value())) {
            future = Sql.id(c, "INSERT INTO sync_jobs (organization_id, job_type, status, priority)"
                    + " VALUES (?, 'future.type', 'pending', 0) RETURNING id", org.id().value());
            c.commit();
        }
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < 50; i++) jobs.add(NewJob.of(JobType.NO_OP, null));
        List<Job> known = org.owner().jobs().enqueueAll(jobs);
        try (Workers w = sync.startWorkers(options())) {
            await(Duration.ofSeconds(30), () -> known.stream()
                    .allMatch(j -> org.owner().jobs().find(j.id()).orElseThrow().status().terminal()));
            Thread.sleep(1_000); // several more claim rounds with the unknown job alone at the front
        }
        assertThat(ownerCount("SELECT count(*) FROM sync_jobs WHERE id = ? AND status = 'pending' AND attempt = 0"
                + " AND lease_owner IS NULL AND error_message IS NULL", future)).isEqualTo(1);
        // a version that knows the type claims it
        try (Connection c = db.appDataSource().getConnection()) {
            c.setAutoCommit(false);
            Sql.exec(c, "SELECT set_config('search_path', ?, true)", db.schema());
            assertThat(Sql.id(c, "SELECT id FROM claim_sync_jobs('newer', 10, 60, ARRAY['noop', 'future.type'])")).isEqualTo(future);
            c.rollback();
        }
    }

    private static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + timeout);
            Thread.sleep(50);
        }
    }
}
