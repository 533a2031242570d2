package io.storesync.website;

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
import io.storesync.api.job.RetryPolicy;
import io.storesync.api.job.WorkerOptions;
import io.storesync.api.job.Workers;
import io.storesync.api.order.Order;
import io.storesync.api.order.OrderStatus;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreSettings;
import io.storesync.api.webhook.WebhookEndpoint;
import io.storesync.api.webhook.WebhookReceipt;
import io.storesync.api.webhook.WebhookRequest;
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
import io.storesync.testkit.simulator.WebsiteSimulator;
import java.math.BigDecimal;
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
 * The custom website end to end, over real HTTP, with faults injected into exactly 20% of the site's answers (one
 * call in every five, measured from the site's request log; throttling, 5xx, malformed bodies, answers slower than the
 * connector waits): the connector is found by {@code ServiceLoader}, the store is
 * connected, its catalogue imported page by page and matched to the master catalogue by SKU, stock pushed to the site,
 * orders arrive by signed webhook (duplicated, and one naming only the order id so the engine fetches it), one is
 * cancelled, and at the end the book, the ledger and the site agree: nothing lost, nothing doubled.
 */
// try-with-resources scopes the workers' lifetime; the handle itself is not used in the body
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
class WebsiteEndToEndIT {
    private static final String SHOP = "toko-kopi";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final TestDatabase db;
    private final WebsiteSimulator site = WebsiteSimulator.start();

    WebsiteEndToEndIT(TestDatabase db) {
        this.db = db;
    }

    @AfterEach
    void stopSite() {
        site.close();
    }

    @Test
    void catalogueStockAndWebhookOrdersSurviveAFlakySiteWithNothingLostOrDoubled() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        StoreSync sync = db.storeSyncBuilder()
                .credentialKeys(CredentialKeys.single("k1", Secret.ofBytes(key)))
                // the simulator listens on plain HTTP; the short timeout turns the simulator's SLOW answers into lost responses
                .connectorSettings(new ConnectorSettings(WebsiteConnector.PLATFORM,
                        Map.of("allow_http", "true", "request_timeout_ms", "1000"), Map.of()))
                .build();
        UserId ownerId = UserId.random();
        Organization org = sync.createOrganization(
                NewOrganization.of("Toko Kopi", "toko-kopi-e2e", ownerId, "ayu@tokokopi.example", "Ayu"));
        Tenant shop = sync.tenant(org.id(), Actor.user(ownerId));

        // the master catalogue and its stock
        shop.catalogue().upsert(List.of(
                ProductUpsert.of("KOPI-ARABICA", "Arabica", List.of(VariantUpsert.of("ARABICA-250G"), VariantUpsert.of("ARABICA-1KG"))),
                ProductUpsert.of("KOPI-ROBUSTA", "Robusta", List.of(VariantUpsert.of("ROBUSTA-250G")))));
        VariantId arabica = variant(shop, "ARABICA-250G");
        VariantId arabicaKg = variant(shop, "ARABICA-1KG");
        VariantId robusta = variant(shop, "ROBUSTA-250G");
        Location gudang = shop.locations().create(new NewLocation("Gudang", Map.of(), true));

        // the site's own catalogue: ids as WooCommerce sends them (numbers), one listing StoreSync does not sell
        site.numericIds(true).pageSize(20);
        SimulatedShop web = site.shop(SHOP).add(
                new SimulatedListing("9007199254740993", null, "ARABICA-250G", new BigDecimal("85000.00"), 0, true),
                new SimulatedListing("9007199254740994", null, "ARABICA-1KG", new BigDecimal("310000.00"), 0, true),
                new SimulatedListing("9007199254740995", null, "ROBUSTA-250G", new BigDecimal("75000.00"), 0, true),
                new SimulatedListing("9007199254740996", null, "MUG-LOGO", new BigDecimal("50000.00"), 4, true));
        // and thirty accessories it sells only on the web, so the import pages through a catalogue of some size
        for (int i = 0; i < 30; i++) {
            web.add(new SimulatedListing(Long.toString(8_000_000_000_000_000_000L + i), null, "ACC-" + i,
                    new BigDecimal("15000.00"), 7, true));
        }
        site.requireRequestSigning(SHOP);
        // exactly one call in every five fails (a drawn 20% came out anywhere from 9% to 18% on runs of this length)
        site.faults(new FaultPlan(0.2, List.of(Fault.RATE_LIMITED, Fault.SERVER_ERROR, Fault.MALFORMED_BODY, Fault.SLOW),
                20261201L, Duration.ofSeconds(1), Duration.ofMillis(1500)).exactly());

        Store store = shop.stores().connect(new NewStore(WebsiteConnector.PLATFORM, "Toko Kopi Web", SHOP,
                site.credentials(SHOP), StoreSettings.DEFAULTS));
        WebhookEndpoint endpoint = shop.webhooks().addEndpoint(store.id(), "https://host.example/hooks/toko-kopi",
                List.of("order.updated"));

