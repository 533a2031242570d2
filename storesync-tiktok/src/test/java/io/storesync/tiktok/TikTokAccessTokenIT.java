package io.storesync.tiktok;

import static org.assertj.core.api.Assertions.assertThat;

import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.PageRequest;
import io.storesync.api.Secret;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.ProductUpsert;
import io.storesync.api.catalogue.VariantUpsert;
import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobLog;
import io.storesync.api.job.JobStatus;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.job.RetryPolicy;
import io.storesync.api.job.WorkerOptions;
import io.storesync.api.job.Workers;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.AuthorizationStart;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreStatus;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.simulator.SimulatedListing;
import io.storesync.testkit.simulator.SimulatedOrder;
import io.storesync.testkit.simulator.tiktok.TikTokShopSimulator;
import java.math.BigDecimal;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * TikTok Shop refuses a store's access token before the expiry it announced (105002): the engine refreshes the
 * credentials once and makes the calls again, and the store stays active. A consent the seller revoked (the token
 * unknown, 36009004, and the refresh refused, 36004005) costs one refresh and then flags the store.
 */
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
class TikTokAccessTokenIT {
    private static final String SHOP = "7494049642642441641";
    private static final String PRODUCT = "1729592969712207200";
    private static final String BOOT_40 = "1729592969712207201";
    private static final String BOOT_41 = "1729592969712207202";
    private static final String REFRESH = "/api/v2/token/refresh";
    private static final URI CALLBACK = URI.create("https://host.example/tiktok/callback");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final TestDatabase db;
    private final TikTokShopSimulator tiktok = TikTokShopSimulator.start();

    TikTokAccessTokenIT(TestDatabase db) {
        this.db = db;
    }

    @AfterEach
    void stop() {
        tiktok.close();
    }

    @Test
    void anAccessTokenTikTokStopsAcceptingMidRunIsRefreshedOnceThenARevokedConsentFlagsTheStore() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        StoreSync sync = db.storeSyncBuilder().credentialKeys(CredentialKeys.single("k1", Secret.ofBytes(key)))
                .connectorSettings(TikTokConnectorKitTest.settings(tiktok, Duration.ofSeconds(5))).build();
        UserId ownerId = UserId.random();
        Organization org = sync.createOrganization(
                NewOrganization.of("Toko Sepatu", "toko-sepatu-tts", ownerId, "budi@tokosepatu.example", "Budi"));
        Tenant owner = sync.tenant(org.id(), Actor.user(ownerId));
        owner.catalogue().upsert(List.of(ProductUpsert.of("BOOT", "Boot", List.of(VariantUpsert.of("BOOT-40"),
                VariantUpsert.of("BOOT-41")))));
        Location gudang = owner.locations().create(new NewLocation("Gudang", Map.of(), true));
        tiktok.shop(SHOP).add(new SimulatedListing(PRODUCT, BOOT_40, "BOOT-40", new BigDecimal("120000.00"), 0, true),
                new SimulatedListing(PRODUCT, BOOT_41, "BOOT-41", new BigDecimal("120000.00"), 0, true));
        AuthorizationStart start = owner.stores().startAuthorization(TikTokShopConnector.PLATFORM, CALLBACK);
        Store store = owner.stores().completeAuthorization(TikTokShopConnector.PLATFORM, start.state(), start.state(),
                tiktok.consent(SHOP), CALLBACK).created().get(0);

        WorkerOptions options = WorkerOptions.defaults(2).withLease(Duration.ofSeconds(5), Duration.ofMillis(500))
                .withIntervals(Duration.ofMillis(200), Duration.ofMillis(200))
                .withStockTiming(Duration.ofMillis(100), Duration.ofMillis(100))
                .withRetryPolicy(new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(2), 0))
                .withShutdownTimeout(Duration.ofSeconds(5));
        try (Workers workers = sync.startWorkers(options)) {
            await("the catalogue imported", () -> jobs(owner).stream().anyMatch(j -> j.type() == JobType.CATALOGUE_IMPORT
                    && j.status() == JobStatus.COMPLETED));
            assertThat(calls(REFRESH)).isZero();

            // TikTok stops accepting the access token before the expiry it announced; StoreSync does not know
            tiktok.expireAccessTokens(SHOP);
            Instant placed = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            tiktok.shop(SHOP).placeOrder("576461413038789001", "IDR", placed, List.of(new SimulatedOrder.Line(
                    "577086512123759001", PRODUCT, BOOT_40, "BOOT-40", "Boot", 1, new BigDecimal("120000.00"))));
            // a stock push and an order poll both meet the refused token
            owner.inventory().receive(owner.catalogue().findVariantsBySku("BOOT-41").get(0).id(), gudang.id(), 7,
                    StockContext.note("delivery"));
            owner.jobs().enqueue(NewJob.deduplicated(JobType.ORDER_POLL, store.id()));
            await("the order polled and the stock pushed with a refreshed token", () ->
                    owner.orders().findByPlatformId(store.id(), "576461413038789001").isPresent()
                    && tiktok.shop(SHOP).stock(PRODUCT, BOOT_41) == 7);
            assertThat(owner.stores().find(store.id()).orElseThrow().status()).isEqualTo(StoreStatus.ACTIVE);
            assertThat(calls(REFRESH)).as("one refresh, however many calls met the refused token").isOne();
            assertThat(logs(owner)).anyMatch(m -> m.contains("refused the access token"));
            assertThat(tiktok.requests()).filteredOn(r -> r.status() == 401).isNotEmpty();

            // the seller revokes the app: the token is refused, one refresh is tried and refused, the store is flagged
            tiktok.revokeCredentials(SHOP);
            owner.jobs().enqueue(NewJob.deduplicated(JobType.ORDER_POLL, store.id()));
            await("the store flagged for re-authorisation", () -> owner.stores().find(store.id()).orElseThrow().status()
                    == StoreStatus.REAUTHORIZATION_REQUIRED);
            assertThat(calls(REFRESH)).as("the revoked consent cost one more refresh, not a loop").isEqualTo(2);
        }
        assertThat(calls(REFRESH)).isEqualTo(2);
    }

    private long calls(String path) {
        return tiktok.requests().stream().filter(r -> r.path().equals(path)).count();
    }

    private static List<Job> jobs(Tenant owner) {
        return owner.jobs().list(PageRequest.first(500)).items();
    }

    private static List<String> logs(Tenant owner) {
        List<String> out = new ArrayList<>();
        for (Job j : jobs(owner)) for (JobLog l : owner.jobs().logs(j.id())) out.add(l.message());
        return out;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("gave up after " + WAIT + " waiting for " + what);
            Thread.sleep(100);
        }
    }
}
