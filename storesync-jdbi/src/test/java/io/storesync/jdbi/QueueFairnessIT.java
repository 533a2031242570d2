package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fair claiming: a tenant with 10,000 waiting jobs delays another tenant's single due job by at most one claim
 * round. Measured twice: in claim rounds, calling the claim function as a worker does, and in wall time with real
 * workers, each with and without the flood.
 */
// try-with-resources scopes the workers' lifetime; the handle itself is not used in the body
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
class QueueFairnessIT {
    private static final int FLOOD = 10_000;
    private static final int BATCH = 16;
    private static final int THREADS = 2;

    private final TestDatabase db;

    QueueFairnessIT(TestDatabase db) {
        this.db = db;
    }

    private record Org(OrganizationId id, Tenant owner) {}

    private static Org organization(StoreSync sync) {
        UserId owner = UserId.random();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        var org = sync.createOrganization(NewOrganization.of("Org " + tag, "org-" + tag, owner, tag + "@example.com", "Owner"));
        return new Org(org.id(), sync.tenant(org.id(), Actor.user(owner)));
    }

    /** Records when each job started, and how many of the flooding tenant's jobs had started by then. */
    private static final class Starts implements StoreSyncListener {
        final Map<JobId, Long> startedNanos = new ConcurrentHashMap<>();
        final Map<JobId, Long> floodStartedBefore = new ConcurrentHashMap<>();
        final AtomicLong floodStarts = new AtomicLong();
        volatile OrganizationId flooder = new OrganizationId(new UUID(0, 0));

        @Override
        public void jobStarted(Job job) {
            if (job.organizationId().equals(flooder)) floodStarts.incrementAndGet();
            floodStartedBefore.put(job.id(), floodStarts.get());
            startedNanos.put(job.id(), System.nanoTime());
        }
    }

