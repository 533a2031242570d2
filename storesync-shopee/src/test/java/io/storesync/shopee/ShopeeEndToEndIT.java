package io.storesync.shopee;

import static org.assertj.core.api.Assertions.assertThat;

import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.PageRequest;
import io.storesync.api.Secret;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.Listing;
import io.storesync.api.catalogue.ProductUpsert;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.catalogue.VariantUpsert;
import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.MovementType;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobLog;
import io.storesync.api.job.JobStatus;
import io.storesync.api.job.JobType;
import io.storesync.api.job.RetryPolicy;
import io.storesync.api.job.WorkerOptions;
import io.storesync.api.job.Workers;
import io.storesync.api.order.Order;
import io.storesync.api.order.OrderStatus;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.AuthorizationResult;
import io.storesync.api.store.AuthorizationStart;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreSettings;
import io.storesync.api.webhook.WebhookReceipt;
import io.storesync.spi.connector.ConnectorSettings;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.simulator.Fault;
import io.storesync.testkit.simulator.FaultPlan;
import io.storesync.testkit.simulator.RecordedRequest;
import io.storesync.testkit.simulator.SignedDelivery;
import io.storesync.testkit.simulator.SimulatedListing;
import io.storesync.testkit.simulator.SimulatedOrder;
import io.storesync.testkit.simulator.SimulatedShop;
import io.storesync.testkit.simulator.shopee.ShopeeSimulator;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * Shopee end to end against the simulator with the real engine (embedded PostgreSQL, application role): the connector
 * is found by {@code ServiceLoader}; a seller consents and the store is created; its catalogue of 1,000 items with
 * three models each is imported and matched by SKU (100 items are not sold by StoreSync and are reported unmatched)
 * while a fifth of Shopee's answers fail (5xx, truncated bodies): every listing ends up once;
 * then, with 20% of Shopee's answers faulted (throttling, 5xx, truncated bodies, answers slower than the connector
 * waits), orders arrive by signed push (one of them twice), by the order poll alone, and by a push Shopee lost that the
 * engine's scheduled missed-webhook sweep recovers (with one that Shopee lists as lost though it arrived: stored once); one is cancelled; stock received lands in Shopee's {@code seller_stock}. At the end the
 * book, the ledger and Shopee agree: nothing lost, nothing doubled.
 */
// try-with-resources scopes the workers' lifetime; the handle itself is not used in the body
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
class ShopeeEndToEndIT {
    private static final String SHOP = "880001";
    private static final URI CALLBACK = URI.create("https://host.example/storesync/shopee/callback");
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration IMPORT_WAIT = Duration.ofSeconds(300);
    private static final java.util.regex.Pattern UNMATCHED = java.util.regex.Pattern.compile("^(\\d+) listing\\(s\\) match no variant");
    private static final int ITEMS = 1_000;
    private static final int SOLD_ITEMS = 900;
    private static final int PUSHED = 40;
    private static final int POLLED = 10;

    private final TestDatabase db;
    private final ShopeeSimulator sim = ShopeeSimulator.start();

