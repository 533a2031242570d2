package io.storesync.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.PageRequest;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.Listing;
import io.storesync.api.catalogue.NewProduct;
import io.storesync.api.catalogue.NewVariant;
import io.storesync.api.catalogue.Product;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.ReorderSuggestion;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.order.Order;
import io.storesync.api.order.OrderLineSnapshot;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.order.OrderStatus;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreId;
import io.storesync.api.store.StoreSettings;
import io.storesync.jpa.ReadOnlyModelException;
import io.storesync.jpa.StoreSyncJpa;
import io.storesync.samples.spring.reports.AttentionOrderRepository;
import io.storesync.samples.spring.reports.StoreSalesRepository;
import io.storesync.testkit.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import io.storesync.testkit.simulator.SimulatedListing;
import io.storesync.testkit.simulator.WebsiteSimulator;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sample's reports over StoreSync's JPA read model, over real HTTP, with the host pool in
 * {@code auto-commit=false}: two sellers' data written through the StoreSync API (stores connected to the
 * custom-website simulator, orders ingested, stock received and reorder points set); each seller's reports show its
 * own figures — checked against the API's own answers and against the sums of what was ingested — and never a row of
 * the other's; one seller cannot file the other's store under a region. Through the beans: a repository outside any
 * binding sees nothing, and writes to StoreSync's tables through the read model's unit are refused.
 */
