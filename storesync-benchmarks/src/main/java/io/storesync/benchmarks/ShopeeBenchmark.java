package io.storesync.benchmarks;

import io.storesync.StoreSync;
import io.storesync.api.PageRequest;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.ProductUpsert;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.catalogue.VariantUpsert;
import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.job.JobStatus;
import io.storesync.api.job.JobType;
import io.storesync.api.job.RetryPolicy;
import io.storesync.api.job.WorkerOptions;
import io.storesync.api.job.Workers;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreId;
import io.storesync.api.store.StoreSettings;
import io.storesync.shopee.ShopeeConnector;
import io.storesync.spi.connector.ConnectorSettings;
import io.storesync.spi.connector.OrderPage;
import io.storesync.spi.connector.RateLimitedException;
import io.storesync.spi.connector.StoreAccess;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.simulator.RecordedRequest;
import io.storesync.testkit.simulator.SimulatedListing;
import io.storesync.testkit.simulator.SimulatedOrder;
import io.storesync.testkit.simulator.SimulatedShop;
import io.storesync.testkit.simulator.shopee.ShopeeSimulator;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Shopee's call economy against the simulator.
 *
 * <p><b>Orders.</b> 10,000 orders changed in one window, read the way the engine's order poll reads them
 * ({@code ordersChanged} page by page: one {@code get_order_list} of 100, two {@code get_order_detail} of 50), with the
 * simulator refusing more than 10 calls a second and the client pacing itself at 10 calls a second (a token bucket,
 * as the engine's rate limiter does). Reports calls per order (goal ≤ 0.05) and the wall time against the
 * rate-limit floor (the fewest calls possible ÷ 10 per second; goal ≤ 1.2×), both measured in this run.
 *
 * <p><b>Stock.</b> Through the real engine: 200 listings (100 items × 2 models) matched by SKU, then 1,000 stock
 * changes spread over them as fast as the inventory takes them; reports {@code update_stock} calls per item per
 * coalescing window (goal ≤ 1).
 */
public final class ShopeeBenchmark {
    private static final int ORDERS = Integer.getInteger("bench.orders", 10_000);
    private static final double RATE = 10;
    private static final PrintStream OUT = System.out;

    private ShopeeBenchmark() {}

    /** {@code -Dbench.part=orders|stock}; both by default. */
    public static void main(String[] args) throws Exception {
        String part = System.getProperty("bench.part", "all");
        if (!part.equals("stock")) orders();
        if (!part.equals("orders")) stock();
    }

    private static void orders() throws InterruptedException {
        try (ShopeeSimulator sim = ShopeeSimulator.start()) {
            SimulatedShop shop = sim.shop("700001");
            Instant t0 = Instant.now().minus(Duration.ofHours(6));
            for (int i = 0; i < ORDERS; i++) {
                Instant at = t0.plusMillis(i * 1_000L);
                shop.put(new SimulatedOrder("2612" + (100_000 + i), null, "READY_TO_SHIP", "SGD", new BigDecimal("59.90"),
                        Map.of("name", "Buyer " + i), at, at, List.of(new SimulatedOrder.Line("1", "100001", "5000000001",
                        "TEE-S", "Tee", 1, new BigDecimal("59.90")))));
            }
            ShopeeConnector connector = ShopeeConnector.create(sim.connectorSettings());
            StoreAccess store = new StoreAccess(new StoreId(UUID.randomUUID()), "700001", sim.credentials("700001"));
            int before = sim.requests().size();
            sim.rateLimit(RATE);
            Bucket bucket = new Bucket(RATE);
            long started = System.nanoTime();
            Instant from = t0.minusSeconds(60);
            Instant to = from.plus(Duration.ofDays(14));
            int read = 0;
            int throttled = 0;
            String cursor = null;
            do {
                // one ordersChanged is three calls: take them from the bucket first, as the engine's limiter would
                bucket.take(3);
                try {
                    OrderPage page = connector.ordersChanged(store, from, to, cursor);
                    read += page.orders().size();
                    cursor = page.nextCursor();
                } catch (RateLimitedException e) {
                    throttled++;
                    Thread.sleep(e.retryAfter().orElse(Duration.ofSeconds(1)).toMillis());
                }
            } while (cursor != null);
            double wall = (System.nanoTime() - started) / 1e9;
            List<RecordedRequest> calls = sim.requests().subList(before, sim.requests().size());
            int minimal = (int) Math.ceil(ORDERS / 100.0) + (int) Math.ceil(ORDERS / 50.0);
            double floor = Math.max(0, minimal - RATE) / RATE; // the bucket starts full: one second's calls are free
            long refused = calls.stream().filter(r -> r.status() == 429).count();
            OUT.printf("orders: %,d read with %,d calls (%,d refused 429, %d throttled pages): %.4f calls/order (goal <= 0.05)%n",
                    read, calls.size(), refused, throttled, (double) calls.size() / read);
            OUT.printf("orders: wall %.1f s, rate-limit floor %.1f s (%d calls at %.0f/s), ratio %.2f (goal <= 1.2)%n",
                    wall, floor, minimal, RATE, wall / floor);
        }
    }

    private static void stock() throws Exception {
        try (TestDatabase db = TestDatabase.create(); ShopeeSimulator sim = ShopeeSimulator.start()) {
            ConnectorSettings base = sim.connectorSettings();
            Map<String, String> values = new HashMap<>(base.values());
            values.put("calls_per_second", "50");
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            StoreSync storeSync = db.storeSyncBuilder()
                    .credentialKeys(io.storesync.api.store.CredentialKeys.single("k1", io.storesync.api.Secret.ofBytes(key)))
                    .connectorSettings(new ConnectorSettings("shopee", values, base.secrets())).build();
            Tenant tenant = BenchData.organization(storeSync);
            Location main = tenant.locations().create(new NewLocation("Main", Map.of(), true));
            SimulatedShop shopee = sim.shop("700002");
            List<ProductUpsert> products = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String item = Integer.toString(200_000 + i);
                products.add(ProductUpsert.of("P" + i, "Product " + i, List.of(VariantUpsert.of("P" + i + "-A"),
                        VariantUpsert.of("P" + i + "-B"))));
                shopee.add(new SimulatedListing(item, Long.toString(6_000_000_000L + i * 2L), "P" + i + "-A", BigDecimal.TEN, 0, true),
                        new SimulatedListing(item, Long.toString(6_000_000_001L + i * 2L), "P" + i + "-B", BigDecimal.TEN, 0, true));
            }
            tenant.catalogue().upsert(products);
            List<VariantId> variants = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                variants.add(tenant.catalogue().findVariantsBySku("P" + i + "-A").get(0).id());
                variants.add(tenant.catalogue().findVariantsBySku("P" + i + "-B").get(0).id());
            }
            Duration window = Duration.ofMillis(Long.getLong("bench.coalesce.ms", 1_000));
            WorkerOptions options = WorkerOptions.defaults(3).withIntervals(Duration.ofMillis(100), Duration.ofMillis(200))
                    .withStockTiming(Duration.ofMillis(100), window)
                    .withRetryPolicy(new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(2), 0));
            try (Workers workers = storeSync.startWorkers(options)) {
                Store store = tenant.stores().connect(new NewStore("shopee", "Bench Shopee", "700002",
                        sim.credentials("700002"), StoreSettings.DEFAULTS));
                await(() -> tenant.listings().ofStore(store.id(), PageRequest.first(1).withTotal()).total().getAsLong() == 200
                        && tenant.jobs().list(PageRequest.first(100)).items().stream().anyMatch(j ->
                                j.type() == JobType.CATALOGUE_IMPORT && j.status() == JobStatus.COMPLETED));
                // the first receive of each variant, so every listing has stock to push, then let the pushes settle
                for (VariantId v : variants) tenant.inventory().receive(v, main.id(), 1, StockContext.none());
                await(() -> shopee.stockWrites().size() >= 200);
                Thread.sleep(3 * window.toMillis());
                int before = sim.requests().size();
                Random random = new Random(20261201L);
                Map<VariantId, Integer> expected = new HashMap<>();
                for (VariantId v : variants) expected.put(v, 1);
                long started = System.nanoTime();
                for (int n = 0; n < 1_000; n++) {
                    VariantId v = variants.get(random.nextInt(variants.size()));
                    tenant.inventory().receive(v, main.id(), 1, StockContext.none());
                    expected.merge(v, 1, Integer::sum);
                }
                double changing = (System.nanoTime() - started) / 1e9;
                await(() -> {
                    for (int i = 0; i < 100; i++) {
                        String item = Integer.toString(200_000 + i);
                        if (shopee.stock(item, Long.toString(6_000_000_000L + i * 2L)) != expected.get(variants.get(i * 2))
                                || shopee.stock(item, Long.toString(6_000_000_001L + i * 2L)) != expected.get(variants.get(i * 2 + 1))) {
                            return false;
                        }
                    }
                    return true;
                });
                double settled = (System.nanoTime() - started) / 1e9;
                List<RecordedRequest> pushes = sim.requests().subList(before, sim.requests().size()).stream()
                        .filter(r -> r.path().endsWith("/update_stock")).toList();
                // calls per item in each coalescing window, windows counted from the first change
                Instant first = Instant.now().minusNanos(System.nanoTime() - started);
                Map<String, Integer> perItem = new HashMap<>();
                Map<String, Integer> perItemWindow = new HashMap<>();
                for (RecordedRequest r : pushes) {
                    String body = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
                    String item = body.replaceAll(".*\"item_id\":(\\d+).*", "$1");
                    perItem.merge(item, 1, Integer::sum);
                    long bucket = Math.max(0, Duration.between(first, r.at()).toMillis() / window.toMillis());
                    perItemWindow.merge(item + "@" + bucket, 1, Integer::sum);
                }
                double windows = Math.max(1, settled / (window.toMillis() / 1e3));
                int max = perItemWindow.values().stream().mapToInt(Integer::intValue).max().orElse(0);
                long over = perItemWindow.values().stream().filter(c -> c > 1).count();
                double mean = (double) pushes.size() / perItemWindow.size();
                OUT.printf("stock: 1,000 changes over 200 listings (100 items) in %.1f s, settled after %.1f s (%.0f windows of %d ms);"
                        + " %d update_stock calls, %.1f per item; per item and window: mean %.2f, max %d, %d of %d (item, window)"
                        + " pairs above 1 (goal <= 1)%n", changing, settled, windows, window.toMillis(), pushes.size(),
                        pushes.size() / 100.0, mean, max, over, perItemWindow.size());
            }
        }
    }

    /** A token bucket of one second's calls, refilled continuously: the client's pace. */
    private static final class Bucket {
        private final double rate;
        private double tokens;
        private long at = System.nanoTime();

        Bucket(double rate) {
            this.rate = rate;
            this.tokens = rate;
        }

        void take(int n) throws InterruptedException {
            while (true) {
                long now = System.nanoTime();
                tokens = Math.min(rate, tokens + (now - at) / 1e9 * rate);
                at = now;
                if (tokens >= n) {
                    tokens -= n;
                    return;
                }
                Thread.sleep((long) Math.ceil((n - tokens) / rate * 1000));
            }
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("gave up waiting");
            Thread.sleep(100);
        }
    }
}
