package io.storesync.tiktok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.NotFoundException;
import io.storesync.api.PageRequest;
import io.storesync.api.Secret;
import io.storesync.api.Tenant;
import io.storesync.api.ValidationException;
import io.storesync.api.catalogue.ProductUpsert;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.catalogue.VariantUpsert;
import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.job.WorkerOptions;
import io.storesync.api.job.Workers;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.AuthorizationStart;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.StockBuffer;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreSettings;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.simulator.SimulatedListing;
import io.storesync.testkit.simulator.SimulatedShop;
import io.storesync.testkit.simulator.tiktok.TikTokShopSimulator;
import java.math.BigDecimal;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * StoreSync keeps stock per location, TikTok Shop per warehouse. A store maps two of the seller's three locations to
 * its shop's two warehouses ({@code StoreSettings.warehouses}); stock pushes then set each warehouse to the stock of
 * its location, the unmapped location's stock is not offered, and the store's buffer is held back from the fullest
 * warehouse. Against the simulator, which keeps each SKU's stock per warehouse and refuses an update that leaves one
 * of the SKU's warehouses out (12019028).
 */
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
class TikTokWarehouseMappingIT {
    private static final String SHOP = "7494049642642441641";
    private static final String PRODUCT = "1729592969712209001";
    private static final String SKU = "1729592969712209002";
    private static final String JAKARTA_WAREHOUSE = "7068517275539719951";
    private static final String SURABAYA_WAREHOUSE = "7068517275539719952";
    private static final URI CALLBACK = URI.create("https://host.example/tiktok/callback");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final TestDatabase db;
    private final TikTokShopSimulator tiktok = TikTokShopSimulator.start();

    TikTokWarehouseMappingIT(TestDatabase db) {
        this.db = db;
    }

    @AfterEach
    void stop() {
        tiktok.close();
    }

    @Test
    void eachWarehouseGetsTheStockOfItsLocations() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        StoreSync sync = db.storeSyncBuilder().credentialKeys(CredentialKeys.single("k1", Secret.ofBytes(key)))
                .connectorSettings(TikTokConnectorKitTest.settings(tiktok, Duration.ofSeconds(10))).build();
        UserId ownerId = UserId.random();
        Organization org = sync.createOrganization(
                NewOrganization.of("Kopi Nusantara", "kopi-nusantara-tts", ownerId, "budi@kopi.example", "Budi"));
        Tenant owner = sync.tenant(org.id(), Actor.user(ownerId));
        owner.catalogue().upsert(List.of(ProductUpsert.of("KOPI-TORAJA", "Toraja", List.of(VariantUpsert.of("TORAJA-1KG")))));
        VariantId toraja = owner.catalogue().findVariantsBySku("TORAJA-1KG").get(0).id();
        Location jakarta = owner.locations().create(new NewLocation("Jakarta", Map.of(), true));
        Location surabaya = owner.locations().create(new NewLocation("Surabaya", Map.of(), false));
        Location bandung = owner.locations().create(new NewLocation("Bandung (returns)", Map.of(), false));

        SimulatedShop shop = tiktok.shop(SHOP).add(
                new SimulatedListing(PRODUCT, SKU, "TORAJA-1KG", new BigDecimal("180000.00"), 0, true));
        Map<String, Integer> split = new LinkedHashMap<>();
        split.put(JAKARTA_WAREHOUSE, 4);
        split.put(SURABAYA_WAREHOUSE, 6);
        tiktok.warehouses(SHOP, PRODUCT, SKU, split);

        AuthorizationStart start = owner.stores().startAuthorization(TikTokShopConnector.PLATFORM, CALLBACK);
        Store store = owner.stores().completeAuthorization(TikTokShopConnector.PLATFORM, start.state(), start.state(),
                tiktok.consent(SHOP), CALLBACK).created().get(0);

        // a location the tenant does not have, or a warehouse id TikTok never issues, is refused; nothing changes
        StoreSettings before = owner.stores().find(store.id()).orElseThrow().settings();
        assertThatThrownBy(() -> owner.stores().updateSettings(store.id(),
                before.withWarehouses(Map.of(LocationId.random(), JAKARTA_WAREHOUSE)))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> before.withWarehouses(Map.of(jakarta.id(), "7068517275539719951; DROP")))
                .isInstanceOf(ValidationException.class);
        assertThat(owner.stores().find(store.id()).orElseThrow().settings()).isEqualTo(before);

        // Jakarta stocks one warehouse, Surabaya the other; Bandung is not sold on TikTok; five units held back
        StoreSettings mapped = before.withStockBuffer(StockBuffer.units(5))
                .withWarehouses(Map.of(jakarta.id(), JAKARTA_WAREHOUSE, surabaya.id(), SURABAYA_WAREHOUSE));
        assertThat(owner.stores().updateSettings(store.id(), mapped).settings().warehouses())
                .containsEntry(jakarta.id(), JAKARTA_WAREHOUSE).containsEntry(surabaya.id(), SURABAYA_WAREHOUSE).hasSize(2);

        WorkerOptions options = WorkerOptions.defaults(2)
                .withIntervals(Duration.ofMillis(200), Duration.ofMillis(200))
                .withStockTiming(Duration.ofMillis(100), Duration.ofMillis(250))
                .withShutdownTimeout(Duration.ofSeconds(5));
        try (Workers workers = sync.startWorkers(options)) {
            await("the listing matched", () -> owner.listings().ofStore(store.id(), PageRequest.first(10)).items().size() == 1);
            StockContext delivery = StockContext.note("delivery DN-7");
            owner.inventory().receive(toraja, jakarta.id(), 30, delivery);
            owner.inventory().receive(toraja, surabaya.id(), 12, delivery);
            owner.inventory().receive(toraja, bandung.id(), 5, delivery);
            // 42 at mapped locations, less the buffer of 5, taken from the fullest warehouse (Jakarta's)
            awaitWarehouses(Map.of(JAKARTA_WAREHOUSE, 25, SURABAYA_WAREHOUSE, 12));
            owner.inventory().receive(toraja, surabaya.id(), 3, delivery);
            awaitWarehouses(Map.of(JAKARTA_WAREHOUSE, 25, SURABAYA_WAREHOUSE, 15));
            assertThat(shop.stock(PRODUCT, SKU)).isEqualTo(40);

            // without the map, the whole available quantity (50, less 5) goes to the SKU's first warehouse again
            owner.stores().updateSettings(store.id(), mapped.withWarehouses(Map.of()));
            owner.inventory().receive(toraja, bandung.id(), 1, delivery);
            awaitWarehouses(Map.of(JAKARTA_WAREHOUSE, 46, SURABAYA_WAREHOUSE, 0));
        }
        assertThat(tiktok.requests()).as("no inventory update refused")
                .filteredOn(r -> r.path().endsWith("/inventory/update")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    }

    private void awaitWarehouses(Map<String, Integer> expected) throws InterruptedException {
        await("warehouses " + expected, () -> tiktok.warehouseStock(SHOP, PRODUCT, SKU).equals(expected));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("gave up after " + WAIT + " waiting for " + what);
            Thread.sleep(50);
        }
    }
}
