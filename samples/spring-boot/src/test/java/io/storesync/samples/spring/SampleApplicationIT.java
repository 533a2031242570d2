package io.storesync.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.PageRequest;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.Listing;
import io.storesync.api.catalogue.NewProduct;
import io.storesync.api.catalogue.NewVariant;
import io.storesync.api.catalogue.Product;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreSettings;
import io.storesync.api.webhook.WebhookEndpoint;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.simulator.SignedDelivery;
import io.storesync.testkit.simulator.SimulatedListing;
import io.storesync.testkit.simulator.SimulatedOrder;
import io.storesync.testkit.simulator.SimulatedShop;
import io.storesync.testkit.simulator.WebsiteSimulator;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample application on a random port, on the embedded PostgreSQL with the pool in {@code auto-commit=false}, with
 * the custom-website simulator as the seller's site: the store is connected and its catalogue matched, signed webhooks
 * arrive over real HTTP (a forged one is refused with 401), the order's reservation is pushed to the site, the page of
 * orders needing attention shows the order StoreSync cannot map, and the metrics are scraped from Prometheus.
 */
@DirtiesContext
@Import(SampleApplicationIT.Teardown.class)
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationIT {
    private static final String SHOP = "toko-sample";
    private static final TestDatabase DB = TestDatabase.create();
    private static final WebsiteSimulator SITE = WebsiteSimulator.start();

    @Autowired
    private StoreSync storeSync;
    @Autowired
    private Environment environment;
    @Autowired
    private MeterRegistry registry;
    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SampleProperties.register(registry, DB);
    }

    /**
     * The simulator and the database close with the application, after its workers have stopped (a context stops its
     * lifecycle beans before destroying beans): closed in {@code @AfterAll}, before the context, the workers met a
     * closed database and the test JVM waited out their shutdown timeout at exit.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class Teardown {
        @Bean(destroyMethod = "close")
        AutoCloseable sampleTestResources() {
            return () -> {
                SITE.close();
                DB.close();
            };
        }
    }

    private String url(String path) {
        return "http://localhost:" + environment.getProperty("local.server.port") + path;
    }

    private HttpResponse<String> post(String path, SignedDelivery delivery) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        delivery.headers().forEach((name, values) -> values.forEach(v -> request.header(name, v)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void signedWebhooksOverHttpReachTheBookAndTheStockPushReachesTheSite() throws Exception {
        UserId ownerId = UserId.random();
        Organization org = storeSync.createOrganization(
                NewOrganization.of("Toko Sample", "toko-sample", ownerId, "ayu@sample.example", "Ayu"));
        Tenant shop = storeSync.tenant(org.id(), Actor.user(ownerId));
        Product kopi = shop.catalogue().createProduct(NewProduct.of("KOPI", "Kopi"));
        VariantId variant = shop.catalogue().addVariant(kopi.id(), NewVariant.of("KOPI-250G")).id();
        var gudang = shop.locations().create(NewLocation.named("Gudang"));

        SimulatedShop web = SITE.shop(SHOP).add(
                new SimulatedListing("P-1", null, "KOPI-250G", new BigDecimal("85000.00"), 0, true));
        Store store = shop.stores().connect(new NewStore("custom_website", "Toko Sample Web", SHOP,
                SITE.credentials(SHOP), StoreSettings.DEFAULTS));
        WebhookEndpoint endpoint = shop.webhooks().addEndpoint(store.id(), url("/webhooks/placeholder"),
                List.of("order.updated"));

        // the catalogue import matches the site's listing by SKU; stock received then reaches the site
        await("the listing matched", () -> shop.listings().findOnStore(store.id(), "P-1", null)
                .map(Listing::variant).filter(variant::equals).isPresent());
        shop.inventory().receive(variant, gudang.id(), 20, StockContext.note("opening stock"));
        await("20 on the site", () -> web.stock("P-1", null) == 20);

        // a buyer orders 3 on the site; its signed webhook arrives over HTTP, twice
        Instant placed = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        web.placeOrder("WEB-1", "IDR", placed, List.of(new SimulatedOrder.Line("1", "P-1", null, "KOPI-250G",
                "Kopi 250 g", 3, new BigDecimal("85000.00"))));
        SignedDelivery delivery = SITE.orderWebhook(SHOP, "msg_1", "WEB-1", Instant.now());
        HttpResponse<String> first = post("/webhooks/" + endpoint.id(), delivery);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"duplicate\":false");
        assertThat(post("/webhooks/" + endpoint.id(), delivery).body()).contains("\"duplicate\":true");

        // a forged delivery (body changed after signing) is refused; an unknown endpoint is not found
        assertThat(post("/webhooks/" + endpoint.id(), delivery.tampered()).statusCode()).isEqualTo(401);
        assertThat(post("/webhooks/" + io.storesync.api.webhook.WebhookEndpointId.random(), delivery).statusCode())
                .isEqualTo(404);

        // the reservation is pushed to the site: 20 - 3. The site also lowers its own stock on the sale, so what it
        // shows proves nothing; StoreSync's last write to the listing does
        await("StoreSync wrote 17 to the site", () -> web.stockWrites().stream().filter(w -> w.productId().equals("P-1"))
                .reduce((a, b) -> b).map(w -> w.quantity() == 17).orElse(false));
        assertThat(web.stock("P-1", null)).isEqualTo(17);

        // an order for something StoreSync does not sell needs attention
        web.placeOrder("WEB-2", "IDR", placed.plusMillis(5), List.of(new SimulatedOrder.Line("1", "P-UNKNOWN", null,
                "MUG", "Mug", 1, new BigDecimal("50000.00"))));
        assertThat(post("/webhooks/" + endpoint.id(), SITE.orderWebhook(SHOP, "msg_2", "WEB-2", Instant.now()))
                .statusCode()).isEqualTo(200);
        await("WEB-2 on the attention page", () -> {
            try {
                HttpResponse<String> page = get("/organizations/" + org.id() + "/orders/attention");
                return page.statusCode() == 200 && page.body().contains("WEB-2") && !page.body().contains("WEB-1");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // every HTTP call the website connector made to the site is a connector meter: the engine handed the
        // connector the starter's ConnectorEventListener, so the counts match the requests the simulator received
        await("connector meters count every request the site received", () -> registry
                .find("storesync.connector.requests").tag("platform", "custom_website").timers().stream()
                .mapToLong(t -> t.count()).sum() == SITE.requests().size());
        assertThat(registry.get("storesync.connector.requests").tags("platform", "custom_website",
                "outcome", "success").timers()).extracting(t -> t.getId().getTag("operation")).isNotEmpty();
        // and the reservation's push was timed from the stock change to the site's acknowledgement
        // (the listener runs after the push's transaction, so the write can be seen a moment before its meter)
        await("two pushes timed", () -> registry.get("storesync.stock.push.latency").tag("platform", "custom_website")
                .timer().count() >= 2);

        // the meters, scraped as Prometheus sees them
        HttpResponse<String> prometheus = get("/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body())
                .containsPattern("storesync_webhooks_received_total\\{[^}]*outcome=\"accepted\"[^}]*platform=\"custom_website\"[^}]*\\} 2\\.0")
                .containsPattern("storesync_webhooks_received_total\\{[^}]*outcome=\"duplicate\"[^}]*\\} 1\\.0")
                .containsPattern("storesync_webhooks_rejected_total\\{[^}]*\\} 2\\.0")
                .contains("storesync_jobs_execution_seconds_count{job_type=\"webhook_process\",outcome=\"succeeded\"")
                .contains("storesync_stock_pushes_total")
                .containsPattern("storesync_connector_requests_seconds_count\\{[^}]*outcome=\"success\"[^}]*platform=\"custom_website\"")
                .contains("storesync_stock_push_latency_seconds_count{platform=\"custom_website\"")
                .contains("storesync_jobs_queue_lag_seconds");
        // no tenant id in any StoreSync series
        assertThat(prometheus.body().lines().filter(l -> l.startsWith("storesync_")))
                .noneMatch(l -> l.contains(org.id().value().toString()) || l.contains(store.id().value().toString()));

        // health: StoreSync UP, its workers running
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.body()).contains("\"storesync\"").contains("\"workers\":\"running\"");
        assertThat(shop.orders().needingAttention(PageRequest.first(10)).items()).hasSize(1);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(50);
        }
    }
}