    ShopeeEndToEndIT(TestDatabase db) {
        this.db = db;
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private static String itemId(int i) {
        return Integer.toString(100_000 + i);
    }

    private static String modelId(int i, int k) {
        return Long.toString(5_000_000_000L + i * 3L + k);
    }

    private static String sku(int i, int k) {
        return "TEE-" + i + "-" + "SML".charAt(k);
    }

    @Test
    void consentImportOrdersAndStockSurviveAFlakyShopeeWithNothingLostOrDoubled() throws Exception {
        long began = System.nanoTime();
        org.slf4j.Logger log = LoggerFactory.getLogger(ShopeeEndToEndIT.class);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        ConnectorSettings base = sim.connectorSettings();
        Map<String, String> values = new HashMap<>(base.values());
        // the short timeout turns SLOW answers into lost responses; the simulator allows far more than 10 calls a second
        values.put("request_timeout_ms", "2500");
        values.put("calls_per_second", "200");
        // stored pushes, new and duplicate: the lost pushes the engine collects are stored like live ones
        java.util.concurrent.atomic.AtomicInteger storedPushes = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger duplicatePushes = new java.util.concurrent.atomic.AtomicInteger();
        StoreSync sync = db.storeSyncBuilder()
                .listener(new StoreSyncListener() {
                    @Override
                    public void webhookReceived(String platform, boolean duplicate) {
                        (duplicate ? duplicatePushes : storedPushes).incrementAndGet();
                    }
                })
                .credentialKeys(CredentialKeys.single("k1", Secret.ofBytes(key)))
                .connectorSettings(new ConnectorSettings("shopee", values, base.secrets()))
                .build();
        UserId ownerId = UserId.random();
        Organization org = sync.createOrganization(NewOrganization.of("Kedai Baju", "kedai-baju-e2e", ownerId,
                "mei@kedai.example", "Mei"));
        Tenant shop = sync.tenant(org.id(), Actor.user(ownerId));

        // the master catalogue: 900 tees in three sizes (Shopee also sells 100 more StoreSync does not)
        List<ProductUpsert> products = new ArrayList<>();
        for (int i = 0; i < SOLD_ITEMS; i++) {
            products.add(ProductUpsert.of("TEE-" + i, "Tee " + i, List.of(VariantUpsert.of(sku(i, 0)),
                    VariantUpsert.of(sku(i, 1)), VariantUpsert.of(sku(i, 2)))));
            if (products.size() == 100) {
                shop.catalogue().upsert(products);
                products.clear();
            }
        }
        log.info("catalogue of {} variants upserted after {} ms", SOLD_ITEMS * 3, (System.nanoTime() - began) / 1_000_000);
        Location gudang = shop.locations().create(new NewLocation("Gudang", Map.of(), true));

        // Shopee's catalogue: 1,000 items with three models each, no stock yet
        SimulatedShop shopee = sim.shop(SHOP);
        List<SimulatedListing> listings = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            for (int k = 0; k < 3; k++) {
                listings.add(new SimulatedListing(itemId(i), modelId(i, k), sku(i, k), new BigDecimal("59.90"), 0, true));
            }
        }
        shopee.add(listings);

        // consent: the seller approves on Shopee's page, which redirects with state, code and shop_id
        AuthorizationStart start = shop.stores().startAuthorization("shopee", CALLBACK);
        URI redirected = sim.approve(start.consentUrl(), SHOP);
        Map<String, String> callback = query(redirected);
        AuthorizationResult connected = shop.stores().completeAuthorization("shopee", start.state(), callback.get("state"),
                ShopeeConnector.consentCode(callback.get("code"), callback.get("shop_id"), null), CALLBACK);
        assertThat(connected.created()).extracting(Store::platformStoreId).containsExactly(SHOP);
        Store store = shop.stores().updateSettings(connected.created().get(0).id(),
                StoreSettings.DEFAULTS.withOrderPollInterval(Duration.ofSeconds(2)));

        // The import runs with a fifth of Shopee's answers failing: each page of the scan costs one call (three where
        // it reads a new item page) and is stored with the cursor of the next, so a failed page is read again, not the
        // catalogue. Server errors and truncated bodies here; throttling and lost responses (which cost a 2.5 s timeout
        // each) come in the later phase.
        int callsBeforeImport = sim.requests().size();
        sim.faults(new FaultPlan(0.2, List.of(Fault.SERVER_ERROR, Fault.MALFORMED_BODY), 20261130L,
                Duration.ofMillis(100), Duration.ZERO).exactly());
        int callsBeforeFaults;
        // the lost-push sweep every second (five minutes in production), so the test need not wait
        try (Workers workers = sync.startWorkers(workerOptions().withMissedWebhookSweepInterval(Duration.ofSeconds(1)))) {
            // 1. the import pages through 3,000 listings and links the 2,700 whose SKU StoreSync knows
            await("2,700 listings matched by SKU", IMPORT_WAIT, () -> importDone(shop)
                    && shop.listings().ofStore(store.id(), PageRequest.first(1).withTotal()).total().getAsLong() == SOLD_ITEMS * 3L);
            Listing tee0s = shop.listings().findOnStore(store.id(), itemId(0), modelId(0, 0)).orElseThrow();
            assertThat(tee0s.variant()).isEqualTo(variant(shop, sku(0, 0)));
            assertThat(shop.listings().findOnStore(store.id(), itemId(950), modelId(950, 0))).isEmpty();
            log.info("import done after {} ms, {} calls", (System.nanoTime() - began) / 1_000_000, sim.requests().size());
            // every listing exactly once: each of the 2,700 sold is linked, and the 300 unsold are reported once each
            // (a page read twice would report its listings twice; a page skipped would leave some out)
            java.util.Set<String> linked = new java.util.HashSet<>();
            for (java.util.Optional<PageRequest> next = java.util.Optional.of(PageRequest.first(500)); next.isPresent(); ) {
                var page = shop.listings().ofStore(store.id(), next.get());
                page.items().forEach(l -> linked.add(l.platformProductId() + "/" + l.platformVariantId()));
                next = page.next();
            }
            java.util.Set<String> sold = new java.util.HashSet<>();
            for (int i = 0; i < SOLD_ITEMS; i++) for (int k = 0; k < 3; k++) sold.add(key(i, k));
            assertThat(linked).isEqualTo(sold);
            assertThat(importReport(shop).stream().map(UNMATCHED::matcher).filter(java.util.regex.Matcher::find)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).sum()).as("the unmatched-listing report").isEqualTo(300);
            List<RecordedRequest> importCalls = sim.requests().subList(callsBeforeImport, sim.requests().size());
            long importFaults = importCalls.stream().filter(r -> r.fault() != null).count();
            log.info("import under faults: {} calls, {} faulted", importCalls.size(), importFaults);
            assertThat(importFaults).isGreaterThan(100);
            assertThat(Math.abs(importFaults - importCalls.size() / 5.0)).isLessThanOrEqualTo(1.0);

            // from here on a fifth of Shopee's answers fail, in every way the kit knows
            callsBeforeFaults = sim.requests().size();
            sim.faults(new FaultPlan(0.2, List.of(Fault.RATE_LIMITED, Fault.SERVER_ERROR, Fault.MALFORMED_BODY, Fault.SLOW),
                    20261201L, Duration.ofSeconds(1), Duration.ofMillis(3000)).exactly());

            // 2. stock received lands in Shopee's seller_stock
            VariantId s0 = variant(shop, sku(0, 0));
            VariantId m0 = variant(shop, sku(0, 1));
            VariantId s1 = variant(shop, sku(1, 0));
            StockContext delivery = StockContext.note("delivery DN-7");
            shop.inventory().receive(s0, gudang.id(), 60, delivery);
            shop.inventory().receive(m0, gudang.id(), 10, delivery);
            shop.inventory().receive(s1, gudang.id(), 25, delivery);
            awaitShopeeStock(shopee, Map.of(key(0, 0), 60, key(0, 1), 10, key(1, 0), 25));

            // 3. orders: forty by push (the first pushed twice: one event), ten by the poll alone, one whose push was lost
            Instant t = Instant.now();
            log.info("stock pushed after {} ms", (System.nanoTime() - began) / 1_000_000);
            for (int n = 0; n < PUSHED; n++) {
                place(shopee, "2612PUSH" + n, t, 0, 0, 1);
                List<WebhookReceipt> receipts = receive(sync, sim.orderStatusPush(SHOP, "2612PUSH" + n));
                assertThat(receipts).hasSize(1);
                if (n == 0) {
                    assertThat(receive(sync, sim.orderStatusPush(SHOP, "2612PUSH0"))).allMatch(WebhookReceipt::duplicate);
                }
            }
            for (int n = 0; n < POLLED; n++) place(shopee, "2612POLL" + n, t, 1, 0, 2);
            place(shopee, "2612LOST", t, 0, 1, 3);
            sim.losePush(SHOP, "2612LOST");
            // Shopee also lists as lost a push that did arrive: the engine's sweep stores it as a duplicate of the live one
            sim.losePush(SHOP, "2612PUSH2");

            // nobody sweeps by hand: the workers' scheduled sweep collects both, stores them like pushes and confirms
            // them (through the same faults: a failed collection or confirmation is simply tried again next interval)
            await("the lost pushes collected and confirmed by the engine", () -> sim.unconfirmedLostPushes() == 0);
            // forty live pushes and the lost one stored; the second live PUSH0 and the lost-but-delivered PUSH2 were
            // duplicates (more, when a faulted confirmation had the page handed out again), never stored twice
            assertThat(storedPushes).hasValue(PUSHED + 1);
            assertThat(duplicatePushes.get()).isGreaterThanOrEqualTo(2);
            // the simulator logs a request once it has answered, after the confirmation already took effect; a SLOW
            // answer is a served one too
            java.util.function.Predicate<String> served = path -> sim.requests().stream().anyMatch(
                    r -> (r.fault() == null || r.fault() == Fault.SLOW) && r.path().equals(path));
            await("the confirmation answered", () -> served.test("/api/v2/push/confirm_consumed_lost_push_message"));
            assertThat(served.test("/api/v2/push/get_lost_push_message"))
                    .as("the engine's sweep read Shopee's lost pushes").isTrue();

            await("every order in the book", () -> java.util.stream.IntStream.range(0, PUSHED)
                    .allMatch(n -> order(shop, store, "2612PUSH" + n).isPresent())
                    && java.util.stream.IntStream.range(0, POLLED).allMatch(n -> order(shop, store, "2612POLL" + n).isPresent())
                    && order(shop, store, "2612LOST").isPresent());
            // 60 - 40 S0, 10 - 3 M0, 25 - 20 S1 available
            awaitShopeeStock(shopee, Map.of(key(0, 0), 20, key(0, 1), 7, key(1, 0), 5));
            log.info("orders in after {} ms", (System.nanoTime() - began) / 1_000_000);

            // 4. the buyer cancels 2612PUSH1 on Shopee: the push brings the cancellation, the reservation is released
            shopee.changeStatus("2612PUSH1", "CANCELLED", Instant.now().plusSeconds(1));
            receive(sync, sim.orderStatusPush(SHOP, "2612PUSH1"));
            await("2612PUSH1 cancelled", () -> order(shop, store, "2612PUSH1")
                    .map(o -> o.status() == OrderStatus.CANCELLED).orElse(false));
            try {
                awaitShopeeStock(shopee, Map.of(key(0, 0), 21, key(0, 1), 7, key(1, 0), 5));
            } catch (AssertionError e) {
                // seen once in ~7 runs (a full build, not alone): the cancellation's push never reached Shopee within
                // the wait and no push failure was logged; say what the stock jobs were doing, for whoever meets it next
                describeStockJobs(shop, shopee);
                throw e;
            }
            await("no job waiting or running", () -> jobs(shop).stream().noneMatch(j -> j.status() == JobStatus.PENDING
                    || j.status() == JobStatus.RUNNING || j.status() == JobStatus.RETRYING));
        }

