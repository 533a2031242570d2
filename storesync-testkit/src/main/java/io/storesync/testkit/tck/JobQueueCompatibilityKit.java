package io.storesync.testkit.tck;

import static io.storesync.testkit.tck.SyncFixture.await;
import static io.storesync.testkit.tck.SyncFixture.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.StoreSync;
import io.storesync.api.ConflictException;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobId;
import io.storesync.api.job.JobStatus;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.job.RetryPolicy;
import io.storesync.api.job.WorkerOptions;
import io.storesync.api.job.Workers;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreSettings;
import io.storesync.api.store.StoreStatus;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The job queue: exactly-once under competition, lease recovery, backoff, retry-after, dead jobs, cancel, dedupe.
 *
 * <p>An implementation runs this kit by extending it and implementing {@link
 * StoreSyncCompatibilityKit#storeSyncBuilder}; each test class gets a database of its own.
 */
// try-with-resources scopes the workers' lifetime; the handle itself is often not used in the body
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
public abstract class JobQueueCompatibilityKit extends StoreSyncCompatibilityKit {
    private TestDatabase db;
    private final FakeMarketplace fake = FakeMarketplace.create();
    private SyncFixture fx;

    @BeforeEach
    void openDatabase(TestDatabase db) {
        this.db = db;
        this.fx = new SyncFixture(db, fake, this::storeSyncBuilder);
    }

    public static WorkerOptions fast(int threads) {
        return WorkerOptions.defaults(threads)
                .withLease(Duration.ofSeconds(2), Duration.ofMillis(300))
                .withIntervals(Duration.ofMillis(200), Duration.ofMillis(100))
                .withRetryPolicy(new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(2), 0))
                .withShutdownTimeout(Duration.ofSeconds(5));
    }

    /** Records every start and finish, and any overlap of two runs of one job. */
    static final class Recorder implements StoreSyncListener {
        final Map<JobId, AtomicInteger> starts = new ConcurrentHashMap<>();
        final Map<JobId, AtomicInteger> finishes = new ConcurrentHashMap<>();
        final Set<JobId> runningNow = ConcurrentHashMap.newKeySet();
        final AtomicInteger overlaps = new AtomicInteger();
        final List<Long> startNanos = new CopyOnWriteArrayList<>();
        final List<String> failures = new CopyOnWriteArrayList<>();

        @Override
        public void jobStarted(Job job) {
            starts.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
            startNanos.add(System.nanoTime());
            if (!runningNow.add(job.id())) overlaps.incrementAndGet();
        }

        @Override
        public void jobFinished(Job job, Duration took) {
            finishes.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
            runningNow.remove(job.id());
        }

        @Override
        public void jobFailed(Job job, String error, boolean willRetry) {
            failures.add(error);
            runningNow.remove(job.id());
        }
    }

    @Test
    void tenThousandJobsFourWorkersTwoPoolsEveryJobCompletesExactlyOnce() throws Exception {
        DataSource poolA = db.newAppPool(6);
        DataSource poolB = db.newAppPool(6);
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        StoreSync syncA = fx.storeSync(poolA, a);
        StoreSync syncB = fx.storeSync(poolB, b);
        List<SyncFixture.Org> orgs = List.of(fx.organization(syncA), fx.organization(syncA), fx.organization(syncA), fx.organization(syncA));
        for (SyncFixture.Org org : orgs) {
            for (int chunk = 0; chunk < 5; chunk++) {
                List<NewJob> jobs = new ArrayList<>();
                for (int i = 0; i < 500; i++) jobs.add(NewJob.of(JobType.NO_OP, null));
                org.owner().jobs().enqueueAll(jobs);
            }
        }
        java.sql.Array orgIds;
        try (var c = db.ownerDataSource().getConnection()) {
            orgIds = c.createArrayOf("uuid", orgs.stream().map(o -> o.id().value()).toArray());
        }
        long started = System.nanoTime();
        try (Workers w1 = syncA.startWorkers(fast(2)); Workers w2 = syncB.startWorkers(fast(2))) {
            long[] lastPrint = {System.nanoTime()};
            await("10,000 completed jobs", Duration.ofMinutes(3), sql(() -> {
                long done = fx.ownerCount("SELECT count(*) FROM sync_jobs WHERE status = 'completed' AND organization_id = ANY (?)", orgIds);
                if (System.nanoTime() - lastPrint[0] > 5_000_000_000L) {
                    lastPrint[0] = System.nanoTime();
                    System.out.println("completed so far: " + done + ", running " + w1.running() + "+" + w2.running());
                }
                return done == 10_000;
            }));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("10,000 no-op jobs, 4 workers in 2 pools: %.1f s (%.0f jobs/s); pool A ran %d, pool B ran %d%n",
                seconds, 10_000 / seconds, a.starts.size(), b.starts.size());
        assertThat(fx.ownerCount("SELECT count(*) FROM sync_jobs WHERE organization_id = ANY (?)"
                + " AND (attempt <> 1 OR status <> 'completed')", orgIds)).isZero();
        Map<JobId, Integer> starts = new ConcurrentHashMap<>();
        a.starts.forEach((k, v) -> starts.merge(k, v.get(), Integer::sum));
        b.starts.forEach((k, v) -> starts.merge(k, v.get(), Integer::sum));
        assertThat(starts).hasSize(10_000);
        assertThat(starts.values()).allMatch(n -> n == 1);
        assertThat(a.finishes.size() + b.finishes.size()).isEqualTo(10_000);
        assertThat(a.overlaps.get() + b.overlaps.get()).isZero();
        assertThat(a.starts).isNotEmpty();
        assertThat(b.starts).isNotEmpty();
        assertThat(a.failures).isEmpty();
        assertThat(b.failures).isEmpty();
    }

    @Test
    void aKilledWorkersLeaseExpiresAndAnotherWorkerCompletesTheJob() throws Exception {
        DataSource poolA = db.newAppPool(4);
        DataSource poolB = db.newAppPool(4);
        StoreSync syncA = fx.storeSync(poolA, StoreSyncListener.NONE);
        StoreSync syncB = fx.storeSync(poolB, StoreSyncListener.NONE);
        SyncFixture.Org org = fx.organization(syncB);
        Store store = fx.store(org, "kill-1", StoreSettings.DEFAULTS);
        fx.quiet(org, store);
        var variant = fx.variant(org, "KILL-1", 10);
        fx.listing(org, store.id(), variant, "P-KILL-1");
        // both stock changes land before any worker runs, so they coalesce into the one push that worker A will hold
        fx.reserve(org, variant, 3);
        fake.holdPushes();
        Workers workersA = syncA.startWorkers(fast(1).withStockTiming(Duration.ofMillis(50), Duration.ZERO));
        try {
            await("worker A inside the push", Duration.ofSeconds(20), () -> fake.calls(FakeMarketplace.Operation.PUSH_STOCK) >= 1);
            Job held = org.owner().jobs().list(io.storesync.api.PageRequest.first(50)).items().stream()
                    .filter(j -> j.type() == JobType.STOCK_PUSH).findFirst().orElseThrow();
            assertThat(held.status()).isEqualTo(JobStatus.RUNNING);
            // the kill: worker A's connections die under it, without any clean shutdown
            ((Closeable) poolA).close();
            fake.releasePushes();
            try (Workers workersB = syncB.startWorkers(fast(1))) {
                await("the job completed by worker B", Duration.ofSeconds(30),
                        () -> org.owner().jobs().find(held.id()).orElseThrow().status() == JobStatus.COMPLETED);
            }
            Job done = org.owner().jobs().find(held.id()).orElseThrow();
            assertThat(done.attempt()).isEqualTo(2);
            assertThat(fake.stockPushCalls()).isGreaterThanOrEqualTo(2);
            assertThat(fake.lastPushed("kill-1", "P-KILL-1")).contains(7);
        } finally {
            fake.releasePushes();
            workersA.close();
        }
    }

    @Test
    void failuresBackOffExponentiallyAndTheJobDiesWithItsErrorAfterTheLastAttempt() throws Exception {
        Recorder rec = new Recorder();
        StoreSync sync = fx.storeSync(db.appDataSource(), rec);
        SyncFixture.Org org = fx.organization(sync);
        Store store = fx.store(org, "backoff-1", StoreSettings.DEFAULTS);
        fx.quiet(org, store);
        for (int i = 0; i < 3; i++) fake.platformErrorNext(FakeMarketplace.Operation.ORDERS_CHANGED);
        Job job = org.owner().jobs().enqueue(NewJob.of(JobType.ORDER_POLL, store.id()).withMaxAttempts(3));
        try (Workers w = sync.startWorkers(fast(1))) {
            await("the job to fail", Duration.ofSeconds(20),
                    () -> org.owner().jobs().find(job.id()).orElseThrow().status() == JobStatus.FAILED);
        }
        Job dead = org.owner().jobs().find(job.id()).orElseThrow();
        assertThat(dead.outcome()).isEqualTo("exhausted");
        assertThat(dead.attempt()).isEqualTo(3);
        assertThat(dead.errorMessage()).contains("service unavailable").contains("gave up after 3 attempt(s)");
        assertThat(rec.startNanos).hasSize(3);
        long gap1 = (rec.startNanos.get(1) - rec.startNanos.get(0)) / 1_000_000;
        long gap2 = (rec.startNanos.get(2) - rec.startNanos.get(1)) / 1_000_000;
        // RetryPolicy 200 ms doubling, no jitter: the second wait is twice the first
        assertThat(gap1).isGreaterThanOrEqualTo(190);
        assertThat(gap2).isGreaterThanOrEqualTo(390);
        assertThat(fx.count(org.id(), "SELECT retry_count FROM sync_jobs WHERE id = ?", job.id().value())).isEqualTo(2);

        // visible and retryable by hand
        Job again = org.owner().jobs().retry(job.id());
        assertThat(again.status()).isEqualTo(JobStatus.PENDING);
        assertThat(again.attempt()).isZero();
        try (Workers w = sync.startWorkers(fast(1))) {
            await("the retried job to complete", Duration.ofSeconds(20),
                    () -> org.owner().jobs().find(job.id()).orElseThrow().status() == JobStatus.COMPLETED);
        }
    }

    @Test
    void aRetryAfterIsHonouredWithoutBurningAnAttempt() throws Exception {
        Recorder rec = new Recorder();
        StoreSync sync = fx.storeSync(db.appDataSource(), rec);
        SyncFixture.Org org = fx.organization(sync);
        Store store = fx.store(org, "rl-1", StoreSettings.DEFAULTS);
        fx.quiet(org, store);
        fake.rateLimitNext(FakeMarketplace.Operation.ORDERS_CHANGED, Duration.ofMillis(600));
        fake.rateLimitNext(FakeMarketplace.Operation.ORDERS_CHANGED, Duration.ofMillis(600));
        Job job = org.owner().jobs().enqueue(NewJob.of(JobType.ORDER_POLL, store.id()).withMaxAttempts(2));
        try (Workers w = sync.startWorkers(fast(1))) {
            await("the job to complete", Duration.ofSeconds(20),
                    () -> org.owner().jobs().find(job.id()).orElseThrow().status() == JobStatus.COMPLETED);
        }
        Job done = org.owner().jobs().find(job.id()).orElseThrow();
        // two throttled runs and one good one, yet only one attempt counted (max 2 would have killed it otherwise)
        assertThat(rec.startNanos).hasSize(3);
        assertThat(done.attempt()).isEqualTo(1);
        assertThat((rec.startNanos.get(1) - rec.startNanos.get(0)) / 1_000_000).isGreaterThanOrEqualTo(590);
        assertThat((rec.startNanos.get(2) - rec.startNanos.get(1)) / 1_000_000).isGreaterThanOrEqualTo(590);
    }

    @Test
    void rejectedCredentialsFlagTheStoreAndAreNotRetried() throws Exception {
        StoreSync sync = fx.storeSync(db.appDataSource(), StoreSyncListener.NONE);
        SyncFixture.Org org = fx.organization(sync);
        Store store = fx.store(org, "cr-1", StoreSettings.DEFAULTS);
        fx.quiet(org, store);
        fake.rejectCredentialsNext(FakeMarketplace.Operation.ORDERS_CHANGED);
        Job job = org.owner().jobs().enqueue(NewJob.of(JobType.ORDER_POLL, store.id()));
        try (Workers w = sync.startWorkers(fast(1))) {
            await("the job to fail", Duration.ofSeconds(20),
                    () -> org.owner().jobs().find(job.id()).orElseThrow().status() == JobStatus.FAILED);
        }
        Job failed = org.owner().jobs().find(job.id()).orElseThrow();
        assertThat(failed.outcome()).isEqualTo("credentials_rejected");
        assertThat(failed.attempt()).isEqualTo(1);
        assertThat(org.owner().stores().find(store.id()).orElseThrow().status()).isEqualTo(StoreStatus.REAUTHORIZATION_REQUIRED);
        // no schedule picks the store up any more, even when due
        fx.count(org.id(), "UPDATE store_sync_state SET next_order_poll_at = now() - interval '1 hour' RETURNING 1");
        try (Workers w = sync.startWorkers(fast(1))) {
            Thread.sleep(600);
        }
        assertThat(fx.count(org.id(), "SELECT count(*) FROM sync_jobs WHERE store_id = ? AND status IN ('pending', 'retrying', 'running')",
                store.id().value())).isZero();
    }

    @Test
    void cancelledJobsNeverRunAndFinishedJobsCannotBeCancelled() throws Exception {
        Recorder rec = new Recorder();
        StoreSync sync = fx.storeSync(db.appDataSource(), rec);
        SyncFixture.Org org = fx.organization(sync);
        Job later = org.owner().jobs().enqueue(NewJob.of(JobType.NO_OP, null).withDelay(Duration.ofMillis(300)));
        Job cancelled = org.owner().jobs().cancel(later.id());
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.outcome()).isEqualTo("cancelled");
        Job other = org.owner().jobs().enqueue(NewJob.of(JobType.NO_OP, null).withDelay(Duration.ofMillis(300)));
        try (Workers w = sync.startWorkers(fast(1))) {
            await("the other job", Duration.ofSeconds(10),
                    () -> org.owner().jobs().find(other.id()).orElseThrow().status() == JobStatus.COMPLETED);
        }
        assertThat(rec.starts).doesNotContainKey(later.id());
        assertThat(org.owner().jobs().find(later.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThatThrownBy(() -> org.owner().jobs().cancel(other.id())).isInstanceOf(ConflictException.class);
    }

    @Test
    void aDedupeKeyIsUniqueAmongWaitingJobsEvenUnderConcurrentEnqueues() throws Exception {
        StoreSync sync = fx.storeSync(db.appDataSource(), StoreSyncListener.NONE);
        SyncFixture.Org org = fx.organization(sync);
        NewJob job = NewJob.of(JobType.NO_OP, null).withDedupeKey("only-one").withDelay(Duration.ofHours(1));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Job>> futures = new ArrayList<>();
        for (int i = 0; i < 32; i++) futures.add(pool.submit(() -> org.owner().jobs().enqueue(job)));
        Set<JobId> ids = ConcurrentHashMap.newKeySet();
        for (Future<Job> f : futures) ids.add(f.get(30, TimeUnit.SECONDS).id());
        pool.shutdown();
        assertThat(ids).hasSize(1);
        assertThat(fx.count(org.id(), "SELECT count(*) FROM sync_jobs WHERE dedupe_key = 'only-one'")).isEqualTo(1);
        // once the job finished, the key is free again
        org.owner().jobs().cancel(ids.iterator().next());
        Job next = org.owner().jobs().enqueue(job);
        assertThat(next.id()).isNotIn(ids);
        // and retrying the cancelled one now would make two waiting jobs with one key
        assertThatThrownBy(() -> org.owner().jobs().retry(ids.iterator().next())).isInstanceOf(ConflictException.class);
    }
}
