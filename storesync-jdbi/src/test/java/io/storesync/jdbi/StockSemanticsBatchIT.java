package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.Secret;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.ProductUpsert;
import io.storesync.api.catalogue.VariantUpsert;
import io.storesync.api.job.WorkerOptions;
import io.storesync.api.job.Workers;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreSettings;
import io.storesync.spi.connector.ConnectorLimits;
import io.storesync.api.catalogue.NewListing;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.StockContext;
import io.storesync.spi.connector.StockSemantics;
import io.storesync.spi.connector.PushResult;
import io.storesync.spi.connector.StockUpdate;
import io.storesync.spi.connector.StoreAccess;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A platform that counts a stock push's items differently from its call limits declares a smaller batch in
 * {@code stockSemantics()}; the engine sends at most that many items a call.
 */
// try-with-resources scopes the workers' lifetime; the handle itself is not used in the body
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
class StockSemanticsBatchIT {
    private final TestDatabase db;

    StockSemanticsBatchIT(TestDatabase db) {
        this.db = db;
    }

    @Test
    void stockPushesStayWithinTheDeclaredSemanticsBatch() throws Exception {
        SmallBatches shop = new SmallBatches();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        StoreSync sync = db.storeSyncBuilder().credentialKeys(CredentialKeys.single("k1", Secret.ofBytes(key)))
                .discoverConnectors(false).connector(shop).build();
        UserId ownerId = UserId.random();
        Organization org = sync.createOrganization(NewOrganization.of("Batches", "semantics-batch", ownerId, "b@x.example", "B"));
        Tenant owner = sync.tenant(org.id(), Actor.user(ownerId));
        List<VariantUpsert> variants = new ArrayList<>();
        for (int i = 0; i < 5; i++) variants.add(VariantUpsert.of("SKU-" + i));
        owner.catalogue().upsert(List.of(ProductUpsert.of("P", "Five", variants)));
        Store store = owner.stores().connect(new NewStore("shopee", "Batch shop", "batch-1",
                StoreCredentials.of(Secret.of("access")), StoreSettings.DEFAULTS));
        var location = owner.locations().create(new NewLocation("Gudang", Map.of(), true));
        for (int i = 0; i < 5; i++) {
            var variant = owner.catalogue().findVariantsBySku("SKU-" + i).get(0).id();
            owner.listings().link(new NewListing(variant, store.id(), "L" + i, null, "SKU-" + i, new BigDecimal("10.00"), null));
            owner.inventory().receive(variant, location.id(), 3 + i, StockContext.note("delivery"));
        }
        try (Workers workers = sync.startWorkers(WorkerOptions.defaults(1)
                .withIntervals(Duration.ofMillis(100), Duration.ofMillis(500))
                .withStockTiming(Duration.ofMillis(100), Duration.ofMillis(100))
                .withShutdownTimeout(Duration.ofSeconds(5)))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (shop.pushed.size() < 5) {
                if (System.nanoTime() > deadline) throw new AssertionError("pushed only " + shop.pushed);
                Thread.sleep(50);
            }
        }
        assertThat(shop.batchSizes).as("items per stock push call").isNotEmpty().allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
        assertThat(shop.pushed).containsOnlyKeys("L0", "L1", "L2", "L3", "L4");
        assertThat(shop.pushed).containsEntry("L4", 7);
    }

    /** Call limits allow 50 items a push; the semantics say 2 (say, because each item fans out per warehouse). */
    static final class SmallBatches extends QuietPlatform {
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        final Map<String, Integer> pushed = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public String platform() {
            return "shopee";
        }

        @Override
        public ConnectorLimits limits() {
            return new ConnectorLimits(50, 50, 50, 50, Duration.ofDays(1));
        }

        @Override
        public StockSemantics stockSemantics() {
            return new StockSemantics(true, true, true, false, 2, Duration.ZERO);
        }

        @Override
        public List<PushResult> pushStock(StoreAccess store, List<StockUpdate> updates) {
            batchSizes.add(updates.size());
            updates.forEach(u -> pushed.put(u.platformProductId(), u.quantity()));
            return updates.stream().map(u -> PushResult.ok(u.platformProductId(), u.platformVariantId())).toList();
        }
    }
}
