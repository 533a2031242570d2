package io.storesync.tiktok;

import static org.assertj.core.api.Assertions.assertThat;

import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.PageRequest;
import io.storesync.api.Secret;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.Listing;
import io.storesync.api.catalogue.ProductUpsert;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.catalogue.VariantUpsert;
import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.MovementType;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.inventory.StockMovement;
import io.storesync.api.job.Job;
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
import io.storesync.api.webhook.WebhookReceipt;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.simulator.Fault;
import io.storesync.testkit.simulator.FaultPlan;
import io.storesync.testkit.simulator.RecordedRequest;
import io.storesync.testkit.simulator.SignedDelivery;
import io.storesync.testkit.simulator.SimulatedListing;
import io.storesync.testkit.simulator.SimulatedOrder;
import io.storesync.testkit.simulator.SimulatedShop;
import io.storesync.testkit.simulator.tiktok.TikTokShopSimulator;
import java.math.BigDecimal;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * TikTok Shop end to end against the simulator with the real engine: one consent grants two shops and becomes two
 * stores; their catalogues, with stock split over warehouses, are imported and matched by seller SKU; stock is pushed
 * per warehouse; one order arrives by signed webhook (twice), another only by the order poll, the first is cancelled by
 * a cancellation webhook; all with 20% of the API calls failing (throttling, 5xx, truncated bodies, answers later
 * than the connector waits). At the end the book, the ledger and both shops agree: nothing lost, nothing doubled.
 */
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
class TikTokEndToEndIT {
    private static final String SHOP_A = "7494049642642441621";
    private static final String SHOP_B = "7494049642642441622";
    private static final String PRODUCT_A = "1729592969712207008";
    private static final String ARABICA_A = "1729592969712207012";
    private static final String ROBUSTA_A = "1729592969712207013";
    private static final String PRODUCT_B = "1729592969712207100";
    private static final String ARABICA_B = "1729592969712207101";
    private static final URI CALLBACK = URI.create("https://host.example/tiktok/callback");
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final TestDatabase db;
    private final TikTokShopSimulator tiktok = TikTokShopSimulator.start();

    TikTokEndToEndIT(TestDatabase db) {
        this.db = db;
    }

    @AfterEach
    void stop() {
        tiktok.close();
    }

    @Test
    void twoShopsFromOneConsentSyncThroughAFlakyApiWithNothingLostOrDoubled() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        // found by ServiceLoader; the short timeout turns the simulator's SLOW answers into lost responses
        StoreSync sync = db.storeSyncBuilder()
                .credentialKeys(CredentialKeys.single("k1", Secret.ofBytes(key)))
                .connectorSettings(TikTokConnectorKitTest.settings(tiktok, Duration.ofMillis(2000)))
                .build();
        UserId ownerId = UserId.random();
        Organization org = sync.createOrganization(
                NewOrganization.of("Toko Kopi", "toko-kopi-tts", ownerId, "ayu@tokokopi.example", "Ayu"));
        Tenant owner = sync.tenant(org.id(), Actor.user(ownerId));

        owner.catalogue().upsert(List.of(
                ProductUpsert.of("KOPI-ARABICA", "Arabica", List.of(VariantUpsert.of("ARABICA-250G"))),
                ProductUpsert.of("KOPI-ROBUSTA", "Robusta", List.of(VariantUpsert.of("ROBUSTA-250G")))));
        VariantId arabica = owner.catalogue().findVariantsBySku("ARABICA-250G").get(0).id();
        VariantId robusta = owner.catalogue().findVariantsBySku("ROBUSTA-250G").get(0).id();
        Location gudang = owner.locations().create(new NewLocation("Gudang", Map.of(), true));

