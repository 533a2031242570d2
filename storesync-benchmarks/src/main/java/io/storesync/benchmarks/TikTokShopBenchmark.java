package io.storesync.benchmarks;

import io.storesync.StoreSync;
import io.storesync.api.PageRequest;
import io.storesync.api.Secret;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.ProductUpsert;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.catalogue.VariantUpsert;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.job.JobStatus;
import io.storesync.api.job.WorkerOptions;
import io.storesync.api.job.Workers;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreSettings;
import io.storesync.spi.connector.ConnectorSettings;
import io.storesync.spi.connector.OrderPage;
import io.storesync.spi.connector.StoreAccess;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.simulator.RecordedRequest;
import io.storesync.testkit.simulator.SimulatedListing;
import io.storesync.testkit.simulator.SimulatedOrder;
import io.storesync.testkit.simulator.SimulatedShop;
import io.storesync.testkit.simulator.tiktok.TikTokShopSimulator;
import io.storesync.tiktok.TikTokShopConnector;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * TikTok Shop against its simulator, two figures:
 * <ol>
 * <li><b>orders per call and the rate-limit floor</b>: 10,000 orders changed in the last day are read with the
 * connector's order search at 10 calls/s (each call at least 100 ms after the previous one starts, the connector's
 * declared rate) and ingested page by page with {@code Orders.ingestAll}, twice: one page after the other (the
 * baseline), and with the next page read while the last is ingested, as the engine's order poll does; reported: calls
 * per order, each wall time against the floor, the fewest calls TikTok's page size allows divided by the rate (goal:
 * at most 1.2 times it), and the pipelined time over the serial one;</li>
 * <li><b>stock pushes per coalescing window</b>: with the engine's workers running (default stock timing: 200 ms
 * coalescing, 250 ms push delay), 1,000 stock changes are made to the 200 listings of 100 two-SKU products as fast as
 * the SDK takes them; reported: {@code inventory/update} calls and SKU writes per listing, against the coalescing
 * windows the burst spanned.</li>
 * </ol>
 * Both use the in-process simulator over loopback HTTP, so the times are StoreSync's and the simulator's, not a
 * network's.
 */
public final class TikTokShopBenchmark {
    private static final int ORDERS = Integer.getInteger("bench.orders", 10_000);
    private static final double RATE = 10.0;
    private static final int PRODUCTS = 100;
    private static final int CHANGES = 1_000;
    private static final String SHOP = "7494049642642441621";
    private static final PrintStream OUT = System.out;

    private TikTokShopBenchmark() {}

