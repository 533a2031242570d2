package io.storesync.jdbi;

import static io.storesync.testkit.tck.RefreshRace.await;
import static io.storesync.testkit.tck.RefreshRace.finished;
import static io.storesync.testkit.tck.RefreshRace.settle;
import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.Secret;
import io.storesync.api.Tenant;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobStatus;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.job.WorkerOptions;
import io.storesync.api.job.Workers;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreSettings;
import io.storesync.jdbi.CredentialRefreshIT.RotatingPlatform;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.Sql;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10 item 17: heart-beats must not wait for maintenance. Maintenance and stock coalescing share a two-thread
 * scheduler; when both are stuck (here: the test holds table locks their fan-out statements need, as a long
 * migration or a {@code VACUUM FULL} would), a held job must keep its lease for as long as it runs, or the reaper
 * (any instance's) takes it back and it runs twice.
 */
// try-with-resources scopes the workers' lifetime; the handle itself is not used in the body
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
class HeartbeatDuringSlowMaintenanceIT {
    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final TestDatabase db;

    HeartbeatDuringSlowMaintenanceIT(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aJobHeldForSeveralLeasesWhileMaintenanceIsStuckKeepsItsLeaseAndRunsOnce() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        RotatingPlatform platform = new RotatingPlatform();
        // a pool of its own: the two stuck scheduler threads each hold a connection while they wait
        StoreSync sync = StoreSync.builder().dataSource(db.newAppPool(10)).schema(db.schema())
                .credentialKeys(CredentialKeys.single("k1", Secret.ofBytes(key))).discoverConnectors(false)
                .connector(platform).build();
        UserId ownerId = UserId.random();
        Organization org = sync.createOrganization(NewOrganization.of("Slow upkeep", "slow-upkeep", ownerId, "slow@x.example", "O"));
        Tenant owner = sync.tenant(org.id(), Actor.user(ownerId));
        Store store = owner.stores().connect(new NewStore("shopee", "Slow upkeep shop", "shop-" + System.nanoTime(),
                StoreCredentials.of(Secret.of("access-0"), Secret.of(platform.valid), Instant.now().plus(Duration.ofHours(4))),
                StoreSettings.DEFAULTS));
        settle(sync, owner, 1, WAIT);

        Job refresh = owner.jobs().enqueue(NewJob.of(JobType.CREDENTIAL_REFRESH, store.id()));
        platform.holdNextRefresh();
        WorkerOptions options = WorkerOptions.defaults(1).withClaimBatch(1).withLease(LEASE, Duration.ofSeconds(1))
                .withIntervals(Duration.ofMillis(100), Duration.ofMillis(200))
                .withStockTiming(Duration.ofMillis(200), Duration.ofMillis(100)).withShutdownTimeout(Duration.ofSeconds(5));
        try (Connection blocker = db.ownerDataSource().getConnection()) {
            blocker.setAutoCommit(false);
            // the retention fan-out writes retention_settings, the stock fan-out reads stock_changes: with both locked
            // away, both scheduler threads wait inside the database for as long as this transaction lasts
            Sql.exec(blocker, "LOCK TABLE " + db.schema() + ".retention_settings, " + db.schema() + ".stock_changes"
                    + " IN ACCESS EXCLUSIVE MODE");
            try (Workers workers = sync.startWorkers(options)) {
                await("the refresh to reach the platform", WAIT, () -> platform.calls.get() == 1);
                await("maintenance and stock coalescing both stuck on the locks", WAIT, () -> stuckOnTheLocks() == 2);
                UUID token = leaseToken(org, refresh);
                double firstExpiry = leaseExpiry(org, refresh);
                // three and more lease lengths, reaping as another instance's maintenance would all along
                long until = System.nanoTime() + LEASE.multipliedBy(3).plusSeconds(1).toNanos();
                int reapCalls = 0;
                while (System.nanoTime() < until) {
                    reap();
                    reapCalls++;
                    assertThat(leaseToken(org, refresh)).as("the held job's lease token, after %d reap(s)", reapCalls)
                            .isEqualTo(token);
                    Thread.sleep(250);
                }
                assertThat(stuckOnTheLocks()).as("scheduler threads still waiting on the locks").isEqualTo(2);
                double lastExpiry = leaseExpiry(org, refresh);
                assertThat(lastExpiry - firstExpiry).as("seconds the lease was extended while maintenance was stuck")
                        .isGreaterThanOrEqualTo(LEASE.multipliedBy(3).toSeconds());
                platform.release();
                await("the refresh job finished", WAIT, () -> finished(owner, refresh.id()));
                System.out.printf("slow maintenance: lease extended by %.1f s over %d reap(s); job %s%n",
                        lastExpiry - firstExpiry, reapCalls, owner.jobs().find(refresh.id()).orElseThrow().status());
            } finally {
                platform.release();
                blocker.rollback();
            }
        }
        Job done = owner.jobs().find(refresh.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.attempt()).as("attempts").isEqualTo(1);
        assertThat(platform.calls).as("runs of the refresh at the platform").hasValue(1);
        assertThat(platform.refused).hasValue(0);
    }

    /** Lock waits on the two tables the test holds (pg_locks, which any role may read). */
    private long stuckOnTheLocks() {
        try (Connection c = db.ownerDataSource().getConnection()) {
            return Sql.scalar(c, "SELECT count(*) FROM pg_locks l JOIN pg_class t ON t.oid = l.relation"
                    + " WHERE NOT l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                    + " AND t.relname IN ('retention_settings', 'stock_changes')");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void reap() throws SQLException {
        try (Connection app = db.appDataSource().getConnection()) {
            app.setAutoCommit(true);
            Sql.exec(app, "SELECT set_config('search_path', ?, false)", db.schema());
            Sql.scalar(app, "SELECT reap_sync_jobs(1000)");
        }
    }

    private @Nullable UUID leaseToken(Organization org, Job job) throws SQLException {
        try (Connection c = Sql.tenant(db.ownerDataSource(), db.schema(), org.id().value())) {
            // null once the job is no longer running under a lease (reaped)
            UUID token = Sql.id(c, "SELECT (SELECT lease_token FROM sync_jobs WHERE id = ? AND status = 'running')",
                    job.id().value());
            c.rollback();
            return token;
        }
    }

    private double leaseExpiry(Organization org, Job job) throws SQLException {
        try (Connection c = Sql.tenant(db.ownerDataSource(), db.schema(), org.id().value())) {
            long millis = Sql.scalar(c, "SELECT (extract(epoch FROM lease_expires_at) * 1000)::bigint FROM sync_jobs"
                    + " WHERE id = ? AND status = 'running'", job.id().value());
            c.rollback();
            return millis / 1000.0;
        }
    }
}
