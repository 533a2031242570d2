package io.storesync.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.StoreSync;
import io.storesync.api.StoreSyncException;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobType;
import io.storesync.api.job.Workers;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Closing StoreSync stops the workers it started.
 *
 * <p>An implementation runs this kit by extending it and implementing {@link
 * StoreSyncCompatibilityKit#storeSyncBuilder}; each test class gets a database of its own.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
public abstract class StoreSyncCloseCompatibilityKit extends StoreSyncCompatibilityKit {
    private TestDatabase db;
    private SyncFixture fx;

    @BeforeEach
    void openDatabase(TestDatabase db) {
        this.db = db;
        this.fx = new SyncFixture(db, FakeMarketplace.create(), this::storeSyncBuilder);
    }

    @Test
    void closingStopsEveryWorkerSetItStartedAndRefusesNewOnes() {
        StoreSync sync = fx.storeSync(db.appDataSource(), StoreSyncListener.NONE);
        Workers first = sync.startWorkers(JobQueueCompatibilityKit.fast(1));
        Workers second = sync.startWorkers(JobQueueCompatibilityKit.fast(2));
        assertThat(first.closed()).isFalse();

        sync.close();

        assertThat(first.closed()).isTrue();
        assertThat(second.closed()).isTrue();
        assertThat(first.running()).isZero();
        sync.close();
        first.close();
        assertThatThrownBy(() -> sync.startWorkers(1)).isInstanceOf(StoreSyncException.class);
        // the host's pool is not the engine's to close
        assertThat(sync.platforms()).isNotEmpty();
    }

    /**
     * A {@code stock.coalesce} job blocked in the database (here behind a table lock a test transaction holds) when
     * StoreSync closes: close() returns within the shutdown timeout (plus the five seconds it gives interrupted jobs)
     * with the job handed back, not claimed; when the database lets the blocked job go on after close(), its work is
     * rolled back instead of committed by a worker that no longer holds it, and the next worker runs it.
     */
    @Test
    void aCoalesceJobBlockedInTheDatabaseAtCloseIsHandedBackAndCommitsNothingAfterwards() throws Exception {
        StoreSync sync = fx.storeSync(db.appDataSource(), StoreSyncListener.NONE);
        SyncFixture.Org org = fx.organization(sync);
        fx.variant(org, "KOPI", 5); // a stock change: the coalescer enqueues a stock.coalesce job for it
        try (Connection blocker = fx.tenant(org.id())) {
            Sql.exec(blocker, "LOCK TABLE stock_push_pending IN SHARE MODE");
            Workers workers = sync.startWorkers(JobQueueCompatibilityKit.fast(1).withShutdownTimeout(Duration.ofMillis(500)));
            SyncFixture.await("the coalesce job to block on the lock", Duration.ofSeconds(20), SyncFixture.sql(() ->
                    fx.count(org.id(), "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                            + " AND query LIKE '%INSERT INTO stock_push_pending%'") == 1));
            long started = System.nanoTime();
            sync.close();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
            assertThat(coalesceJobs(org, "running")).as("coalesce jobs still claimed after close()").isZero();
            assertThat(coalesceJobs(org, "pending")).isEqualTo(1);
            blocker.commit();
            SyncFixture.await("the blocked job's thread to end", Duration.ofSeconds(20), () -> workers.running() == 0);
        }
        assertThat(fx.count(org.id(), "SELECT count(*) FROM stock_changes")).as("stock changes coalesced after close()").isEqualTo(1);
        assertThat(coalesceJobs(org, "running")).isZero();

        StoreSync next = fx.storeSync(db.appDataSource(), StoreSyncListener.NONE);
        try {
            next.startWorkers(JobQueueCompatibilityKit.fast(1));
            SyncFixture.await("the next worker to coalesce", Duration.ofSeconds(20), SyncFixture.sql(() ->
                    fx.count(org.id(), "SELECT count(*) FROM stock_changes") == 0));
        } finally {
            next.close();
        }
    }

    /**
     * A claim that is still in the database when close() begins (slowed here to longer than the dispatcher was
     * given) must not leave the jobs it returns claimed by a worker set that is gone: close() waits for it within the
     * shutdown timeout and the dispatcher hands back whatever it got.
     */
    @Test
    void jobsClaimedWhileClosingAreHandedBackNotLeftClaimed() throws Exception {
        AtomicBoolean slow = new AtomicBoolean();
        CountDownLatch claiming = new CountDownLatch(1);
        DataSource slowClaims = slowingClaims(db.appDataSource(), slow, claiming, Duration.ofSeconds(7));
        StoreSync sync = fx.storeSync(slowClaims, StoreSyncListener.NONE);
        SyncFixture.Org org = fx.organization(sync);
        Job job = org.owner().jobs().enqueue(io.storesync.api.job.NewJob.of(JobType.NO_OP, null));
        slow.set(true);
        sync.startWorkers(JobQueueCompatibilityKit.fast(1).withShutdownTimeout(Duration.ofSeconds(15)));
        assertThat(claiming.await(20, TimeUnit.SECONDS)).isTrue();
        long claimDone = System.nanoTime() + Duration.ofSeconds(9).toNanos();
        sync.close();
        // whatever close() waited for, look only once the slowed claim has certainly run and been dealt with
        Thread.sleep(Math.max(0, (claimDone - System.nanoTime()) / 1_000_000));
        assertThat(fx.count(org.id(), "SELECT count(*) FROM sync_jobs WHERE status = 'running'"))
                .as("jobs claimed by a closed StoreSync").isZero();
        assertThat(org.owner().jobs().find(job.id()).orElseThrow().status())
                .isIn(io.storesync.api.job.JobStatus.PENDING, io.storesync.api.job.JobStatus.COMPLETED);
    }

    private long coalesceJobs(SyncFixture.Org org, String status) throws java.sql.SQLException {
        return fx.count(org.id(), "SELECT count(*) FROM sync_jobs WHERE job_type = 'stock.coalesce' AND status = ?", status);
    }

    /** {@code pool}, whose connections, once {@code slow} is set, wait {@code delay} before running a job claim. */
    private static DataSource slowingClaims(DataSource pool, AtomicBoolean slow, CountDownLatch claiming, Duration delay) {
        return (DataSource) Proxy.newProxyInstance(StoreSyncCloseCompatibilityKit.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(pool, method, args);
                    if (!(result instanceof Connection c)) return result;
                    return Proxy.newProxyInstance(StoreSyncCloseCompatibilityKit.class.getClassLoader(),
                            new Class<?>[] {Connection.class}, (p, m, a) -> {
                                if (slow.get() && m.getName().startsWith("prepare") && a != null && a[0] instanceof String sql
                                        && sql.contains("claim_sync_jobs")) {
                                    claiming.countDown();
                                    Thread.sleep(delay.toMillis());
                                }
                                return invoke(c, m, a);
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
