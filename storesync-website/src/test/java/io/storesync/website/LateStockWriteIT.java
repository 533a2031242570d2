package io.storesync.website;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.PageRequest;
import io.storesync.api.Secret;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.ProductUpsert;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.catalogue.VariantUpsert;
import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.job.RetryPolicy;
import io.storesync.api.job.WorkerOptions;
import io.storesync.api.job.Workers;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreSettings;
import io.storesync.spi.connector.ConnectorSettings;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.simulator.Fault;
import io.storesync.testkit.simulator.FaultPlan;
import io.storesync.testkit.simulator.SimulatedListing;
import io.storesync.testkit.simulator.SimulatedShop;
import io.storesync.testkit.simulator.WebsiteSimulator;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A stock push the connector gave up on (the site answered after the connector's timeout) is still applied by the
 * site, late, after a newer quantity was pushed: the site then shows a stale quantity — more than is in stock when
 * the newer one was lower. The engine pushes such listings again once the connector's late-write window has passed,
 * so the site ends on the current quantity. Before that rule the stale quantity stayed until the next change (seen as
 * the rare stock failures of the Shopee and TikTok Shop end-to-end tests).
 */
// try-with-resources scopes the workers' lifetime; the handle itself is not used in the body
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
class LateStockWriteIT {
    private static final String SHOP = "toko-teh";
    private static final String LISTING = "501";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestDatabase db;
    private final WebsiteSimulator site = WebsiteSimulator.start();

    LateStockWriteIT(TestDatabase db) {
        this.db = db;
    }

    @AfterEach
    void stopSite() {
        site.close();
    }

    @Test
    void aPushThatLandsAfterItsTimeoutIsCorrectedOnceItCanNoLongerLand() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        // the connector waits 1 s for an answer; the site holds its slow answer 1.5 s, then applies the write
        StoreSync sync = db.storeSyncBuilder()
                .credentialKeys(CredentialKeys.single("k1", Secret.ofBytes(key)))
                .connectorSettings(new ConnectorSettings(WebsiteConnector.PLATFORM,
                        Map.of("allow_http", "true", "request_timeout_ms", "1000"), Map.of()))
                .build();
        UserId ownerId = UserId.random();
        Organization org = sync.createOrganization(NewOrganization.of("Toko Teh", "toko-teh-late", ownerId,
                "sari@tokoteh.example", "Sari"));
        Tenant shop = sync.tenant(org.id(), Actor.user(ownerId));
        shop.catalogue().upsert(List.of(ProductUpsert.of("TEH-HIJAU", "Teh hijau", List.of(VariantUpsert.of("TEH-HIJAU-100G")))));
        VariantId tea = shop.catalogue().findVariantsBySku("TEH-HIJAU-100G").get(0).id();
        Location gudang = shop.locations().create(new NewLocation("Gudang", Map.of(), true));
        SimulatedShop web = site.shop(SHOP).add(
                new SimulatedListing(LISTING, null, "TEH-HIJAU-100G", new BigDecimal("25000.00"), 0, true));
        site.faults(FaultPlan.NONE.withSlowDelay(Duration.ofMillis(1500)));
        Store store = shop.stores().connect(new NewStore(WebsiteConnector.PLATFORM, "Toko Teh Web", SHOP,
                site.credentials(SHOP), StoreSettings.DEFAULTS));

        WorkerOptions options = WorkerOptions.defaults(3)
                .withLease(Duration.ofSeconds(5), Duration.ofMillis(500))
                .withIntervals(Duration.ofMillis(200), Duration.ofMillis(200))
                .withStockTiming(Duration.ofMillis(100), Duration.ofMillis(250))
                .withRetryPolicy(new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(2), 0))
                .withShutdownTimeout(Duration.ofSeconds(5));
        try (Workers workers = sync.startWorkers(options)) {
            await("the listing linked", () -> shop.listings().findOnStore(store.id(), LISTING, null).isPresent());
            StockContext delivery = StockContext.note("delivery");
            shop.inventory().receive(tea, gudang.id(), 10, delivery);
            await("the site shows 10", () -> lastWrite(web) == 10 && web.stock(LISTING, null) == 10);

            // the push of 15 is answered too late: the connector gives up on it after 1 s, the site applies it at 1.5 s
            site.failNext(Fault.SLOW);
            shop.inventory().receive(tea, gudang.id(), 5, delivery);
            // waited for, not slept on: on a loaded machine the push of 15 could still be coalescing after a fixed
            // sleep, so 15 and 18 went out as one push of 18 and no 15 ever existed to land late
            await("the push of 15 held by the site", () -> site.requestsInFlight() > 0);
            // meanwhile three more arrive: 18 is pushed while the slow 15 is still on its way
            shop.inventory().receive(tea, gudang.id(), 3, delivery);

            await("the late write of 15 landed", () -> web.stockWrites().stream().anyMatch(w -> w.quantity() == 15));
            await("the site shows 18 again after the late write", () -> lastWrite(web) == 18 && web.stock(LISTING, null) == 18);
            // and it stays there: nothing older is left to land
            Thread.sleep(2000);
            assertThat(web.stock(LISTING, null)).isEqualTo(18);
        }

        List<Integer> writes = web.stockWrites().stream().map(SimulatedShop.StockWrite::quantity).toList();
        int late = writes.lastIndexOf(15);
        assertThat(writes.subList(late + 1, writes.size())).as("writes after the late 15, in %s", writes).containsExactly(18);
        assertThat(shop.inventory().totals(tea).available()).isEqualTo(18);
        assertThat(shop.jobs().list(PageRequest.first(100)).items().stream()
                        .filter(j -> j.type() == io.storesync.api.job.JobType.STOCK_PUSH)
                        .flatMap(j -> shop.jobs().logs(j.id()).stream()))
                .as("the unanswered push says what it does about it")
                .anyMatch(l -> l.message().contains("pushed again after 1000 ms"));
    }

    private static int lastWrite(SimulatedShop web) {
        List<SimulatedShop.StockWrite> writes = web.stockWrites();
        return writes.isEmpty() ? -1 : writes.get(writes.size() - 1).quantity();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("gave up after " + WAIT + " waiting for " + what);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