    /** The claim round (1-based) of {@code BATCH}-job claims, as the application role, that hands out {@code job}. */
    private int claimRoundOf(JobId job, List<UUID[]> claimed) throws SQLException {
        try (Connection c = db.appDataSource().getConnection()) {
            c.setAutoCommit(false);
            for (int round = 1; round <= FLOOD / BATCH + 2; round++) {
                Sql.exec(c, "SELECT set_config('search_path', ?, true)", db.schema());
                boolean found = false;
                int n = 0;
                try (PreparedStatement ps = c.prepareStatement("SELECT id, lease_token FROM claim_sync_jobs('probe', ?, 60, ARRAY['noop'])")) {
                    ps.setInt(1, BATCH);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            n++;
                            UUID id = rs.getObject(1, UUID.class);
                            claimed.add(new UUID[] {id, rs.getObject(2, UUID.class)});
                            found |= id.equals(job.value());
                        }
                    }
                }
                c.commit();
                if (found) return round;
                if (n == 0) break;
            }
            return -1;
        }
    }

    /** Hands the probe's claims back, so the jobs wait again (the first releases of a job refund its attempt). */
    private void release(List<UUID[]> claimed) throws SQLException {
        try (Connection c = db.appDataSource().getConnection()) {
            c.setAutoCommit(false);
            Sql.exec(c, "SELECT set_config('search_path', ?, true)", db.schema());
            Sql.exec(c, "SELECT release_sync_jobs(?, ?)", c.createArrayOf("uuid", claimed.stream().map(p -> p[0]).toArray()),
                    c.createArrayOf("uuid", claimed.stream().map(p -> p[1]).toArray()));
            c.commit();
        }
        claimed.clear();
    }

    /** Where a global (priority, run_at) order would have put the job: the claim round it would have needed. */
    private long globalOrderRound(JobId job) throws SQLException {
        try (Connection c = db.ownerDataSource().getConnection()) {
            Sql.exec(c, "SET search_path = " + db.schema());
            long ahead = Sql.scalar(c, "SELECT count(*) FROM sync_jobs w, sync_jobs j WHERE j.id = ?"
                    + " AND w.status IN ('pending', 'retrying') AND w.run_at <= now() AND (w.priority, w.run_at) < (j.priority, j.run_at)",
                    job.value());
            return ahead / BATCH + 1;
        }
    }

    @Test
    void aTenantWithTenThousandWaitingJobsDelaysAnotherTenantsJobByAtMostOneClaimRound() throws Exception {
        Starts starts = new Starts();
        StoreSync sync = db.storeSyncBuilder().listener(starts).build();
        Org flooder = organization(sync);
        Org other = organization(sync);
        starts.flooder = flooder.id();
        List<UUID[]> claimed = new ArrayList<>();

        // 1. in claim rounds
        Job alone = other.owner().jobs().enqueue(NewJob.of(JobType.NO_OP, null));
        int roundAlone = claimRoundOf(alone.id(), claimed);
        release(claimed);
        other.owner().jobs().cancel(alone.id());
        for (int chunk = 0; chunk < FLOOD / 500; chunk++) {
            List<NewJob> jobs = new ArrayList<>();
            for (int i = 0; i < 500; i++) jobs.add(NewJob.of(JobType.NO_OP, null));
            flooder.owner().jobs().enqueueAll(jobs);
        }
        Job behind = other.owner().jobs().enqueue(NewJob.of(JobType.NO_OP, null));
        long globalRound = globalOrderRound(behind.id());
        int roundFlooded = claimRoundOf(behind.id(), claimed);
        release(claimed);
        other.owner().jobs().cancel(behind.id());
        System.out.printf("claim rounds (batch %d) to reach the other tenant's job: %d without the flood, %d behind %,d"
                + " waiting jobs of one tenant (a global priority order would need %d)%n", BATCH, roundAlone, roundFlooded,
                FLOOD, globalRound);
        assertThat(roundAlone).isEqualTo(1);
        assertThat(roundFlooded).isEqualTo(1);
        assertThat(globalRound).isGreaterThan(FLOOD / BATCH - 1);

        // 2. in wall time, with workers: five jobs of the other tenant without the flood, then five during it
        WorkerOptions options = WorkerOptions.defaults(THREADS).withClaimBatch(BATCH)
                .withLease(Duration.ofSeconds(30), Duration.ofSeconds(5))
                .withIntervals(Duration.ofMillis(200), Duration.ofSeconds(5));
        List<Long> withoutMs = new ArrayList<>();
        List<Long> withMs = new ArrayList<>();
        List<Long> floodJobsAhead = new ArrayList<>();
        // the flood waits (every flood job is delayed an hour out of the way) while the quiet figures are taken
        try (Connection c = db.ownerDataSource().getConnection()) {
            Sql.exec(c, "SET search_path = " + db.schema());
            Sql.exec(c, "UPDATE sync_jobs SET run_at = now() + interval '1 hour' WHERE organization_id = ? AND status = 'pending'",
                    flooder.id().value());
        }
        try (Workers w = sync.startWorkers(options)) {
            for (int i = 0; i < 5; i++) withoutMs.add(latencyMs(other, starts, null));
        }
        try (Connection c = db.ownerDataSource().getConnection()) {
            Sql.exec(c, "SET search_path = " + db.schema());
            Sql.exec(c, "UPDATE sync_jobs SET run_at = now() WHERE organization_id = ? AND status = 'pending'", flooder.id().value());
        }
        try (Workers w = sync.startWorkers(options)) {
            await(() -> starts.floodStarts.get() >= 200);
            for (int i = 0; i < 5; i++) withMs.add(latencyMs(other, starts, floodJobsAhead));
            long floodLeft = pending(flooder.id());
            System.out.printf("other tenant's job, enqueue to start: without the flood %s ms; during a %,d-job flood %s ms"
                    + " (flood jobs started in between: %s; flood jobs still waiting after: %,d)%n",
                    withoutMs, FLOOD, withMs, floodJobsAhead, floodLeft);
            assertThat(floodLeft).as("the flood was still on when the last job was measured").isPositive();
        }
        // In workers, a claim asks only for the slots that are free (often 1 or 2 in steady state), so "one claim
        // round" becomes: what was already claimed when the job was committed (threads + one batch buffered), the
        // claim in flight then, and one more claim; a claim smaller than the number of waiting tenants serves them
        // from a random tenant on, so the other tenant may need a second small claim now and then.
        assertThat(floodJobsAhead).allMatch(n -> n <= THREADS + 3L * BATCH);
    }

    private long pending(OrganizationId org) throws SQLException {
        try (Connection c = db.ownerDataSource().getConnection()) {
            Sql.exec(c, "SET search_path = " + db.schema());
            return Sql.scalar(c, "SELECT count(*) FROM sync_jobs WHERE organization_id = ? AND status = 'pending'", org.value());
        }
    }

    private static long latencyMs(Org other, Starts starts, @Nullable List<Long> floodAhead) {
        long enqueued = System.nanoTime();
        Job job = other.owner().jobs().enqueue(NewJob.of(JobType.NO_OP, null));
        // counted from the commit on, not from before the enqueue: flood jobs starting during the enqueue call are
        // not the claim's doing
        long floodBefore = starts.floodStarts.get();
        await(() -> starts.startedNanos.containsKey(job.id()));
        if (floodAhead != null) floodAhead.add(starts.floodStartedBefore.get(job.id()) - floodBefore);
        return (starts.startedNanos.get(job.id()) - enqueued) / 1_000_000;
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out");
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
