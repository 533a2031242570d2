package io.storesync.shopee;

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
import io.storesync.api.catalogue.VariantUpsert;
import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobLog;
import io.storesync.api.job.JobStatus;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.job.Workers;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.AuthorizationResult;
import io.storesync.api.store.AuthorizationStart;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreStatus;
import io.storesync.api.webhook.WebhookSignatureException;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.SyncFixture;
import io.storesync.testkit.simulator.RecordedRequest;
import io.storesync.testkit.simulator.SignedDelivery;
import io.storesync.testkit.simulator.SimulatedListing;
import io.storesync.testkit.simulator.SimulatedOrder;
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
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Shopee's authorisation through the public API with the real engine: a consent completed from the whole callback
 * query (one shop, or a main account's several shops), an access token Shopee stops accepting in the middle of a run
 * (refreshed once and the calls made again, the store stays active), a revoked consent (one refresh tried, then the
 * store is flagged), and the code-0 verification push acknowledged through the app-level entry without a store.
 */
// try-with-resources scopes the workers' lifetime; the handle itself is not used in the body
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
class ShopeeAuthorizationIT {
    private static final URI CALLBACK = URI.create("https://host.example/storesync/shopee/callback");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOKEN_GET = "/api/v2/auth/token/get";
    private static final String REFRESH = "/api/v2/auth/access_token/get";

    private final TestDatabase db;
    private final ShopeeSimulator sim = ShopeeSimulator.start();
    private StoreSync sync;
    private Tenant owner;

    ShopeeAuthorizationIT(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void start() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        sync = db.storeSyncBuilder().credentialKeys(CredentialKeys.single("k1", Secret.ofBytes(key)))
                .connectorSettings(sim.connectorSettings()).build();
        UserId ownerId = UserId.random();
        String suffix = ownerId.value().toString().substring(0, 8);
        Organization org = sync.createOrganization(NewOrganization.of("Toko Sepatu", "toko-sepatu-" + suffix, ownerId,
                "ayu-" + suffix + "@toko.example", "Ayu"));
        owner = sync.tenant(org.id(), Actor.user(ownerId));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void theWholeCallbackQueryConnectsOneShopOrEveryShopOfAMainAccount() {
        // a main account grants three shops with one code: the callback names main_account_id, not shop_id
        AuthorizationStart start = owner.stores().startAuthorization("shopee", CALLBACK);
        Map<String, String> callback = query(sim.approveMainAccount(start.consentUrl(), "9300", List.of("531", "532", "533")));
        assertThat(callback).containsKey("main_account_id").doesNotContainKey("shop_id");

        // a forged state is refused before the single-use code reaches Shopee
        Map<String, String> forged = new HashMap<>(callback);
        forged.put("state", "forged");
        assertThatThrownBy(() -> owner.stores().completeAuthorization("shopee", start.state(), forged, CALLBACK))
                .isInstanceOf(ValidationException.class);
        assertThat(calls(TOKEN_GET)).isZero();

        AuthorizationResult main = owner.stores().completeAuthorization("shopee", start.state(), callback, CALLBACK);
        assertThat(main.created()).extracting(Store::platformStoreId).containsExactlyInAnyOrder("531", "532", "533");
        assertThat(calls(TOKEN_GET)).isOne();
        assertThat(new String(requests(TOKEN_GET).get(0).body(), StandardCharsets.UTF_8))
                .contains("\"main_account_id\":9300").doesNotContain("shop_id");

        // one shop: the callback names shop_id
        AuthorizationStart second = owner.stores().startAuthorization("shopee", CALLBACK);
        AuthorizationResult one = owner.stores().completeAuthorization("shopee", second.state(),
                query(sim.approve(second.consentUrl(), "534")), CALLBACK);
        assertThat(one.created()).extracting(Store::platformStoreId).containsExactly("534");
        assertThat(new String(requests(TOKEN_GET).get(1).body(), StandardCharsets.UTF_8)).contains("\"shop_id\":534");

        // the seller declined: Shopee's redirect carries no code; nothing is exchanged
        AuthorizationStart third = owner.stores().startAuthorization("shopee", CALLBACK);
        assertThatThrownBy(() -> owner.stores().completeAuthorization("shopee", third.state(),
                Map.of("state", third.state(), "error", "access_denied"), CALLBACK))
                .isInstanceOf(ValidationException.class).hasMessageContaining("no code");
        assertThat(calls(TOKEN_GET)).isEqualTo(2);
        assertThat(owner.stores().list()).hasSize(4);
    }

    @Test
    void anAccessTokenShopeeStopsAcceptingMidRunIsRefreshedOnceThenARevokedConsentFlagsTheStore() throws Exception {
        String shopId = "541";
        owner.catalogue().upsert(List.of(ProductUpsert.of("BOOT", "Boot", List.of(VariantUpsert.of("BOOT-40"),
                VariantUpsert.of("BOOT-41")))));
        Location gudang = owner.locations().create(new NewLocation("Gudang", Map.of(), true));
        sim.shop(shopId).add(new SimulatedListing("8001", "80010", "BOOT-40", new BigDecimal("120.00"), 0, true),
                new SimulatedListing("8001", "80011", "BOOT-41", new BigDecimal("120.00"), 0, true));
        AuthorizationStart start = owner.stores().startAuthorization("shopee", CALLBACK);
        Store store = owner.stores().completeAuthorization("shopee", start.state(),
                query(sim.approve(start.consentUrl(), shopId)), CALLBACK).created().get(0);

        try (Workers workers = sync.startWorkers(ShopeeEndToEndIT.workerOptions())) {
            await("the catalogue imported", () -> jobs().stream().anyMatch(j -> j.type() == JobType.CATALOGUE_IMPORT
                    && j.status() == JobStatus.COMPLETED));

            // Shopee stops accepting the access token hours before the expiry it announced; StoreSync does not know
            sim.expireAccessTokens(shopId);
            Instant now = Instant.now();
            sim.shop(shopId).placeOrder("2612EXP1", "SGD", now, List.of(new SimulatedOrder.Line("1", "8001", "80010",
                    "BOOT-40", "Boot", 1, new BigDecimal("120.00"))));
            sim.shop(shopId).changeStatus("2612EXP1", "READY_TO_SHIP", now);
            // a stock push and an order poll both meet the refused token
            owner.inventory().receive(owner.catalogue().findVariantsBySku("BOOT-41").get(0).id(), gudang.id(), 7,
                    StockContext.note("delivery"));
            owner.jobs().enqueue(NewJob.deduplicated(JobType.ORDER_POLL, store.id()));
            await("the order polled and the stock pushed with a refreshed token", () ->
                    owner.orders().findByPlatformId(store.id(), "2612EXP1").isPresent()
                    && sim.shop(shopId).stock("8001", "80011") == 7);
            assertThat(owner.stores().find(store.id()).orElseThrow().status()).isEqualTo(StoreStatus.ACTIVE);
            assertThat(calls(REFRESH)).as("one refresh, however many calls met the refused token").isOne();
            assertThat(logs()).anyMatch(m -> m.contains("refused the access token"));
            assertThat(sim.requests()).filteredOn(r -> r.status() == 403).isNotEmpty();

            // the seller revokes the app: the token is refused, one refresh is tried and refused, the store is flagged
            sim.revokeCredentials(shopId);
            owner.jobs().enqueue(NewJob.deduplicated(JobType.ORDER_POLL, store.id()));
            await("the store flagged for re-authorisation", () -> owner.stores().find(store.id()).orElseThrow().status()
                    == StoreStatus.REAUTHORIZATION_REQUIRED);
            assertThat(calls(REFRESH)).as("the revoked consent cost one more refresh, not a loop").isEqualTo(2);
        }
        assertThat(calls(REFRESH)).isEqualTo(2);
    }

    @Test
    void theVerificationPushIsAcknowledgedThroughTheAppEntryWithoutAStore() {
        // Shopee's code-0 push names no shop and carries no timestamp
        SignedDelivery verification = sim.verificationPush();
        assertThat(new String(verification.body(), StandardCharsets.UTF_8)).doesNotContain("shop_id").doesNotContain("timestamp");
        assertThat(sync.receiveWebhook("shopee", verification.headers(), verification.body())).isEmpty();
        // forged, it is refused like any push
        SignedDelivery forged = verification.tampered();
        assertThatThrownBy(() -> sync.receiveWebhook("shopee", forged.headers(), forged.body()))
                .isInstanceOf(WebhookSignatureException.class);
        // a push for a shop nobody connected is still refused as before
        sim.shop("599");
        SignedDelivery stray = sim.deauthorizationPush("599");
        assertThatThrownBy(() -> sync.receiveWebhook("shopee", stray.headers(), stray.body()))
                .isInstanceOf(NotFoundException.class);
    }

    private List<RecordedRequest> requests(String path) {
        return sim.requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    private long calls(String path) {
        return requests(path).size();
    }

    private List<Job> jobs() {
        return owner.jobs().list(PageRequest.first(500)).items();
    }

    private List<String> logs() {
        List<String> out = new ArrayList<>();
        for (Job j : jobs()) for (JobLog l : owner.jobs().logs(j.id())) out.add(l.message());
        return out;
    }

    private static Map<String, String> query(URI uri) {
        return ShopeeConnectorTest.query(uri);
    }

    private static void await(String what, BooleanSupplier condition) {
        SyncFixture.await(what, WAIT, condition);
    }
}