@DirtiesContext
@Import(SampleReadModelIT.Teardown.class)
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleReadModelIT {
    private static final TestDatabase DB = TestDatabase.create();
    private static final WebsiteSimulator SITE = WebsiteSimulator.start();
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Instant PLACED = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Autowired
    private StoreSync storeSync;
    @Autowired
    private Environment environment;
    @Autowired
    private AttentionOrderRepository attentionRepository;
    @Autowired
    private StoreSalesRepository salesRepository;
    @PersistenceContext(unitName = "storesync-read-model")
    private EntityManager readModelEntities;
    @Autowired
    @Qualifier("readModelTransactionManager")
    private PlatformTransactionManager readModelTransactions;
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

    /** One seller as written through the API. */
    record Seller(OrganizationId id, Tenant api, Map<String, StoreId> stores) {}

    @Test
    void eachSellersReportsShowItsOwnFiguresOnly() throws Exception {
        Seller kopi = seller("Toko Kopi", "toko-kopi");
        VariantId kopi250 = variant(kopi, "Kopi Arabika", "KOPI-250G", "250 g");
        VariantId teh100 = variant(kopi, "Teh Melati", "TEH-100G", "100 g");
        LocationId gudang = kopi.api().locations().create(NewLocation.named("Gudang")).id();
        kopi.api().inventory().receive(kopi250, gudang, 20, StockContext.note("opening stock"));
        kopi.api().inventory().receive(teh100, gudang, 3, StockContext.note("opening stock"));
        kopi.api().inventory().setReorderPoint(kopi250, gudang, 5, 10);
        kopi.api().inventory().setReorderPoint(teh100, gudang, 4, 12);
        connect(kopi, "Kopi Web", "kopi-web", new SimulatedListing("P-K1", null, "KOPI-250G",
                new BigDecimal("85000.00"), 0, true));
        connect(kopi, "Kopi Outlet", "kopi-outlet", new SimulatedListing("P-K2", null, "KOPI-250G",
                new BigDecimal("80000.00"), 0, true));
        awaitMapped(kopi, "Kopi Web", "P-K1", kopi250);
        awaitMapped(kopi, "Kopi Outlet", "P-K2", kopi250);

        // Kopi Web: 3 mapped, 1 unmapped (a mug StoreSync does not sell), 16 mapped with only 15 left -> shortfall
        ingest(kopi, "Kopi Web", "KW-1", OrderStatus.AWAITING_SHIPMENT, line("P-K1", "KOPI-250G", 3, "85000.00"));
        ingest(kopi, "Kopi Outlet", "KO-1", OrderStatus.COMPLETED, line("P-K2", "KOPI-250G", 2, "80000.00"));
        ingest(kopi, "Kopi Outlet", "KO-2", OrderStatus.CANCELLED, line("P-K2", "KOPI-250G", 1, "80000.00"));
        ingest(kopi, "Kopi Web", "KW-2", OrderStatus.AWAITING_SHIPMENT, line("P-MUG", "MUG", 1, "50000.00"));
        ingest(kopi, "Kopi Web", "KW-3", OrderStatus.AWAITING_SHIPMENT, line("P-K1", "KOPI-250G", 16, "85000.00"));

        Seller teh = seller("Toko Teh", "toko-teh");
        VariantId gula = variant(teh, "Gula Aren", "GULA-1KG", "1 kg");
        LocationId rak = teh.api().locations().create(NewLocation.named("Rak")).id();
        teh.api().inventory().receive(gula, rak, 1, StockContext.note("opening stock"));
        teh.api().inventory().setReorderPoint(gula, rak, 10, 20);
        connect(teh, "Teh Web", "teh-web");
        ingest(teh, "Teh Web", "TW-1", OrderStatus.AWAITING_SHIPMENT, line("P-TEAPOT", "TEAPOT", 1, "999000.00"));

        // the host files stores under its own regions; the Kopi seller cannot file the Teh seller's store
        assertThat(put(kopi, "/stores/" + kopi.stores().get("Kopi Web").value() + "/region", "Jawa Barat")
                .statusCode()).isEqualTo(200);
        assertThat(put(teh, "/stores/" + teh.stores().get("Teh Web").value() + "/region", "Bali").statusCode())
                .isEqualTo(200);
        int refused = 0;
        if (put(kopi, "/stores/" + teh.stores().get("Teh Web").value() + "/region", "Sumatra").statusCode() == 404) {
            refused++;
        }
        assertThat(refused).isEqualTo(1);

        // 1. orders needing attention, with their lines: the API's list, with the same figures
        JsonNode attention = report(kopi, "/orders-needing-attention");
        List<Order> apiAttention = kopi.api().orders().needingAttention(PageRequest.first(50)).items();
        assertThat(field(attention, "order")).containsExactlyInAnyOrder("KW-2", "KW-3")
                .containsExactlyInAnyOrderElementsOf(apiAttention.stream().map(Order::platformOrderId).toList());
        JsonNode mug = find(attention, "order", "KW-2");
        assertThat(mug.get("unmappedLines").asBoolean()).isTrue();
        assertThat(mug.get("lines")).hasSize(1);
        assertThat(mug.get("lines").get(0).get("sku").asText()).isEqualTo("MUG");
        assertThat(mug.get("lines").get(0).get("variantSku").isNull()).isTrue();
        JsonNode short16 = find(attention, "order", "KW-3");
        Order apiShort = apiAttention.stream().filter(o -> o.platformOrderId().equals("KW-3")).findFirst().orElseThrow();
        assertThat(short16.get("shortfall").asInt()).isPositive().isEqualTo(apiShort.shortfallQuantity());
        assertThat(short16.get("total").decimalValue()).isEqualByComparingTo("1360000.00");
        assertThat(short16.get("lines").get(0).get("quantity").asInt()).isEqualTo(16);
        assertThat(short16.get("lines").get(0).get("variantSku").asText()).isEqualTo("KOPI-250G");

        // 2. stock at or below its reorder point, with variant and product names: the API's reorder report
        JsonNode low = report(kopi, "/low-stock");
        List<ReorderSuggestion> apiLow = kopi.api().inventory().reorderReport();
        assertThat(field(low, "sku")).containsExactlyInAnyOrderElementsOf(
                apiLow.stream().map(ReorderSuggestion::sku).toList()).contains("TEH-100G", "KOPI-250G");
        JsonNode tea = find(low, "sku", "TEH-100G");
        assertThat(tea.get("productName").asText()).isEqualTo("Teh Melati");
        assertThat(tea.get("variantName").asText()).isEqualTo("100 g");
        assertThat(tea.get("location").asText()).isEqualTo("Gudang");
        assertThat(tea.get("onHand").asInt()).isEqualTo(3);
        assertThat(tea.get("available").asInt()).isEqualTo(3);
        assertThat(tea.get("reorderPoint").asInt()).isEqualTo(4);
        for (ReorderSuggestion s : apiLow) {
            JsonNode row = find(low, "sku", s.sku());
            assertThat(row.get("onHand").asInt()).isEqualTo(s.level().onHand());
            assertThat(row.get("reserved").asInt()).isEqualTo(s.level().reserved());
        }
        assertThat(find(low, "sku", "KOPI-250G").get("productName").asText()).isEqualTo("Kopi Arabika");

        // 3. sales per store with the host's region: the sums of what was ingested, the cancelled order left out
        JsonNode sales = report(kopi, "/sales-per-store");
        assertThat(sales).hasSize(2);
        JsonNode web = find(sales, "store", "Kopi Web");
        assertThat(web.get("region").asText()).isEqualTo("Jawa Barat");
        assertThat(web.get("orders").asLong()).isEqualTo(3);
        assertThat(web.get("total").decimalValue()).isEqualByComparingTo("1665000.00"); // 255000 + 50000 + 1360000
        JsonNode outlet = find(sales, "store", "Kopi Outlet");
        assertThat(outlet.get("region").isNull()).isTrue();
        assertThat(outlet.get("orders").asLong()).isEqualTo(1);
        assertThat(outlet.get("total").decimalValue()).isEqualByComparingTo("160000.00");

        // the other seller's reports: its own rows only, and its region was not overwritten
        assertThat(field(report(teh, "/orders-needing-attention"), "order")).containsExactly("TW-1");
        assertThat(field(report(teh, "/low-stock"), "sku")).containsExactly("GULA-1KG");
        JsonNode tehSales = report(teh, "/sales-per-store");
        assertThat(field(tehSales, "store")).containsExactly("Teh Web");
        assertThat(tehSales.get(0).get("region").asText()).isEqualTo("Bali");
        assertThat(tehSales.get(0).get("total").decimalValue()).isEqualByComparingTo("999000.00");
        for (String path : List.of("/orders-needing-attention", "/low-stock", "/sales-per-store")) {
            String body = get("/organizations/" + kopi.id() + "/reports" + path).body();
            assertThat(body).doesNotContain("TW-1", "GULA-1KG", "Teh Web", "Bali", teh.stores().get("Teh Web").toString());
        }

        // an organization id that is not one is refused before anything is bound
        assertThat(get("/organizations/not-an-id/reports/low-stock").statusCode()).isEqualTo(400);

        // through the beans: outside any binding a repository sees nothing; bound, the seller's orders
        assertThat(attentionRepository.needingAttention()).isEmpty();
        assertThat(salesRepository.salesPerStore()).isEmpty();
        try (StoreSyncJpa.TenantBinding bound = StoreSyncJpa.bind(kopi.id())) {
            assertThat(bound).isNotNull();
            assertThat(attentionRepository.needingAttention()).extracting(io.storesync.jpa.model.Order::getPlatformOrderId)
                    .containsExactlyInAnyOrder("KW-2", "KW-3");
        }

        // a write to StoreSync's tables through the read model's unit is refused, and nothing changed
        TransactionTemplate readModel = new TransactionTemplate(readModelTransactions);
        int writesRefused = 0;
        for (String jpql : List.of("delete from Order o", "update InventoryItem i set i.quantityOnHand = 0")) {
            try (StoreSyncJpa.TenantBinding bound = StoreSyncJpa.bind(kopi.id())) {
                assertThat(bound).isNotNull();
                readModel.executeWithoutResult(status -> readModelEntities.createQuery(jpql).executeUpdate());
            } catch (ReadOnlyModelException e) {
                writesRefused++;
            }
        }
        assertThat(writesRefused).isEqualTo(2);
        assertThat(field(report(kopi, "/sales-per-store"), "orders")).containsExactly("1", "3"); // Kopi Outlet, Kopi Web
        assertThat(find(report(kopi, "/low-stock"), "sku", "TEH-100G").get("onHand").asInt()).isEqualTo(3);
    }

    private Seller seller(String name, String slug) {
        UserId owner = UserId.random();
        Organization org = storeSync.createOrganization(NewOrganization.of(name, slug, owner, slug + "@sample.example",
                "Owner"));
        return new Seller(org.id(), storeSync.tenant(org.id(), Actor.user(owner)), new HashMap<>());
    }

    private static VariantId variant(Seller seller, String product, String sku, String name) {
        Product p = seller.api().catalogue().createProduct(NewProduct.of(sku.substring(0, sku.indexOf('-')), product));
        return seller.api().catalogue().addVariant(p.id(), new NewVariant(sku, name, Map.of(), null, null, List.of())).id();
    }

    private static void connect(Seller seller, String name, String shopId, SimulatedListing... listings) {
        var shop = SITE.shop(shopId);
        for (SimulatedListing listing : listings) shop.add(listing);
        Store store = seller.api().stores().connect(new NewStore("custom_website", name, shopId,
                SITE.credentials(shopId), StoreSettings.DEFAULTS));
        seller.stores().put(name, store.id());
    }

    private static void awaitMapped(Seller seller, String store, String listing, VariantId variant)
            throws InterruptedException {
        await(listing + " matched", () -> seller.api().listings().findOnStore(seller.stores().get(store), listing, null)
                .map(Listing::variant).filter(variant::equals).isPresent());
    }

    private static OrderLineSnapshot line(String productId, String sku, int quantity, String unitPrice) {
        BigDecimal price = new BigDecimal(unitPrice);
        return new OrderLineSnapshot("1", productId, null, sku, sku + " line", quantity, price,
                price.multiply(BigDecimal.valueOf(quantity)));
    }

    private static int sequence;

    private static void ingest(Seller seller, String store, String orderId, OrderStatus status, OrderLineSnapshot line) {
        BigDecimal total = line.lineTotal();
        Instant at = PLACED.plusSeconds(++sequence);
        seller.api().orders().ingest(new OrderSnapshot(seller.stores().get(store), orderId, null, status.name(), status,
                null, null, total, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, total, "IDR", Map.of(), List.of(),
                null, at, at, Map.of(), List.of(line)));
    }

    private String url(String path) {
        return "http://localhost:" + environment.getProperty("local.server.port") + path;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(Seller seller, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url("/organizations/" + seller.id() + "/reports" + path)))
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode report(Seller seller, String path) throws Exception {
        HttpResponse<String> response = get("/organizations/" + seller.id() + "/reports" + path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> field(JsonNode rows, String name) {
        List<String> values = new ArrayList<>();
        rows.forEach(r -> values.add(r.get(name).asText()));
        return values;
    }

    private static JsonNode find(JsonNode rows, String name, String value) {
        for (JsonNode r : rows) {
            if (r.get(name).asText().equals(value)) return r;
        }
        throw new AssertionError(value + " not in " + rows.toString().lines().collect(Collectors.joining()));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(50);
        }
    }
}
