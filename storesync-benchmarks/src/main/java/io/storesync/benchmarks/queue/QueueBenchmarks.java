package io.storesync.benchmarks.queue;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.Secret;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.NewListing;
import io.storesync.api.catalogue.NewProduct;
import io.storesync.api.catalogue.NewVariant;
import io.storesync.api.catalogue.Product;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.job.WorkerOptions;
import io.storesync.api.job.Workers;
import io.storesync.api.order.IngestResult;
import io.storesync.api.order.OrderLineSnapshot;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.order.OrderStatus;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreId;
import io.storesync.api.store.StoreSettings;
import io.storesync.spi.connector.ConnectorLimits;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * The job queue benchmarks (docs/BENCHMARKS.md, "Job queue"):
 *
 * <ol>
 *   <li>no-op jobs per second with 4 workers: StoreSync's queue against db-scheduler, same database, same run,
 *       each draining the same number of pre-inserted jobs, after a warm-up of both, alternating twice (who goes
 *       first alternates too);</li>
 *   <li>latency from an order's ingestion commit ({@code orders().ingest(snapshot)} returning) to the first stock
 *       push reaching the fake marketplace whose quantity reflects that order, at 50 and at 500 orders a second
 *       ({@code bench.rates}), with the most push calls one listing got within one push window; then on an idle
 *       store.</li>
 * </ol>
 *
 * Sizes come from system properties: {@code bench.jobs} (default 20000; 0 skips the throughput part),
 * {@code bench.latencySeconds} (30; 0 skips the latency part), {@code bench.ingest} ({@code single}, the default:
 * one order per {@code ingest} call from up to 8 threads; {@code pages}: one thread ingesting every order due so far,
 * at most 100, per {@code ingestAll} call, as an order poll's page or a webhook batch arrives; or both,
 * {@code single,pages}).
 */
public final class QueueBenchmarks {
    private static final CredentialKeys KEYS = CredentialKeys.single("bench", Secret.ofBytes(new byte[32]));

    private QueueBenchmarks() {}

    public static void main(String[] args) throws Exception {
        int jobs = Integer.getInteger("bench.jobs", 20_000);
        int latencySeconds = Integer.getInteger("bench.latencySeconds", 30);
        try (TestDatabase db = TestDatabase.create()) {
            System.out.printf(Locale.ROOT, "PostgreSQL: %s (%s)%n", db.serverKind(), version(db));
            if (jobs > 0) throughput(db, jobs);
            if (latencySeconds > 0) stockPushLatency(db, latencySeconds);
        }
    }

    private static void throughput(TestDatabase db, int jobs) throws Exception {
        createDbSchedulerTable(db);
        // both JVM paths warmed up (JIT, pools, plan caches) before anything is measured, on a tenth of the jobs
        int warmUp = Math.max(100, jobs / 10);
        storeSyncThroughput(db, warmUp);
        dbSchedulerThroughput(db, warmUp);
        List<double[]> rounds = new ArrayList<>();
        for (int round = 1; round <= 2; round++) {
            // who goes first alternates, so neither side always runs right after the other's writes
            double storesync;
            double dbScheduler;
            if (round % 2 == 1) {
                storesync = storeSyncThroughput(db, jobs);
                dbScheduler = dbSchedulerThroughput(db, jobs);
            } else {
                dbScheduler = dbSchedulerThroughput(db, jobs);
                storesync = storeSyncThroughput(db, jobs);
            }
            System.out.printf(Locale.ROOT, "round %d: StoreSync %.0f jobs/s, db-scheduler %.0f jobs/s, ratio %.2fx%n",
                    round, storesync, dbScheduler, storesync / dbScheduler);
            rounds.add(new double[] {storesync, dbScheduler});
        }
        double s = rounds.stream().mapToDouble(r -> r[0]).max().orElseThrow();
        double d = rounds.stream().mapToDouble(r -> r[1]).max().orElseThrow();
        System.out.printf(Locale.ROOT, "RESULT throughput (best of 2, %d no-op jobs, 4 workers): StoreSync %.0f jobs/s,"
                + " db-scheduler %.0f jobs/s, ratio %.2fx%n", jobs, s, d, s / d);
    }