    public static void main(String[] args) throws Exception {
        try (TestDatabase db = TestDatabase.create(); TikTokShopSimulator sim = TikTokShopSimulator.start()) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            ConnectorSettings settings = new ConnectorSettings(TikTokShopConnector.PLATFORM, Map.of(
                    "app_key", sim.appKey(), "api_base_url", sim.baseUri().toString(),
                    "auth_base_url", sim.baseUri().toString(), "allow_http", "true"),
                    Map.of("app_secret", Secret.of(sim.appSecret())));
            StoreSync storeSync = db.storeSyncBuilder().credentialKeys(CredentialKeys.single("k1", Secret.ofBytes(key)))
                    .connectorSettings(settings).build();
            OUT.printf("server: %s; load average at start: %.2f%n", db.serverKind(), loadAverage());
            if (ORDERS > 0) orders(db, storeSync, sim, settings);
            if (Boolean.parseBoolean(System.getProperty("bench.stock", "true"))) stock(storeSync, sim);
            OUT.printf("load average at end: %.2f%n", loadAverage());
        }
    }

    private static void orders(TestDatabase db, StoreSync storeSync, TikTokShopSimulator sim, ConnectorSettings settings)
            throws Exception {
        // a warm-up of a tenth, then statistics, as a running installation has them: measured on never-analysed
        // tables, the first run paid for plans made on empty tables (103 orders/s against 975 for the second)
        ordersRun("warm-up", ORDERS / 10, storeSync, sim, settings, "7494049642642440000", 576461413037700000L, true);
        try (java.sql.Connection c = db.ownerDataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute("ANALYZE " + String.join(", ", List.of("orders", "order_items", "inventory_transactions",
                    "inventory_items", "store_product_mappings", "product_variants", "stock_changes").stream()
                    .map(t -> db.schema() + "." + t).toList()));
        }
        OUT.println("analyzed after warm-up");
        // the baseline (read, then ingest, then read...) and the engine's way since issue 13 (the next page read while
        // the last is ingested: OrderPollHandler), each over its own shop with the same orders, in one run
        double serial = ordersRun("serial", ORDERS, storeSync, sim, settings, "7494049642642440001", 576461413038700000L, false);
        double pipelined = ordersRun("pipelined", ORDERS, storeSync, sim, settings, "7494049642642440002", 576461413039700000L, true);
        OUT.printf("orders: pipelined / serial wall time = %.2f%n", pipelined / serial);
    }

    /** One read of every order; returns the wall time in seconds. */
    private static double ordersRun(String mode, int count, StoreSync storeSync, TikTokShopSimulator sim, ConnectorSettings settings,
            String shopId, long firstOrderId, boolean pipelined) throws Exception {
        Tenant tenant = BenchData.organization(storeSync);
        Store store = tenant.stores().connect(new NewStore(TikTokShopConnector.PLATFORM, "Orders " + mode, shopId,
                sim.credentials(shopId), StoreSettings.DEFAULTS.withOrderPollInterval(Duration.ofDays(1))));
        SimulatedShop shop = sim.shop(shopId);
        Instant now = Instant.now();
        BigDecimal price = new BigDecimal("25000.00");
        for (int i = 0; i < count; i++) {
            Instant at = now.minus(Duration.ofHours(23)).plusMillis(i * 8_000L);
            shop.put(new SimulatedOrder(Long.toString(firstOrderId + i), null, "AWAITING_SHIPMENT", "IDR",
                    price.multiply(BigDecimal.valueOf(2)), Map.of("name", "Buyer " + i), at, at, List.of(
                    new SimulatedOrder.Line(Long.toString(firstOrderId + 1_000_000_000L + i), "1729592969712200001",
                            "1729592969712200002", "SKU-A", "Item", 2, price))));
        }
        TikTokShopConnector connector = TikTokShopConnector.create(settings);
        StoreAccess access = new StoreAccess(store.id(), shopId, sim.credentials(shopId));
        int before = sim.requests().size();
        Instant from = now.plusSeconds(1).minus(Duration.ofDays(1));
        Instant to = now.plusSeconds(1);
        long started = System.nanoTime();
        // each call starts at least 1/RATE after the previous one started (the connector's declared rate)
        long[] nextCall = {started};
        java.util.concurrent.atomic.AtomicLong inCalls = new java.util.concurrent.atomic.AtomicLong();
        java.util.function.Function<String, OrderPage> read = cursor -> {
            long wait = nextCall[0] - System.nanoTime();
            if (wait > 0) sleep(wait);
            nextCall[0] = System.nanoTime() + (long) (1e9 / RATE);
            long t0 = System.nanoTime();
            OrderPage page = connector.ordersChanged(access, from, to, cursor);
            inCalls.addAndGet(System.nanoTime() - t0);
            return page;
        };
        java.util.concurrent.ExecutorService reader = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-order-reader");
            t.setDaemon(true);
            return t;
        });
        int orders = 0;
        long ingesting = 0;
        try {
            OrderPage page = read.apply(null);
            while (true) {
                String cursor = page.nextCursor();
                java.util.concurrent.Future<OrderPage> next = pipelined && cursor != null
                        ? reader.submit(() -> read.apply(cursor)) : null;
                long t1 = System.nanoTime();
                List<OrderSnapshot> snapshots = page.orders();
                tenant.orders().ingestAll(snapshots);
                ingesting += System.nanoTime() - t1;
                orders += snapshots.size();
                if (cursor == null) break;
                page = next != null ? next.get() : read.apply(cursor);
            }
        } finally {
            reader.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int calls = sim.requests().size() - before;
        int minimum = (count + TikTokShopConnector.PAGE_SIZE - 1) / TikTokShopConnector.PAGE_SIZE;
        double floor = minimum / RATE;
        long inBook = tenant.orders().search(io.storesync.api.order.OrderQuery.all(), PageRequest.first(1).withTotal()).total().getAsLong();
        OUT.printf("orders (%s): %,d read, %,d in the book; %d calls (%.3f calls/order, minimum %d); %.2f s vs floor %.2f s"
                + " at %.0f calls/s: ratio %.2f (goal <= 1.2); of which %.2f s in the %d calls (%.0f ms each) and %.2f s"
                + " ingesting (%.0f orders/s); load average now %.2f%n", mode, orders, inBook, calls,
                (double) calls / orders, minimum, seconds, floor, RATE, seconds / floor, inCalls.get() / 1e9, calls,
                inCalls.get() / 1e6 / calls, ingesting / 1e9, orders / (ingesting / 1e9), loadAverage());
        return seconds;
    }

    private static void stock(StoreSync storeSync, TikTokShopSimulator sim) throws Exception {
        Tenant tenant = BenchData.organization(storeSync);
        List<ProductUpsert> products = new ArrayList<>();
        SimulatedShop shop = sim.shop(SHOP);
        for (int p = 0; p < PRODUCTS; p++) {
            String productId = Long.toString(1729592969712207000L + p);
            products.add(ProductUpsert.of("P-" + p, "Product " + p,
                    List.of(VariantUpsert.of("SKU-" + p + "-A"), VariantUpsert.of("SKU-" + p + "-B"))));
            shop.add(new SimulatedListing(productId, productId + "1", "SKU-" + p + "-A", new BigDecimal("10.00"), 0, true),
                    new SimulatedListing(productId, productId + "2", "SKU-" + p + "-B", new BigDecimal("10.00"), 0, true));
        }
        tenant.catalogue().upsert(products);
        List<VariantId> variants = new ArrayList<>();
        for (int p = 0; p < PRODUCTS; p++) {
            variants.add(tenant.catalogue().findVariantsBySku("SKU-" + p + "-A").get(0).id());
            variants.add(tenant.catalogue().findVariantsBySku("SKU-" + p + "-B").get(0).id());
        }
        LocationId location = tenant.locations().create(NewLocation.named("Main")).id();
        Store store = tenant.stores().connect(new NewStore(TikTokShopConnector.PLATFORM, "Stock", SHOP,
                sim.credentials(SHOP), StoreSettings.DEFAULTS.withOrderPollInterval(Duration.ofDays(1))));
        WorkerOptions options = WorkerOptions.defaults(4);
        try (Workers workers = storeSync.startWorkers(options)) {
            await(() -> tenant.listings().ofStore(store.id(), PageRequest.first(1).withTotal()).total().getAsLong() == 2L * PRODUCTS
                    && idle(tenant), Duration.ofMinutes(3), () -> "listings "
                    + tenant.listings().ofStore(store.id(), PageRequest.first(1).withTotal()).total().getAsLong());
            int writesBefore = shop.stockWrites().size();
            long callsBefore = inventoryCalls(sim);
            int requestsBefore = sim.requests().size();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < CHANGES; i++) order.add(i % variants.size());
            Collections.shuffle(order, new Random(20261201L));
            int[] expected = new int[variants.size()];
            long started = System.nanoTime();
            for (int index : order) {
                tenant.inventory().receive(variants.get(index), location, 1, StockContext.none());
                expected[index]++;
            }
            double burst = (System.nanoTime() - started) / 1e9;
            await(() -> {
                for (int p = 0; p < PRODUCTS; p++) {
                    String productId = Long.toString(1729592969712207000L + p);
                    if (shop.stock(productId, productId + "1") != expected[2 * p]
                            || shop.stock(productId, productId + "2") != expected[2 * p + 1]) {
                        return false;
                    }
                }
                return true;
            }, Duration.ofMinutes(2), () -> {
                int right = 0;
                for (int p = 0; p < PRODUCTS; p++) {
                    String productId = Long.toString(1729592969712207000L + p);
                    if (shop.stock(productId, productId + "1") == expected[2 * p]) right++;
                    else OUT.println("wrong: " + productId + "1 shows " + shop.stock(productId, productId + "1")
                            + ", writes " + shop.stockWrites().stream().filter(w -> (productId + "1").equals(w.variantId())).toList());
                    if (shop.stock(productId, productId + "2") == expected[2 * p + 1]) right++;
                    else OUT.println("wrong: " + productId + "2 shows " + shop.stock(productId, productId + "2")
                            + ", writes " + shop.stockWrites().stream().filter(w -> (productId + "2").equals(w.variantId())).toList());
                }
                return right + " of " + variants.size() + " SKUs right, " + (inventoryCalls(sim) - callsBefore)
                        + " inventory calls, jobs " + tenant.jobs().list(PageRequest.first(500)).items().stream()
                        .collect(java.util.stream.Collectors.groupingBy(j -> j.type() + "/" + j.status(),
                                java.util.stream.Collectors.counting()));
            });
            double settled = (System.nanoTime() - started) / 1e9;
            long calls = inventoryCalls(sim) - callsBefore;
            int writes = shop.stockWrites().size() - writesBefore;
            int listings = variants.size();
            long window = options.stockPushDelay().toMillis();
            double windows = burst / window * 1000;
            // the most calls one product got within any interval one push window long (sliding: no edge splits a pair)
            Map<String, List<Instant>> byProduct = new HashMap<>();
            for (RecordedRequest r : sim.requests().subList(requestsBefore, sim.requests().size())) {
                if (r.path().endsWith("/inventory/update")) byProduct.computeIfAbsent(r.path(), k -> new ArrayList<>()).add(r.at());
            }
            int most = 0;
            for (List<Instant> times : byProduct.values()) {
                Collections.sort(times);
                for (int i = 0, j = 0; i < times.size(); i++) {
                    while (Duration.between(times.get(j), times.get(i)).toMillis() >= window) j++;
                    most = Math.max(most, i - j + 1);
                }
            }
            OUT.printf("stock: %,d changes over %d listings in %.2f s (%.1f push windows of %d ms, coalescing every %d ms),"
                    + " all shown after %.2f s; %d inventory/update calls (%.2f per listing), %d SKU writes (%.2f per listing);"
                    + " %.3f calls per listing per window spanned; most calls of one product within one window: %d (goal <= 1)%n",
                    CHANGES, listings, burst, windows, window, options.stockCoalesceInterval().toMillis(), settled, calls,
                    (double) calls / listings, writes, (double) writes / listings, calls / (listings * windows), most);
        }
    }

    private static long inventoryCalls(TikTokShopSimulator sim) {
        return sim.requests().stream().filter(r -> r.path().endsWith("/inventory/update")).count();
    }

    private static boolean idle(Tenant tenant) {
        return tenant.jobs().list(PageRequest.first(500)).items().stream()
                .noneMatch(j -> j.status() == JobStatus.PENDING || j.status() == JobStatus.RUNNING
                        || j.status() == JobStatus.RETRYING);
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration max,
            java.util.function.Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("gave up after " + max + ": " + state.get());
            Thread.sleep(50);
        }
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