        // nothing doubled: one reservation per order line, one release for the cancelled one
        VariantId s0 = variant(shop, sku(0, 0));
        assertThat(shop.inventory().movements(s0, PageRequest.first(100)).items())
                .filteredOn(m -> m.type() == MovementType.RESERVE).hasSize(PUSHED);
        assertThat(shop.inventory().movements(s0, PageRequest.first(100)).items())
                .filteredOn(m -> m.type() == MovementType.RELEASE).hasSize(1);
        assertThat(shop.inventory().totals(s0).available()).isEqualTo(21);
        assertThat(shop.inventory().totals(s0).reserved()).isEqualTo(PUSHED - 1);
        assertThat(shop.inventory().totals(variant(shop, sku(1, 0))).reserved()).isEqualTo(POLLED * 2);
        assertThat(shop.orders().findByPlatformId(store.id(), "2612LOST").orElseThrow().lines())
                .singleElement().satisfies(l -> assertThat(l.quantity()).isEqualTo(3));

        // nothing lost: no job gave up; and the faults did happen, at about the rate asked for
        assertThat(jobs(shop)).noneMatch(j -> j.status() == JobStatus.FAILED);
        // a SLOW call is logged only once its delay has passed, after the workers gave up on it: count when none is left
        await("no call still inside Shopee", () -> sim.requestsInFlight() == 0);
        List<RecordedRequest> all = sim.requests();
        List<RecordedRequest> afterFaults = all.subList(callsBeforeFaults, all.size());
        long faulted = afterFaults.stream().filter(r -> r.fault() != null).count();
        double rate = (double) faulted / afterFaults.size();
        log.info("{} calls to Shopee under faults, {} faulted ({}): {}",
                afterFaults.size(), faulted, String.format("%.3f", rate), afterFaults.stream().filter(r -> r.fault() != null)
                        .collect(java.util.stream.Collectors.groupingBy(RecordedRequest::fault,
                                java.util.stream.Collectors.counting())));
        // an exact plan fails one call in every five, so the faults are a fifth of the calls give or take the last,
        // unfinished block (a drawn 20% wandered with the number of calls, which the engine's coalescing varies)
        assertThat(afterFaults.size()).isGreaterThanOrEqualTo(25);
        assertThat(Math.abs(faulted - afterFaults.size() / 5.0)).as("faults %s of %s calls: a fifth, within one",
                faulted, afterFaults.size()).isLessThanOrEqualTo(1.0);
        assertThat(sim.requests()).as("no call Shopee would refuse: signatures, timestamps, caps")
                .noneMatch(r -> r.status() == 400 || r.status() == 403 && r.fault() == null);
        assertThat(shopee.stock(itemId(950), modelId(950, 0))).as("a listing StoreSync does not sell is left alone")
                .isZero();
    }

    /** Three workers with test-sized leases, intervals and backoff (the retries after faults come quickly). */
    static WorkerOptions workerOptions() {
        return WorkerOptions.defaults(3)
                .withLease(Duration.ofSeconds(5), Duration.ofMillis(500))
                .withIntervals(Duration.ofMillis(200), Duration.ofMillis(200))
                .withStockTiming(Duration.ofMillis(100), Duration.ofMillis(250))
                .withRetryPolicy(new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(2), 0))
                .withShutdownTimeout(Duration.ofSeconds(5));
    }

    private static String key(int i, int k) {
        return itemId(i) + "/" + modelId(i, k);
    }

    /** A buyer orders {@code quantity} of item {@code i}'s model {@code k} (Shopee lowers its stock itself). */
    private void place(SimulatedShop shopee, String orderSn, Instant at, int i, int k, int quantity) {
        shopee.placeOrder(orderSn, "SGD", at, List.of(new SimulatedOrder.Line("1", itemId(i), modelId(i, k), sku(i, k),
                "Tee", quantity, new BigDecimal("59.90"))));
        shopee.changeStatus(orderSn, "READY_TO_SHIP", at);
    }

    private static List<WebhookReceipt> receive(StoreSync sync, SignedDelivery push) {
        return sync.receiveWebhook("shopee", push.headers(), push.body());
    }

    private static boolean importDone(Tenant shop) {
        return jobs(shop).stream().anyMatch(j -> j.type() == JobType.CATALOGUE_IMPORT && j.status() == JobStatus.COMPLETED);
    }

    private static List<String> importReport(Tenant shop) {
        List<String> messages = new ArrayList<>();
        for (Job j : jobs(shop)) {
            if (j.type() != JobType.CATALOGUE_IMPORT) continue;
            for (JobLog log : shop.jobs().logs(j.id())) messages.add(log.message());
        }
        return messages;
    }

    private static void describeStockJobs(Tenant shop, SimulatedShop shopee) {
        org.slf4j.Logger log = LoggerFactory.getLogger(ShopeeEndToEndIT.class);
        for (Job j : jobs(shop)) {
            if (j.type() == JobType.STOCK_PUSH || j.type() == JobType.STOCK_COALESCE) {
                log.error("{} {} attempt {}/{} run at {} started {} completed {}: {} {}", j.type(), j.status(), j.attempt(),
                        j.maxAttempts(), j.runAt(), j.startedAt(), j.completedAt(), j.outcome(), j.errorMessage());
            }
        }
        List<SimulatedShop.StockWrite> writes = shopee.stockWrites();
        log.error("now {}; Shopee's last stock writes {}", Instant.now(), writes.subList(Math.max(0, writes.size() - 10), writes.size()));
    }

    private static List<Job> jobs(Tenant shop) {
        return shop.jobs().list(PageRequest.first(500)).items();
    }

    private static VariantId variant(Tenant shop, String sku) {
        return shop.catalogue().findVariantsBySku(sku).get(0).id();
    }

    private static Optional<Order> order(Tenant shop, Store store, String id) {
        return shop.orders().findByPlatformId(store.id(), id);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Waits until StoreSync's last stock write to each listing is the expected quantity and Shopee shows it. */
    private static void awaitShopeeStock(SimulatedShop shopee, Map<String, Integer> expected) {
        await("StoreSync pushed " + expected, () -> expected.entrySet().stream().allMatch(e -> {
            String[] ids = e.getKey().split("/");
            List<SimulatedShop.StockWrite> writes = shopee.stockWrites().stream()
                    .filter(w -> w.productId().equals(ids[0]) && ids[1].equals(w.variantId())).toList();
            return !writes.isEmpty() && writes.get(writes.size() - 1).quantity() == e.getValue()
                    && shopee.stock(ids[0], ids[1]) == e.getValue();
        }));
    }

    private static void await(String what, BooleanSupplier condition) {
        await(what, WAIT, condition);
    }

    private static void await(String what, Duration wait, BooleanSupplier condition) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("gave up after " + wait + " waiting for " + what);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