    private static String version(TestDatabase db) throws SQLException {
        try (Connection c = db.appDataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    // ------------------------------------------------------------------------------------------- StoreSync

    static double storeSyncThroughput(TestDatabase db, int jobs) throws Exception {
        return storeSyncThroughput(db, jobs, StoreSyncListener.NONE);
    }

    /** As above, with {@code extra} hearing every event too (the Micrometer listener, for its overhead). */
    static double storeSyncThroughput(TestDatabase db, int jobs, StoreSyncListener extra) throws Exception {
        DataSource pool = db.newAppPool(10);
        CountDownLatch finished = new CountDownLatch(jobs);
        // counted through the listener, as db-scheduler's are counted in its task: no polling query competes
        StoreSync sync = StoreSync.builder().dataSource(pool).schema(db.schema()).listener(new StoreSyncListener() {
            @Override
            public void jobStarted(Job job) {
                extra.jobStarted(job);
            }

            @Override
            public void jobFinished(Job job, Duration took) {
                extra.jobFinished(job, took);
                finished.countDown();
            }
        }).build();
        UserId owner = UserId.random();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Organization org = sync.createOrganization(NewOrganization.of("Bench", "bench-" + tag, owner, tag + "@bench.example", "B"));
        Tenant tenant = sync.tenant(org.id(), Actor.user(owner));
        for (int done = 0; done < jobs; done += 1000) {
            List<NewJob> batch = new ArrayList<>();
            for (int i = 0; i < Math.min(1000, jobs - done); i++) batch.add(NewJob.of(JobType.NO_OP, null));
            tenant.jobs().enqueueAll(batch);
        }
        vacuum(db, "storesync.sync_jobs");
        WorkerOptions options = WorkerOptions.defaults(4).withIntervals(Duration.ofMillis(50), Duration.ofSeconds(5));
        // -Dbench.claimBatch overrides the default batch, to explore its effect
        if (Integer.getInteger("bench.claimBatch") != null) options = options.withClaimBatch(Integer.getInteger("bench.claimBatch"));
        long start = System.nanoTime();
        double seconds;
        try (Workers w = sync.startWorkers(options)) {
            if (!finished.await(10, TimeUnit.MINUTES)) throw new IllegalStateException("StoreSync did not finish");
            seconds = (System.nanoTime() - start) / 1e9;
        }
        long completed = count(db, "SELECT count(*) FROM storesync.sync_jobs WHERE organization_id = '" + org.id()
                + "' AND status = 'completed' AND attempt = 1");
        if (completed != jobs) throw new IllegalStateException("expected " + jobs + " completed jobs, found " + completed);
        return jobs / seconds;
    }

    // ------------------------------------------------------------------------------------------- db-scheduler

    private static void createDbSchedulerTable(TestDatabase db) throws SQLException {
        // db-scheduler's PostgreSQL table (its documented DDL), owned by the owner role and granted to the app role
        // so that both queues run through the same kind of pool
        try (Connection c = db.ownerDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE public.scheduled_tasks (task_name text NOT NULL, task_instance text NOT NULL,"
                    + " task_data bytea, execution_time timestamptz NOT NULL, picked boolean NOT NULL, picked_by text,"
                    + " last_success timestamptz, last_failure timestamptz, consecutive_failures int,"
                    + " last_heartbeat timestamptz, version bigint NOT NULL, priority smallint,"
                    + " PRIMARY KEY (task_name, task_instance))");
            s.execute("CREATE INDEX execution_time_idx ON public.scheduled_tasks (execution_time)");
            s.execute("CREATE INDEX last_heartbeat_idx ON public.scheduled_tasks (last_heartbeat)");
            s.execute("CREATE INDEX priority_execution_time_idx ON public.scheduled_tasks (priority DESC, execution_time ASC)");
            s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON public.scheduled_tasks TO " + db.applicationRole());
        }
    }

    static double dbSchedulerThroughput(TestDatabase db, int jobs) throws Exception {
        DataSource pool = db.newAppPool(10);
        CountDownLatch done = new CountDownLatch(jobs);
        AtomicInteger executed = new AtomicInteger();
        String taskName = "noop-" + UUID.randomUUID().toString().substring(0, 8);
        OneTimeTask<Void> noop = Tasks.oneTime(taskName).execute((instance, ctx) -> {
            executed.incrementAndGet();
            done.countDown();
        });
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO public.scheduled_tasks (task_name, task_instance,"
                     + " execution_time, picked, version, priority) VALUES (?, ?, ?, false, 1, 0)")) {
            c.setAutoCommit(false);
            Timestamp now = Timestamp.from(Instant.now().minusSeconds(1));
            for (int i = 0; i < jobs; i++) {
                ps.setString(1, taskName);
                ps.setString(2, Integer.toString(i));
                ps.setTimestamp(3, now);
                ps.addBatch();
                if (i % 1000 == 999) ps.executeBatch();
            }
            ps.executeBatch();
            c.commit();
        }
        vacuum(db, "public.scheduled_tasks");
        // its fastest documented configuration: lock-and-fetch (one UPDATE ... FOR UPDATE SKIP LOCKED per batch) with
        // the limits its README gives "for high throughput (i.e. keep threads busy)": fetch up to 4 x threads, fetch
        // again at 1 x threads left (0.5, 1.0 is its setting "for normal usage")
        Scheduler scheduler = Scheduler.create(pool, noop).threads(4).pollUsingLockAndFetch(1.0, 4.0)
                .pollingInterval(Duration.ofMillis(50)).registerShutdownHook().build();
        long start = System.nanoTime();
        scheduler.start();
        if (!done.await(10, TimeUnit.MINUTES)) throw new IllegalStateException("db-scheduler did not finish");
        double seconds = (System.nanoTime() - start) / 1e9;
        scheduler.stop();
        return jobs / seconds;
    }

    private static void vacuum(TestDatabase db, String table) throws SQLException {
        try (Connection c = db.ownerDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE " + table);
        }
    }

    private static long count(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.ownerDataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ------------------------------------------------------------------------------------------- latency

    static void stockPushLatency(TestDatabase db, int seconds) throws Exception {
        for (String ingest : System.getProperty("bench.ingest", "single").split(",")) {
            boolean pages = switch (ingest.trim()) {
                case "single" -> false;
                case "pages" -> true;
                default -> throw new IllegalArgumentException("bench.ingest is single, pages or both, not " + ingest);
            };
            for (String rate : System.getProperty("bench.rates", "50,500").split(",")) {
                stockPushLatency(db, seconds, Integer.parseInt(rate.trim()), pages);
            }
        }
    }

    /**
     * {@code rate} orders a second for {@code seconds} (from up to 8 threads, each order due at its own time; or, with
     * {@code pages}, from one thread taking every order due so far per call), then 20 orders half a second apart on a
     * store that is idle between them: latency from each order's commit to the first push showing it, push calls,
     * and the most calls one listing got within any one push window.
     */
    static void stockPushLatency(TestDatabase db, int seconds, int rate, boolean pages) throws Exception {
        FakeMarketplace fake = FakeMarketplace.create().limits(new ConnectorLimits(1000, 1000, 50, 50, Duration.ofDays(1)));
        StoreSync sync = StoreSync.builder().dataSource(db.appDataSource()).schema(db.schema()).credentialKeys(KEYS)
                .connector(fake.provider()).build();
        UserId owner = UserId.random();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Organization org = sync.createOrganization(NewOrganization.of("Latency", "lat-" + tag, owner, tag + "@bench.example", "L"));
        Tenant tenant = sync.tenant(org.id(), Actor.user(owner));
        Store store = tenant.stores().connect(new NewStore(fake.platform(), "Latency shop", "lat-1",
                StoreCredentials.of(Secret.of("bench-token")), StoreSettings.DEFAULTS));
        int skus = 20;
        int opening = 1_000_000;
        // set up through the API a host would use: a location, a catalogue, opening stock, one listing per variant
        LocationId location = tenant.locations().create(NewLocation.named("Main")).id();
        for (int i = 0; i < skus; i++) {
            Product product = tenant.catalogue().createProduct(NewProduct.of("L-" + i, "P " + i));
            VariantId variant = tenant.catalogue().addVariant(product.id(), NewVariant.of("L-" + i)).id();
            tenant.inventory().receive(variant, location, opening, StockContext.note("opening stock"));
            tenant.listings().link(new NewListing(variant, store.id(), "LP-" + i, null, "LP-" + i, BigDecimal.ONE, null));
        }
        WorkerOptions options = WorkerOptions.defaults(4);
        long window = options.stockPushDelay().toNanos();
        try (Workers w = sync.startWorkers(options)) {
            // the opening stock's pushes and the catalogue import queued on connecting are not part of the measurement
            awaitCondition("the opening stock pushed", Duration.ofSeconds(60),
                    () -> fake.stockPushes().stream().map(FakeMarketplace.StockPush::platformProductId).distinct().count() == skus);
            int[] reserved = new int[skus];
            int callsBefore = fake.stockPushCalls();
            int pushesBefore = fake.stockPushes().size();
            int orders = seconds * rate;
            long[] committedAt = new long[orders];
            long[] ingestNanos = new long[orders];
            int[] sku = new int[orders];
            for (int i = 0; i < orders; i++) {
                sku[i] = i % skus;
                reserved[sku[i]]++;
            }
            long interval = 1_000_000_000L / rate;
            Instant placedAt = Instant.now();
            String prefix = "LAT-" + (pages ? "P" : "S") + rate + "-";
            int threads = pages ? 1 : Math.min(8, Math.max(1, rate / 50));
            ExecutorService ingesters = Executors.newFixedThreadPool(threads);
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(ingesters.submit(() -> {
                    if (pages) {
                        for (int next = 0; next < orders; ) {
                            long wait = t0 + next * interval - System.nanoTime();
                            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                            // every order due by now, as a poll's page or a webhook batch holds what arrived meanwhile
                            int end = (int) Math.min(Math.min(orders, next + 100L), Math.max(next + 1L, (System.nanoTime() - t0) / interval + 1));
                            List<OrderSnapshot> page = new ArrayList<>();
                            for (int i = next; i < end; i++) page.add(order(store.id(), prefix + i, "LP-" + sku[i], placedAt.plusMillis(i)));
                            long start = System.nanoTime();
                            // ingestAll returns after the page's transaction committed
                            List<IngestResult> results = tenant.orders().ingestAll(page);
                            long committed = System.nanoTime();
                            for (IngestResult r : results) {
                                if (r.outcome() == IngestResult.Outcome.REJECTED) {
                                    throw new IllegalStateException("an order was rejected: " + r.reason());
                                }
                            }
                            for (int i = next; i < end; i++) {
                                committedAt[i] = committed;
                                ingestNanos[i] = committed - start;
                            }
                            next = end;
                        }
                        return null;
                    }
                    for (int i = first; i < orders; i += threads) {
                        long wait = t0 + i * interval - System.nanoTime();
                        if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                        OrderSnapshot order = order(store.id(), prefix + i, "LP-" + sku[i], placedAt.plusMillis(i));
                        long start = System.nanoTime();
                        // ingest returns after its transaction committed: the reservation and the stock change are durable
                        tenant.orders().ingest(order);
                        committedAt[i] = System.nanoTime();
                        ingestNanos[i] = committedAt[i] - start;
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
            ingesters.shutdown();
            double achieved = orders / ((System.nanoTime() - t0) / 1e9);
            int[] availableAfter = availableAfter(opening, committedAt, sku, skus);
            // done when every SKU's latest push shows its final available (every order reflected), or after 30 s
            awaitCondition("every order's push", Duration.ofSeconds(30), () -> {
                List<FakeMarketplace.StockPush> all = fake.stockPushes();
                for (int k = 0; k < skus; k++) {
                    String product = "LP-" + k;
                    int finalAvailable = opening - reserved[k];
                    if (all.stream().noneMatch(p -> p.platformProductId().equals(product) && p.quantity() <= finalAvailable)) {
                        return false;
                    }
                }
                return true;
            });
            List<FakeMarketplace.StockPush> pushes = List.copyOf(fake.stockPushes().subList(pushesBefore, fake.stockPushes().size()));
            int calls = fake.stockPushCalls() - callsBefore;
            Latencies loaded = latencies(pushes, committedAt, sku, availableAfter);
            List<Long> ingests = new ArrayList<>();
            for (long n : ingestNanos) ingests.add(n);
            Collections.sort(ingests);
            System.out.printf(Locale.ROOT, "RESULT order to stock push latency (%s, %d orders at %d/s, achieved %.0f/s, over %d SKUs,"
                            + " %d push calls, coalesce every %d ms, push window %d ms): p50 %.0f ms, p99 %.0f ms, max %.0f ms,"
                            + " never pushed %d; ingest call p50 %.1f ms, p99 %.1f ms; %s%n",
                    pages ? "pages of the orders due, one thread" : "one order a call, " + threads + " thread(s)",
                    orders, rate, achieved, skus, calls, options.stockCoalesceInterval().toMillis(),
                    options.stockPushDelay().toMillis(), pct(loaded.sorted, 0.50), pct(loaded.sorted, 0.99), loaded.max(),
                    loaded.missing, pct(ingests, 0.50), pct(ingests, 0.99), perWindow(pushes, window));

            // the other end: a store idle between orders, each order pushed at once rather than a window later
            int idle = 20;
            long[] idleAt = new long[idle];
            int[] idleSku = new int[idle];
            int[] idleAfter = new int[idle];
            int idleBefore = fake.stockPushes().size();
            for (int i = 0; i < idle; i++) {
                TimeUnit.MILLISECONDS.sleep(500);
                idleSku[i] = i % skus;
                idleAfter[i] = opening - ++reserved[idleSku[i]];
                tenant.orders().ingest(order(store.id(), "IDLE-" + (pages ? "P" : "S") + rate + "-" + i, "LP-" + idleSku[i], Instant.now()));
                idleAt[i] = System.nanoTime();
            }
            awaitCondition("every idle order's push", Duration.ofSeconds(30),
                    () -> latencies(fake.stockPushes().subList(idleBefore, fake.stockPushes().size()), idleAt, idleSku, idleAfter).missing == 0);
            Latencies quiet = latencies(List.copyOf(fake.stockPushes().subList(idleBefore, fake.stockPushes().size())), idleAt, idleSku, idleAfter);
            System.out.printf(Locale.ROOT, "RESULT idle store (%d orders 500 ms apart): order to stock push p50 %.0f ms, max %.0f ms%n",
                    idle, pct(quiet.sorted, 0.50), quiet.max());
        }
    }

    private record Latencies(List<Long> sorted, int missing) {
        double max() {
            return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1) / 1e6;
        }
    }

    /**
     * For each order, the quantity a push of its listing must show (or less) to reflect it: the opening stock less the
     * orders of that listing committed by the time it was, itself included. Counted in commit order, not in the order
     * the orders were due: from several threads, an order due later often commits earlier (a thread runs behind
     * another by up to several orders of one SKU at 500/s), and a push after its commit reflects it whether or not
     * the earlier-due ones have committed yet; counting by due order made such an order wait for theirs (p99 of 3.1 s
     * where commit order gives 0.8 s, in one run at 73 orders/s). Orders committed by one page share its commit.
     */
    private static int[] availableAfter(int opening, long[] committedAt, int[] sku, int skus) {
        int[] out = new int[committedAt.length];
        List<List<Integer>> bySku = new ArrayList<>();
        for (int k = 0; k < skus; k++) bySku.add(new ArrayList<>());
        for (int i = 0; i < committedAt.length; i++) bySku.get(sku[i]).add(i);
        for (List<Integer> orders : bySku) {
            orders.sort((a, b) -> Long.compare(committedAt[a], committedAt[b]));
            int committed = 0;
            for (int n = 0; n < orders.size(); n++) {
                // all orders committed at the same moment (one page) count for each of them
                int last = n;
                while (last + 1 < orders.size() && committedAt[orders.get(last + 1)] == committedAt[orders.get(n)]) last++;
                committed = Math.max(committed, last + 1);
                out[orders.get(n)] = opening - committed;
            }
        }
        return out;
    }

    /** For each order, the time from its commit to the first push of its listing showing it. */
    private static Latencies latencies(List<FakeMarketplace.StockPush> pushes, long[] committedAt, int[] sku, int[] availableAfter) {
        Map<String, List<FakeMarketplace.StockPush>> byListing = new HashMap<>();
        for (FakeMarketplace.StockPush p : pushes) byListing.computeIfAbsent(p.platformProductId(), k -> new ArrayList<>()).add(p);
        List<Long> out = new ArrayList<>();
        int missing = 0;
        for (int i = 0; i < committedAt.length; i++) {
            long first = Long.MAX_VALUE;
            for (FakeMarketplace.StockPush p : byListing.getOrDefault("LP-" + sku[i], List.of())) {
                if (p.receivedNanos() >= committedAt[i] && p.quantity() <= availableAfter[i] && p.receivedNanos() < first) {
                    first = p.receivedNanos();
                }
            }
            if (first == Long.MAX_VALUE) missing++;
            else out.add(first - committedAt[i]);
        }
        Collections.sort(out);
        return new Latencies(out, missing);
    }

    /**
     * The most push calls one listing received within any interval one push window long (sliding, so no window edge
     * splits a pair), and the least time between two calls of one listing.
     */
    static String perWindow(List<FakeMarketplace.StockPush> pushes, long window) {
        Map<String, List<Long>> byListing = new HashMap<>();
        for (FakeMarketplace.StockPush p : pushes) byListing.computeIfAbsent(p.platformProductId(), k -> new ArrayList<>()).add(p.receivedNanos());
        int most = 0;
        long closest = Long.MAX_VALUE;
        for (List<Long> times : byListing.values()) {
            Collections.sort(times);
            for (int i = 0, j = 0; i < times.size(); i++) {
                while (times.get(i) - times.get(j) >= window) j++;
                most = Math.max(most, i - j + 1);
                if (i > 0) closest = Math.min(closest, times.get(i) - times.get(i - 1));
            }
        }
        return String.format(Locale.ROOT, "most calls of one listing within one window %d, least gap between two %.0f ms",
                most, closest == Long.MAX_VALUE ? Double.NaN : closest / 1e6);
    }

    /** A one-unit order on the store's listing {@code platformProductId}, as a connector would report it. */
    private static OrderSnapshot order(StoreId store, String orderId, String platformProductId, Instant at) {
        BigDecimal price = BigDecimal.ONE;
        return new OrderSnapshot(store, orderId, orderId, "AWAITING_SHIPMENT", OrderStatus.AWAITING_SHIPMENT, null, null,
                price, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, price, "IDR", Map.of(), List.of(), null, at, at,
                Map.of(), List.of(new OrderLineSnapshot(orderId + "-1", platformProductId, null, null, "Item", 1, price, price)));
    }

    private static void awaitCondition(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
            Thread.sleep(20);
        }
    }

    private static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) return Double.NaN;
        int i = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
        return sorted.get(Math.max(0, i)) / 1e6;
    }

}