        // shop A: arabica over two warehouses, robusta in one, and 250 accessories (three search pages) StoreSync does not sell
        SimulatedShop a = tiktok.shop(SHOP_A).add(
                new SimulatedListing(PRODUCT_A, ARABICA_A, "ARABICA-250G", new BigDecimal("85000.00"), 0, true),
                new SimulatedListing(PRODUCT_A, ROBUSTA_A, "ROBUSTA-250G", new BigDecimal("75000.00"), 4, true));
        java.util.LinkedHashMap<String, Integer> twoWarehouses = new java.util.LinkedHashMap<>();
        twoWarehouses.put("7068517275539719942", 3);
        twoWarehouses.put("7068517275539719943", 2);
        tiktok.warehouses(SHOP_A, PRODUCT_A, ARABICA_A, twoWarehouses);
        for (int i = 0; i < 250; i++) {
            a.add(new SimulatedListing(Long.toString(1_800_000_000_000_000_000L + i), null, "ACC-" + i,
                    new BigDecimal("15000.00"), 7, true));
        }
        // shop B: arabica over two warehouses
        tiktok.shop(SHOP_B).add(new SimulatedListing(PRODUCT_B, ARABICA_B, "ARABICA-250G", new BigDecimal("86000.00"), 0, true));
        tiktok.warehouses(SHOP_B, PRODUCT_B, ARABICA_B, twoWarehouses);
        SimulatedShop b = tiktok.shop(SHOP_B);

        // 1. one consent, two shops, two stores
        AuthorizationStart start = owner.stores().startAuthorization(TikTokShopConnector.PLATFORM, CALLBACK);
        assertThat(start.consentUrl().toString()).contains("service_id=").contains("state=" + start.state());
        String code = tiktok.consent(SHOP_A, SHOP_B);
        AuthorizationResult granted = owner.stores().completeAuthorization(TikTokShopConnector.PLATFORM, start.state(),
                start.state(), code, CALLBACK);
        assertThat(granted.created()).extracting(Store::platformStoreId).containsExactlyInAnyOrder(SHOP_A, SHOP_B);
        Store storeA = granted.created().stream().filter(s -> s.platformStoreId().equals(SHOP_A)).findFirst().orElseThrow();
        Store storeB = granted.created().stream().filter(s -> s.platformStoreId().equals(SHOP_B)).findFirst().orElseThrow();
        for (Store s : List.of(storeA, storeB)) {
            owner.stores().updateSettings(s.id(), s.settings().withOrderPollInterval(Duration.ofSeconds(1)));
        }

        Instant faultsOn = Instant.now();
        tiktok.faults(new FaultPlan(0.2, List.of(Fault.RATE_LIMITED, Fault.SERVER_ERROR, Fault.MALFORMED_BODY, Fault.SLOW),
                20261201L, Duration.ofSeconds(1), Duration.ofMillis(2500)).exactly());