        WorkerOptions options = WorkerOptions.defaults(3)
                .withLease(Duration.ofSeconds(5), Duration.ofMillis(500))
                .withIntervals(Duration.ofMillis(200), Duration.ofMillis(200))
                .withStockTiming(Duration.ofMillis(100), Duration.ofMillis(250))
                .withRetryPolicy(new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(2), 0))
                .withShutdownTimeout(Duration.ofSeconds(5));
        try (Workers workers = sync.startWorkers(options)) {
            // 1. the catalogue import pages through the site and links the three listings whose SKU StoreSync knows
            await("three listings matched by SKU", () -> listings(shop, store).size() == 3
                    && shop.jobs().list(PageRequest.first(500)).items().stream().anyMatch(j ->
                            j.type() == io.storesync.api.job.JobType.CATALOGUE_IMPORT && j.status() == JobStatus.COMPLETED));
            assertThat(listings(shop, store)).extracting(Listing::platformProductId)
                    .containsExactlyInAnyOrder("9007199254740993", "9007199254740994", "9007199254740995");
            assertThat(shop.listings().findOnStore(store.id(), "9007199254740993", null))
                    .map(Listing::variant).contains(arabica);

            // 2. stock received reaches the site
            StockContext delivery = StockContext.note("delivery note DN-1");
            shop.inventory().receive(arabica, gudang.id(), 30, delivery);
            shop.inventory().receive(arabicaKg, gudang.id(), 5, delivery);
            shop.inventory().receive(robusta, gudang.id(), 30, delivery);
            awaitSiteStock(web, 30, 5, 30);

            // 3. a buyer orders on the site; its signed webhook arrives three times (twice the same delivery, once
            //    re-sent with a new id), and a second order's webhook names only its id
            Instant placed = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            web.placeOrder("WEB-1", "IDR", placed, List.of(
                    new SimulatedOrder.Line("1", "9007199254740993", null, "ARABICA-250G", "Arabica 250 g", 2, new BigDecimal("85000.00")),
                    new SimulatedOrder.Line("2", "9007199254740995", null, "ROBUSTA-250G", "Robusta 250 g", 1, new BigDecimal("75000.00"))));
            SignedDelivery first = site.orderWebhook(SHOP, "msg_web1_a", "WEB-1", Instant.now());
            WebhookReceipt receipt = receive(sync, endpoint, first);
            assertThat(receipt.duplicate()).isFalse();
            assertThat(receive(sync, endpoint, first).duplicate()).isTrue();
            receive(sync, endpoint, site.orderWebhook(SHOP, "msg_web1_b", "WEB-1", Instant.now()));

            web.placeOrder("WEB-2", "IDR", placed.plusMillis(5), List.of(
                    new SimulatedOrder.Line("1", "9007199254740993", null, "ARABICA-250G", "Arabica 250 g", 3, new BigDecimal("85000.00"))));
            receive(sync, endpoint, site.orderIdWebhook(SHOP, "msg_web2_a", "WEB-2", Instant.now()));
            // a dozen more, each fetched over the flaky connection
            for (int i = 10; i < 22; i++) {
                web.placeOrder("WEB-" + i, "IDR", placed.plusMillis(i), List.of(new SimulatedOrder.Line("1",
                        "9007199254740995", null, "ROBUSTA-250G", "Robusta 250 g", 1, new BigDecimal("75000.00"))));
                receive(sync, endpoint, site.orderIdWebhook(SHOP, "msg_web" + i, "WEB-" + i, Instant.now()));
            }

            await("every order in the book", () -> order(shop, store, "WEB-1").isPresent()
                    && order(shop, store, "WEB-2").isPresent() && java.util.stream.IntStream.range(10, 22)
                            .allMatch(i -> order(shop, store, "WEB-" + i).isPresent()));
            // 30 - 2 - 3 arabica, 30 - 1 - 12 robusta available; the site shows it after StoreSync's push
            awaitSiteStock(web, 25, 5, 17);

            // 4. the buyer cancels WEB-1 on the site: its reservation is released and the site shows it back
            web.changeStatus("WEB-1", "cancelled", placed.plusSeconds(1));
            receive(sync, endpoint, site.orderWebhook(SHOP, "msg_web1_c", "WEB-1", Instant.now()));
            await("WEB-1 cancelled", () -> order(shop, store, "WEB-1").map(o -> o.status() == OrderStatus.CANCELLED).orElse(false));
            awaitSiteStock(web, 27, 5, 18);
            await("no job waiting or running", () -> shop.jobs().list(PageRequest.first(500)).items().stream()
                    .noneMatch(j -> j.status() == JobStatus.PENDING || j.status() == JobStatus.RUNNING
                            || j.status() == JobStatus.RETRYING));
        }

        // nothing doubled: one reservation per line, one release for each cancelled line, totals as expected
        List<StockMovement> arabicaLedger = shop.inventory().movements(arabica, PageRequest.first(100)).items();
        assertThat(arabicaLedger).filteredOn(m -> m.type() == MovementType.RESERVE)
                .extracting(StockMovement::reservedChange).containsExactlyInAnyOrder(2, 3);
        assertThat(arabicaLedger).filteredOn(m -> m.type() == MovementType.RELEASE).hasSize(1);
        assertThat(shop.inventory().totals(arabica).available()).isEqualTo(27);
        assertThat(shop.inventory().totals(arabica).reserved()).isEqualTo(3);
        assertThat(shop.inventory().totals(robusta).available()).isEqualTo(18);
        assertThat(shop.inventory().totals(robusta).reserved()).isEqualTo(12);
        assertThat(shop.inventory().movements(robusta, PageRequest.first(100)).items())
                .filteredOn(m -> m.type() == MovementType.RESERVE).hasSize(13)
                .allSatisfy(m -> assertThat(m.reservedChange()).isEqualTo(1));
        assertThat(shop.orders().findByPlatformId(store.id(), "WEB-2").orElseThrow().lines())
                .singleElement().satisfies(l -> assertThat(l.variantId()).isEqualTo(arabica));

        // nothing lost: no job gave up, and the faults did happen
        List<Job> jobs = shop.jobs().list(PageRequest.first(500)).items();
        assertThat(jobs).noneMatch(j -> j.status() == JobStatus.FAILED);
        // a SLOW call is logged only once its delay has passed, after the workers gave up on it: count when none is left
        await("no call still inside the site", () -> site.requestsInFlight() == 0);
        List<RecordedRequest> faulted = site.requests().stream().filter(r -> r.fault() != null).toList();
        LoggerFactory.getLogger(WebsiteEndToEndIT.class).info("{} calls to the site, {} faulted: {}", site.requests().size(),
                faulted.size(), faulted.stream().collect(java.util.stream.Collectors.groupingBy(RecordedRequest::fault,
                        java.util.stream.Collectors.counting())));
        // the rate the issue asks for, measured from the site's own request log: with an exact plan every block of five
        // calls had one fault, so the faults are a fifth of the calls give or take the last, unfinished block
        List<RecordedRequest> calls = site.requests();
        double achieved = (double) faulted.size() / calls.size();
        LoggerFactory.getLogger(WebsiteEndToEndIT.class).info("achieved fault rate {} ({} of {} calls)",
                String.format(java.util.Locale.ROOT, "%.3f", achieved), faulted.size(), calls.size());
        assertThat(calls.size()).as("calls to the site").isGreaterThanOrEqualTo(20);
        assertThat(Math.abs(faulted.size() - calls.size() / 5.0)).as("faults %s of %s calls: a fifth, within one",
                faulted.size(), calls.size()).isLessThanOrEqualTo(1.0);
        assertThat(faulted.stream().map(RecordedRequest::fault).distinct().count()).as("kinds of fault injected")
                .isGreaterThanOrEqualTo(2);
        assertThat(site.requests()).as("every call to the site carried a valid key and signature")
                .noneMatch(r -> r.status() == 401);
        assertThat(web.listing("9007199254740996", null).orElseThrow().stock())
                .as("a listing StoreSync does not sell is left alone").isEqualTo(4);
        assertThat(site.requests().stream().filter(r -> r.path().endsWith("/products")).count())
                .as("the import paged through 34 listings 20 at a time").isGreaterThanOrEqualTo(2);
    }

    private static WebhookReceipt receive(StoreSync sync, WebhookEndpoint endpoint, SignedDelivery delivery) {
        return sync.receiveWebhook(new WebhookRequest(endpoint.id(), delivery.headers(), delivery.body()));
    }

    private static VariantId variant(Tenant shop, String sku) {
        return shop.catalogue().findVariantsBySku(sku).get(0).id();
    }

    private static List<Listing> listings(Tenant shop, Store store) {
        return shop.listings().ofStore(store.id(), PageRequest.first(50)).items();
    }

    private static Optional<Order> order(Tenant shop, Store store, String id) {
        return shop.orders().findByPlatformId(store.id(), id);
    }

    /**
     * Waits until StoreSync's last stock write to each listing is the expected quantity and the site shows it. Both,
     * because the site also moves its own stock on sale and cancel: what it shows alone would not prove a push.
     */
    private static void awaitSiteStock(SimulatedShop web, int arabica, int arabicaKg, int robusta) {
        Map<String, Integer> expected = Map.of("9007199254740993", arabica, "9007199254740994", arabicaKg,
                "9007199254740995", robusta);
        await("StoreSync pushed " + expected, () -> expected.entrySet().stream().allMatch(e ->
                lastWrite(web, e.getKey()) == e.getValue() && web.stock(e.getKey(), null) == e.getValue()));
    }

    private static int lastWrite(SimulatedShop web, String productId) {
        List<SimulatedShop.StockWrite> writes = web.stockWrites().stream()
                .filter(w -> w.productId().equals(productId)).toList();
        return writes.isEmpty() ? -1 : writes.get(writes.size() - 1).quantity();
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
