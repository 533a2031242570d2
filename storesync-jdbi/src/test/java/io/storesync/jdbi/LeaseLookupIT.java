package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.Tenant;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.Collections;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * V22: completions, heartbeats and releases find the presented leases by primary key and ask for a held lease (its
 * owner and expiry set) instead of {@code status = 'running'}. The lease check constraint makes both say the same of
 * every row; these pin that a token left on a finished row still opens nothing, and that a batch completed among many
 * running jobs (the statistics taken while none ran) completes exactly the presented ones. V23 made the completion one
 * update, without locking its rows first: the last test pins that it still locks them in the heartbeat's order.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class LeaseLookupIT {
    private final TestDatabase db;
    private final StoreSync sync;

    LeaseLookupIT(TestDatabase db) {
        this.db = db;
        this.sync = db.storeSync();
    }

    private record Lease(UUID id, UUID token) {}

    private OrganizationId organizationWithJobs(int jobs) {
        UserId owner = UserId.random();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        OrganizationId org = sync.createOrganization(NewOrganization.of("Org " + tag, "org-" + tag, owner, tag + "@example.com", "Owner")).id();
        Tenant tenant = sync.tenant(org, Actor.user(owner));
        for (int done = 0; done < jobs; done += 500) {
            List<NewJob> batch = new ArrayList<>();
            for (int i = 0; i < Math.min(500, jobs - done); i++) batch.add(NewJob.of(JobType.NO_OP, null));
            tenant.jobs().enqueueAll(batch);
        }
        return org;
    }

    private List<Lease> claim(Connection c, String worker, int limit) throws SQLException {
        List<Lease> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, lease_token FROM " + db.schema()
                + ".claim_sync_jobs(?, ?, 300, ARRAY['noop'])")) {
            ps.setString(1, worker);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Lease(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)));
            }
        }
        return out;
    }

    /** The ids a set-returning lease function ({@code complete_sync_jobs}, {@code heartbeat_sync_jobs}) returned. */
    private Set<UUID> call(Connection c, String function, List<Lease> leases, String extra) throws SQLException {
        Set<UUID> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + db.schema() + "." + function + "(?, ?" + extra + ")")) {
            ps.setArray(1, c.createArrayOf("uuid", leases.stream().map(Lease::id).toArray()));
            ps.setArray(2, c.createArrayOf("uuid", leases.stream().map(Lease::token).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getObject(1, UUID.class));
            }
        }
        return out;
    }

    private long release(Connection c, List<Lease> leases) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + db.schema() + ".release_sync_jobs(?, ?)")) {
            ps.setArray(1, c.createArrayOf("uuid", leases.stream().map(Lease::id).toArray()));
            ps.setArray(2, c.createArrayOf("uuid", leases.stream().map(Lease::token).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The job's whole row as text, read as the owner (who sees every tenant's queue rows). */
    private String row(UUID job) throws SQLException {
        try (Connection c = db.ownerDataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT j::text FROM " + db.schema() + ".sync_jobs j WHERE id = ?")) {
            ps.setObject(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void aTokenLeftOnAFinishedJobOpensNothing() throws Exception {
        OrganizationId org = organizationWithJobs(2);
        try (Connection c = db.appDataSource().getConnection()) {
            List<Lease> claimed = claim(c, "w1", 2);
            assertThat(claimed).hasSize(2);
            Lease finished = claimed.get(0);
            // the in-tenant failure path ends a run without clearing the token: only the lease columns go
            try (Connection t = Sql.tenant(db.appDataSource(), db.schema(), org.value())) {
                Sql.exec(t, "UPDATE sync_jobs SET status = 'failed', outcome = 'exhausted', completed_at = now(),"
                        + " lease_owner = NULL, lease_expires_at = NULL WHERE id = ?", finished.id());
                t.commit();
            }
            String before = row(finished.id());
            assertThat(before).contains(finished.token().toString());

            assertThat(call(c, "heartbeat_sync_jobs", List.of(finished), ", 300")).isEmpty();
            assertThat(call(c, "complete_sync_jobs", List.of(finished), "")).isEmpty();
            assertThat(release(c, List.of(finished))).isZero();
            assertThat(row(finished.id())).isEqualTo(before);
            // the other lease, still held, is heart-beaten and completed as before
            assertThat(call(c, "heartbeat_sync_jobs", List.of(claimed.get(1)), ", 300")).containsExactly(claimed.get(1).id());
            assertThat(call(c, "complete_sync_jobs", List.of(claimed.get(1)), "")).containsExactly(claimed.get(1).id());
        }
    }

    @Test
    void aBatchCompletedAmongManyRunningJobsCompletesExactlyThePresentedLeases() throws Exception {
        OrganizationId org = organizationWithJobs(1200);
        // statistics taken while nothing runs, as after a VACUUM ANALYZE of an idle queue
        try (Connection owner = db.ownerDataSource().getConnection()) {
            owner.setAutoCommit(true);
            Sql.exec(owner, "ANALYZE " + db.schema() + ".sync_jobs");
        }
        try (Connection c = db.appDataSource().getConnection()) {
            List<Lease> mine = new ArrayList<>(claim(c, "w1", 500));
            mine.addAll(claim(c, "w1", 100));
            List<Lease> theirs = claim(c, "w2", 500);
            assertThat(mine).hasSize(600);
            assertThat(theirs).hasSize(500);
            List<Lease> presented = new ArrayList<>(mine);
            // w2's ids with forged tokens, and w1's own leases presented twice: none of it completes anything more
            for (Lease l : theirs.subList(0, 50)) presented.add(new Lease(l.id(), UUID.randomUUID()));
            presented.addAll(mine.subList(0, 10));

            Set<UUID> completed = call(c, "complete_sync_jobs", presented, "");
            assertThat(completed).hasSize(600).containsExactlyInAnyOrderElementsOf(mine.stream().map(Lease::id).toList());
            try (Connection t = Sql.tenant(db.appDataSource(), db.schema(), org.value())) {
                assertThat(Sql.scalar(t, "SELECT count(*) FROM sync_jobs WHERE status = 'completed'")).isEqualTo(600);
                assertThat(Sql.scalar(t, "SELECT count(*) FROM sync_jobs WHERE status = 'running' AND lease_owner = 'w2'")).isEqualTo(500);
            }
            assertThat(call(c, "heartbeat_sync_jobs", theirs, ", 300")).hasSize(500);
            assertThat(release(c, theirs)).isEqualTo(500);
        }
    }
    /**
     * V23: the completion updates the presented rows without locking them first, in id order whatever order they were
     * presented in and whatever the statistics say; a worker's heartbeat locks the same rows in id order on another
     * connection. Run against each other on the same leases, round after round, PostgreSQL never has to break a
     * deadlock (a victim gets SQLSTATE 40P01; without the sort this test saw one at once), and the upkeep jobs among
     * them are deleted, not kept as history.
     */
    @Test
    void aCompletionAndAHeartbeatOfTheSameLeasesNeverDeadlock() throws Exception {
        OrganizationId org = organizationWithJobs(40 * 80);
        try (Connection owner = db.ownerDataSource().getConnection()) {
            owner.setAutoCommit(true);
            // upkeep jobs, which the completion deletes after marking them: one in five of what is claimed below
            Sql.exec(owner, "INSERT INTO " + db.schema() + ".sync_jobs (organization_id, job_type, status)"
                    + " SELECT ?, 'stock.coalesce', 'pending' FROM generate_series(1, 40 * 20)", org.value());
            // spread over the last hour, so that every claim below takes both kinds
            Sql.exec(owner, "UPDATE " + db.schema() + ".sync_jobs SET run_at = now() - random() * interval '1 hour'"
                    + " WHERE organization_id = ?", org.value());
            // statistics taken while nothing runs, which once led the completion to a nested loop over every job
            Sql.exec(owner, "ANALYZE " + db.schema() + ".sync_jobs");
        }
        AtomicInteger deadlocks = new AtomicInteger();
        ExecutorService two = Executors.newFixedThreadPool(2);
        try (Connection claimer = db.appDataSource().getConnection();
             Connection beating = db.appDataSource().getConnection();
             Connection completing = db.appDataSource().getConnection()) {
            // each call its own transaction, as the queue's callers make it
            for (Connection c : List.of(claimer, beating, completing)) c.setAutoCommit(true);
            Random random = new Random(23);
            // until this organization's jobs are all claimed (a claim also takes one job of any other organization
            // with jobs waiting, first: the fair phase)
            for (int round = 0; waiting(org) > 0; round++) {
                assertThat(round).as("rounds").isLessThan(100);
                List<Lease> leases = new ArrayList<>();
                try (PreparedStatement ps = claimer.prepareStatement("SELECT id, lease_token FROM " + db.schema()
                        + ".claim_sync_jobs('w1', 100, 300, ARRAY['noop', 'stock.coalesce'])")) {
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) leases.add(new Lease(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)));
                    }
                }
                assertThat(leases).isNotEmpty();
                List<Lease> shuffled = new ArrayList<>(leases);
                Collections.shuffle(shuffled, random);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Set<UUID>> beat = two.submit(() -> {
                    start.await();
                    return deadlockCounted(deadlocks, () -> call(beating, "heartbeat_sync_jobs", leases, ", 300"));
                });
                Future<Set<UUID>> done = two.submit(() -> {
                    start.await();
                    return deadlockCounted(deadlocks, () -> call(completing, "complete_sync_jobs", shuffled, ""));
                });
                beat.get(30, TimeUnit.SECONDS);
                assertThat(done.get(30, TimeUnit.SECONDS)).hasSize(leases.size());
            }
        } finally {
            two.shutdownNow();
        }
        assertThat(deadlocks.get()).as("deadlock victims").isZero();
        try (Connection t = Sql.tenant(db.appDataSource(), db.schema(), org.value())) {
            assertThat(Sql.scalar(t, "SELECT count(*) FROM sync_jobs WHERE job_type = 'stock.coalesce'"))
                    .as("upkeep jobs left after their completion").isZero();
            assertThat(Sql.scalar(t, "SELECT count(*) FROM sync_jobs WHERE job_type = 'noop' AND status = 'completed'"))
                    .isEqualTo(40L * 80);
            assertThat(Sql.scalar(t, "SELECT count(*) FROM sync_jobs WHERE status <> 'completed'")).isZero();
            t.commit();
        }
    }

    private long waiting(OrganizationId org) throws SQLException {
        try (Connection t = Sql.tenant(db.appDataSource(), db.schema(), org.value())) {
            long n = Sql.scalar(t, "SELECT count(*) FROM sync_jobs WHERE status = 'pending'");
            t.commit();
            return n;
        }
    }

    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    /** Runs {@code work}; a deadlock victim's error is counted, then thrown on. */
    private static <T> T deadlockCounted(AtomicInteger deadlocks, SqlCall<T> work) throws SQLException {
        try {
            return work.call();
        } catch (SQLException e) {
            if ("40P01".equals(e.getSQLState())) deadlocks.incrementAndGet();
            throw e;
        }
    }
}