        WorkerOptions options = WorkerOptions.defaults(3)
                .withLease(Duration.ofSeconds(5), Duration.ofMillis(500))
                .withIntervals(Duration.ofMillis(200), Duration.ofMillis(200))
                .withStockTiming(Duration.ofMillis(100), Duration.ofMillis(250))
                .withRetryPolicy(new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(2), 0))
                .withShutdownTimeout(Duration.ofSeconds(5));
        try (Workers workers = sync.startWorkers(options)) {
            // 2. both catalogues imported; the listings whose seller SKU StoreSync knows are matched
            await("listings matched in both stores", () -> listings(owner, storeA).size() == 2
                    && listings(owner, storeB).size() == 1 && importsDone(owner, 2));
            assertThat(owner.listings().findOnStore(storeA.id(), PRODUCT_A, ARABICA_A)).map(Listing::variant).contains(arabica);
            assertThat(owner.listings().findOnStore(storeA.id(), PRODUCT_A, ROBUSTA_A)).map(Listing::variant).contains(robusta);
            assertThat(owner.listings().findOnStore(storeB.id(), PRODUCT_B, ARABICA_B)).map(Listing::variant).contains(arabica);

            // 3. stock received reaches both shops, per warehouse: all in the first, zero in the second
            StockContext delivery = StockContext.note("delivery note DN-1");
            owner.inventory().receive(arabica, gudang.id(), 50, delivery);
            owner.inventory().receive(robusta, gudang.id(), 40, delivery);
            awaitStock(a, PRODUCT_A, ARABICA_A, 50);
            awaitStock(a, PRODUCT_A, ROBUSTA_A, 40);
            awaitStock(b, PRODUCT_B, ARABICA_B, 50);
            assertThat(tiktok.warehouseStock(SHOP_A, PRODUCT_A, ARABICA_A))
                    .containsEntry("7068517275539719942", 50).containsEntry("7068517275539719943", 0);

            // 4. an order in shop A arrives by webhook (delivered twice); one in shop B only by the poll
            Instant placed = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            a.placeOrder("576461413038785752", "IDR", placed, List.of(
                    new SimulatedOrder.Line("577086512123755123", PRODUCT_A, ARABICA_A, "ARABICA-250G", "Arabica", 2,
                            new BigDecimal("85000.00")),
                    new SimulatedOrder.Line("577086512123755124", PRODUCT_A, ROBUSTA_A, "ROBUSTA-250G", "Robusta", 1,
                            new BigDecimal("75000.00"))));
            SignedDelivery hook = tiktok.orderWebhook(SHOP_A, "7327112393057371910", "576461413038785752", Instant.now());
            List<WebhookReceipt> first = sync.receiveWebhook(TikTokShopConnector.PLATFORM, hook.headers(), hook.body());
            assertThat(first).singleElement().satisfies(r -> assertThat(r.duplicate()).isFalse());
            assertThat(sync.receiveWebhook(TikTokShopConnector.PLATFORM, hook.headers(), hook.body()))
                    .singleElement().satisfies(r -> assertThat(r.duplicate()).isTrue());
            b.placeOrder("576461413038785999", "IDR", placed, List.of(
                    new SimulatedOrder.Line("577086512123755999", PRODUCT_B, ARABICA_B, "ARABICA-250G", "Arabica", 3,
                            new BigDecimal("86000.00"))));
            // 25 more in each shop: robusta in A by webhook (each fetched over the flaky API), arabica in B by poll
            for (int i = 0; i < 25; i++) {
                String idA = Long.toString(576461413038786000L + i);
                a.placeOrder(idA, "IDR", placed, List.of(new SimulatedOrder.Line(Long.toString(577086512123756000L + i),
                        PRODUCT_A, ROBUSTA_A, "ROBUSTA-250G", "Robusta", 1, new BigDecimal("75000.00"))));
                SignedDelivery d = tiktok.orderWebhook(SHOP_A, "73271123930573800" + (10 + i), idA, Instant.now());
                sync.receiveWebhook(TikTokShopConnector.PLATFORM, d.headers(), d.body());
                b.placeOrder(Long.toString(576461413038787000L + i), "IDR", placed, List.of(new SimulatedOrder.Line(
                        Long.toString(577086512123757000L + i), PRODUCT_B, ARABICA_B, "ARABICA-250G", "Arabica", 1,
                        new BigDecimal("86000.00"))));
            }
            await("every order in the book", () -> order(owner, storeA, "576461413038785752").isPresent()
                    && order(owner, storeB, "576461413038785999").isPresent()
                    && java.util.stream.IntStream.range(0, 25).allMatch(i ->
                            order(owner, storeA, Long.toString(576461413038786000L + i)).isPresent()
                            && order(owner, storeB, Long.toString(576461413038787000L + i)).isPresent()));
            assertThat(order(owner, storeA, "576461413038785752").orElseThrow().lines())
                    .anySatisfy(l -> assertThat(l.quantity()).isEqualTo(2));
            awaitStock(a, PRODUCT_A, ARABICA_A, 20);
            awaitStock(b, PRODUCT_B, ARABICA_B, 20);
            awaitStock(a, PRODUCT_A, ROBUSTA_A, 14);

            // 5. the buyer cancels the first order; TikTok says so with a cancellation-status event
            a.changeStatus("576461413038785752", "CANCELLED", placed.plusSeconds(2));
            SignedDelivery cancel = tiktok.orderEvent(SHOP_A, "7327112393057371911", 11, "576461413038785752", Instant.now());
            sync.receiveWebhook(TikTokShopConnector.PLATFORM, cancel.headers(), cancel.body());
            await("the order cancelled", () -> order(owner, storeA, "576461413038785752")
                    .map(o -> o.status() == OrderStatus.CANCELLED).orElse(false));
            awaitStock(a, PRODUCT_A, ARABICA_A, 22);
            awaitStock(b, PRODUCT_B, ARABICA_B, 22);
            awaitStock(a, PRODUCT_A, ROBUSTA_A, 15);
            await("no job waiting or running", () -> owner.jobs().list(PageRequest.first(500)).items().stream()
                    .noneMatch(j -> j.status() == JobStatus.PENDING || j.status() == JobStatus.RUNNING
                            || j.status() == JobStatus.RETRYING));
        }

        List<StockMovement> ledger = owner.inventory().movements(arabica, PageRequest.first(100)).items();
        assertThat(ledger).filteredOn(m -> m.type() == MovementType.RESERVE)
                .extracting(StockMovement::reservedChange).containsExactlyInAnyOrder(java.util.stream.Stream.concat(java.util.stream.Stream.of(2, 3),
                        java.util.Collections.nCopies(25, 1).stream()).toArray(Integer[]::new));
        assertThat(ledger).filteredOn(m -> m.type() == MovementType.RELEASE).hasSize(1);
        assertThat(owner.inventory().totals(arabica).available()).isEqualTo(22);
        assertThat(owner.inventory().totals(robusta).available()).isEqualTo(15);
        assertThat(owner.inventory().movements(robusta, PageRequest.first(100)).items())
                .filteredOn(m -> m.type() == MovementType.RESERVE).hasSize(26);
        assertThat(tiktok.warehouseStock(SHOP_B, PRODUCT_B, ARABICA_B))
                .containsEntry("7068517275539719942", 22).containsEntry("7068517275539719943", 0);

        List<Job> jobs = owner.jobs().list(PageRequest.first(500)).items();
        assertThat(jobs).noneMatch(j -> j.status() == JobStatus.FAILED);
        // the calls made once faults were switched on (the consent's two calls were before); a SLOW call is logged
        // only once its delay has passed, after the workers gave up on it, so count when none is left
        await("no call still inside TikTok", () -> tiktok.requestsInFlight() == 0);
        List<RecordedRequest> all = tiktok.requests().stream().filter(r -> !r.at().isBefore(faultsOn)).toList();
        long faulted = all.stream().filter(r -> r.fault() != null).count();
        double rate = (double) faulted / all.size();
        LoggerFactory.getLogger(TikTokEndToEndIT.class).info("{} calls to TikTok, {} faulted ({}%): {}", all.size(),
                faulted, Math.round(rate * 1000) / 10.0, all.stream().filter(r -> r.fault() != null)
                        .collect(java.util.stream.Collectors.groupingBy(RecordedRequest::fault,
                                java.util.stream.Collectors.counting())));
        assertThat(all.size()).as("enough calls for the rate to mean something").isGreaterThanOrEqualTo(25);
        // an exact plan fails one call in every five: a fifth of the calls, give or take the last, unfinished block
        assertThat(Math.abs(faulted - all.size() / 5.0)).as("faults %s of %s calls: a fifth, within one", faulted,
                all.size()).isLessThanOrEqualTo(1.0);
        assertThat(all).as("every call was signed, timed and addressed as TikTok requires")
                .noneMatch(r -> r.status() == 400 || r.status() == 401 || r.status() == 404);
        assertThat(a.listing("1800000000000000000", null).orElseThrow().stock())
                .as("a listing StoreSync does not sell is left alone").isEqualTo(7);
    }

    private static boolean importsDone(Tenant owner, int count) {
        return owner.jobs().list(PageRequest.first(500)).items().stream()
                .filter(j -> j.type() == JobType.CATALOGUE_IMPORT && j.status() == JobStatus.COMPLETED).count() >= count;
    }

    private static List<Listing> listings(Tenant owner, Store store) {
        return owner.listings().ofStore(store.id(), PageRequest.first(50)).items();
    }

    private static Optional<Order> order(Tenant owner, Store store, String id) {
        return owner.orders().findByPlatformId(store.id(), id);
    }

    /** Waits until StoreSync's last write to the SKU is {@code quantity} and the shop shows it. */
    private static void awaitStock(SimulatedShop shop, String productId, String skuId, int quantity) {
        await(shop.id() + " shows " + quantity + " of " + skuId, () -> {
            List<SimulatedShop.StockWrite> writes = shop.stockWrites().stream()
                    .filter(w -> w.productId().equals(productId) && skuId.equals(w.variantId())).toList();
            return !writes.isEmpty() && writes.get(writes.size() - 1).quantity() == quantity
                    && shop.stock(productId, skuId) == quantity;
        });
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("gave up after " + WAIT + " waiting for " + what);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
