package io.storesync.jdbi;

import static io.storesync.testkit.tck.SyncFixture.await;
import static io.storesync.testkit.tck.SyncFixture.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.StoreSync;
import io.storesync.api.PageRequest;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.ValidationException;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobLog;
import io.storesync.api.job.JobStatus;
import io.storesync.api.job.JobType;
import io.storesync.api.job.Workers;
import io.storesync.api.order.IngestResult;
import io.storesync.api.order.IngestResult.Outcome;
import io.storesync.api.order.OrderLineSnapshot;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.order.OrderStatus;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreId;
import io.storesync.api.store.StoreSettings;
import io.storesync.internal.jdbi.JdbiPersistenceProvider;
import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.ConnectorLimits;
import io.storesync.spi.connector.ConnectorListing;
import io.storesync.spi.connector.ConnectorProvider;
import io.storesync.spi.connector.ConnectorSettings;
import io.storesync.spi.connector.ListingPage;
import io.storesync.spi.connector.OrderPage;
import io.storesync.spi.connector.PriceUpdate;
import io.storesync.spi.connector.PushResult;
import io.storesync.spi.connector.StockUpdate;
import io.storesync.spi.connector.StoreAccess;
import io.storesync.spi.connector.VerifiedWebhook;
import io.storesync.spi.connector.WebhookDelivery;
import io.storesync.spi.connector.WebhookEvent;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.JobQueueCompatibilityKit;
import io.storesync.testkit.tck.SyncFixture;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10 items 2 and 6: one record the database refuses must not stop a store's sync, and the poll must read the
 * orders a platform indexes late. Through the public API and the scheduled jobs, with a marketplace that can hide an
 * order from its changed-orders query for a while.
 */
// try-with-resources scopes the workers' lifetime; the handle itself is not used in the body
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
class PoisonOrderIT {
    /**
     * A JSON number PostgreSQL's numeric cannot hold (its limit is 131,072 digits before the point): finite, so the
     * snapshot accepts it, and refused by the database when the order is written - a refusal no validation foresaw.
     */
    private static final BigDecimal TOO_BIG_FOR_NUMERIC = new BigDecimal("1E+200000");

    private final TestDatabase db;
    private final FakeMarketplace fake = FakeMarketplace.create();
    private final SyncFixture fx;
    /** Orders the marketplace has not indexed yet: {@code ordersChanged} leaves them out. */
    private final Set<String> unindexed = ConcurrentHashMap.newKeySet();
    private volatile Duration declaredLag = Duration.ZERO;

    PoisonOrderIT(TestDatabase db) {
        this.db = db;
        this.fx = new SyncFixture(db, fake, (ds, schema) -> StoreSync.builder().dataSource(ds).schema(schema).persistence(new JdbiPersistenceProvider()));
    }

    private StoreSync storeSync() {
        return StoreSync.builder().dataSource(db.appDataSource()).schema(db.schema()).credentialKeys(SyncFixture.KEYS)
                .connector(new LateIndexProvider(fake.provider())).listener(StoreSyncListener.NONE).build();
    }

    private static OrderSnapshot order(StoreId store, String id, String sku, int quantity, Instant updated,
            Map<String, Object> customer) {
        BigDecimal price = new BigDecimal("10.00");
        BigDecimal total = price.multiply(BigDecimal.valueOf(quantity));
        return new OrderSnapshot(store, id, id, "READY_TO_SHIP", OrderStatus.AWAITING_SHIPMENT, null, null, total,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, total, "IDR", customer, List.of(), null, updated,
                updated, Map.of(), List.of(new OrderLineSnapshot(id + "-1", null, null, sku, "Item " + sku, quantity,
                        price, total)));
    }

    private static OrderSnapshot good(StoreId store, String id, String sku, int quantity, Instant updated) {
        return order(store, id, sku, quantity, updated, Map.of("name", "Budi"));
    }

    private static OrderSnapshot poisoned(StoreId store, String id, String sku, Instant updated) {
        return order(store, id, sku, 1, updated, Map.of("name", "Budi", "loyalty", TOO_BIG_FOR_NUMERIC));
    }

    @Test
    void aSnapshotTheDatabaseRefusesIsRejectedWithItsReasonAndTheRestOfThePageIsIngested() throws Exception {
        SyncFixture.Org org = fx.organization(storeSync());
        Store store = fx.store(org, "poison-api", StoreSettings.DEFAULTS);
        fx.quiet(org, store);
        VariantId kopi = fx.variant(org, "P-KOPI", 10);
        Instant t = Instant.now().minusSeconds(60);

        List<IngestResult> results = org.owner().orders().ingestAll(List.of(good(store.id(), "A-1", "P-KOPI", 2, t),
                poisoned(store.id(), "A-2", "P-KOPI", t), good(store.id(), "A-3", "P-KOPI", 3, t)));

        assertThat(results).extracting(IngestResult::outcome)
                .containsExactly(Outcome.CREATED, Outcome.REJECTED, Outcome.CREATED);
        assertThat(results.get(1).reason()).contains("database refused").hasSizeLessThan(600);
        assertThat(results.get(1).order()).isEmpty();
        assertThat(org.owner().orders().findByPlatformId(store.id(), "A-2")).isEmpty();
        assertThat(org.owner().orders().findByPlatformId(store.id(), "A-3")).isPresent();
        // the good orders' reservations stand; nothing of the refused one was booked
        assertThat(SyncFixture.available(org, kopi)).isEqualTo(5);
    }

    @Test
    void aSingleSnapshotTheDatabaseRefusesIsAValidationErrorNotAnInternalOne() throws Exception {
        SyncFixture.Org org = fx.organization(storeSync());
        Store store = fx.store(org, "poison-one", StoreSettings.DEFAULTS);
        fx.quiet(org, store);
        assertThatThrownBy(() -> org.owner().orders().ingest(poisoned(store.id(), "B-1", "NONE", Instant.now())))
                .isInstanceOf(ValidationException.class).hasMessageContaining("database refused");
    }

    @Test
    void aPollPageWithRefusedOrdersIngestsTheRestReportsEachAndMovesTheWatermark() throws Exception {
        StoreSync sync = storeSync();
        SyncFixture.Org org = fx.organization(sync);
        Store store = fx.store(org, "poison-poll", StoreSettings.DEFAULTS.withOrderPollInterval(Duration.ofSeconds(1)));
        VariantId kopi = fx.variant(org, "Q-KOPI", 10);
        Instant t = Instant.now().minusSeconds(120);
        StoreId elsewhere = new StoreId(UUID.randomUUID());
        fake.putOrders("poison-poll", List.of(good(store.id(), "P-1", "Q-KOPI", 1, t),
                poisoned(store.id(), "P-2", "Q-KOPI", t.plusSeconds(1)),
                // a connector bug: another store's order in this store's page
                good(elsewhere, "P-3", "Q-KOPI", 1, t.plusSeconds(2)),
                good(store.id(), "P-4", "Q-KOPI", 2, t.plusSeconds(3))));

        try (Workers w = sync.startWorkers(JobQueueCompatibilityKit.fast(1))) {
            await("the good orders", Duration.ofSeconds(30), () -> org.owner().orders().findByPlatformId(store.id(), "P-4").isPresent());
            await("a completed poll", Duration.ofSeconds(30), () -> completedPoll(org).isPresent());
        }
        assertThat(org.owner().orders().findByPlatformId(store.id(), "P-1")).isPresent();
        assertThat(org.owner().orders().findByPlatformId(store.id(), "P-2")).isEmpty();
        assertThat(SyncFixture.available(org, kopi)).isEqualTo(7);

        Job poll = completedPoll(org).orElseThrow();
        assertThat(poll.itemsFailed()).isEqualTo(2);
        List<JobLog> logs = org.owner().jobs().logs(poll.id());
        assertThat(logs).anySatisfy(l -> assertThat(l.message()).contains("'P-2'").contains("rejected").contains("database refused"));
        assertThat(logs).anySatisfy(l -> assertThat(l.message()).contains("'P-3'").contains("of store " + elsewhere));
        // the watermark moved past the window that held them: the next polls do not stop on them
        assertThat(fx.count(org.id(), "SELECT count(*) FROM store_sync_state WHERE store_id = ? AND orders_watermark > ?",
                store.id().value(), java.sql.Timestamp.from(t.plusSeconds(3)))).isEqualTo(1);
    }

    private java.util.Optional<Job> completedPoll(SyncFixture.Org org) {
        return org.owner().jobs().list(PageRequest.first(50)).items().stream()
                .filter(j -> j.type() == JobType.ORDER_POLL && j.status() == JobStatus.COMPLETED && j.itemsProcessed() > 0)
                .findFirst();
    }

    @Test
    void anOrderThePlatformIndexesAfterThePollPassedItIsReadByTheNextPoll() throws Exception {
        declaredLag = Duration.ofMinutes(2);
        StoreSync sync = storeSync();
        SyncFixture.Org org = fx.organization(sync);
        Store store = fx.store(org, "late-1", StoreSettings.DEFAULTS.withOrderPollInterval(Duration.ofSeconds(1)));
        fx.variant(org, "L-KOPI", 10);
        // updated 20 seconds ago, but not in the platform's index until after the first poll read past that time
        fake.putOrders("late-1", List.of(good(store.id(), "LATE-1", "L-KOPI", 1, Instant.now().minusSeconds(20))));
        unindexed.add("LATE-1");
        try (Workers w = sync.startWorkers(JobQueueCompatibilityKit.fast(1))) {
            await("a first poll", Duration.ofSeconds(30), sql(() -> fx.count(org.id(), "SELECT count(*) FROM sync_jobs"
                    + " WHERE store_id = ? AND job_type = 'order.poll' AND status = 'completed'", store.id().value()) >= 1));
            assertThat(org.owner().orders().findByPlatformId(store.id(), "LATE-1")).isEmpty();
            unindexed.clear();
            await("the late order", Duration.ofSeconds(30),
                    () -> org.owner().orders().findByPlatformId(store.id(), "LATE-1").isPresent());
        }
    }

    @Test
    void aListingTheDatabaseCannotStoreIsReportedAndTheRestOfThePageIsImported() throws Exception {
        StoreSync sync = storeSync();
        SyncFixture.Org org = fx.organization(sync);
        fx.variant(org, "IMP-A", 0);
        fx.variant(org, "IMP-B", 0);
        fx.variant(org, "IMP-C", 0);
        fake.addListings("imp-1", List.of(new ConnectorListing("L-A", null, "IMP-A", new BigDecimal("9.50"), 1, true),
                new ConnectorListing("L-" + "9".repeat(300), null, "IMP-B", BigDecimal.ONE, 1, true),
                new ConnectorListing("L-NUL", null, "IMP-\u0000C", BigDecimal.ONE, 1, true),
                new ConnectorListing("L-C", null, "IMP-C", new BigDecimal("1E+40"), 1, true),
                new ConnectorListing("L-D", null, "IMP-A", null, null, true)));
        Store store = fx.store(org, "imp-1", StoreSettings.DEFAULTS);
        try (Workers w = sync.startWorkers(JobQueueCompatibilityKit.fast(1))) {
            await("the import", Duration.ofSeconds(30), () -> importJob(org).map(j -> j.status() == JobStatus.COMPLETED).orElse(false));
        }
        Job job = importJob(org).orElseThrow();
        assertThat(fx.count(org.id(), "SELECT count(*) FROM store_product_mappings WHERE store_id = ?", store.id().value()))
                .isEqualTo(2);
        assertThat(job.itemsFailed()).isEqualTo(3);
        assertThat(org.owner().jobs().logs(job.id())).anySatisfy(l -> {
            assertThat(l.message()).contains("3 listing(s) refused");
            assertThat(l.details()).contains("platformProductId").contains("NUL").contains("price").doesNotContain("9".repeat(100));
        });
    }

    private java.util.Optional<Job> importJob(SyncFixture.Org org) {
        return org.owner().jobs().list(PageRequest.first(50)).items().stream()
                .filter(j -> j.type() == JobType.CATALOGUE_IMPORT).findFirst();
    }

    /** The fake marketplace's connector, with a search index that can trail its orders and a declared lag. */
    private final class LateIndexProvider implements ConnectorProvider {
        private final ConnectorProvider inner;

        LateIndexProvider(ConnectorProvider inner) {
            this.inner = inner;
        }

        @Override
        public String platform() {
            return inner.platform();
        }

        @Override
        public Connector create(ConnectorSettings settings) {
            Connector c = inner.create(settings);
            return new Connector() {
                @Override
                public String platform() {
                    return c.platform();
                }

                @Override
                public ConnectorLimits limits() {
                    return c.limits();
                }

                @Override
                public Duration orderIndexLag() {
                    return declaredLag;
                }

                @Override
                public ListingPage listListings(StoreAccess store, @Nullable String cursor) {
                    return c.listListings(store, cursor);
                }

                @Override
                public OrderPage ordersChanged(StoreAccess store, Instant from, Instant to, @Nullable String cursor) {
                    OrderPage page = c.ordersChanged(store, from, to, cursor);
                    return new OrderPage(page.orders().stream().filter(o -> !unindexed.contains(o.platformOrderId())).toList(),
                            page.nextCursor());
                }

                @Override
                public List<OrderSnapshot> ordersById(StoreAccess store, List<String> ids) {
                    return c.ordersById(store, ids);
                }

                @Override
                public List<PushResult> pushStock(StoreAccess store, List<StockUpdate> updates) {
                    return c.pushStock(store, updates);
                }

                @Override
                public List<PushResult> pushPrices(StoreAccess store, List<PriceUpdate> updates) {
                    return c.pushPrices(store, updates);
                }

                @Override
                public VerifiedWebhook verifyWebhook(StoreAccess store, WebhookDelivery delivery) {
                    return c.verifyWebhook(store, delivery);
                }

                @Override
                public List<WebhookEvent> parseWebhook(StoreAccess store, WebhookDelivery delivery) {
                    return c.parseWebhook(store, delivery);
                }

                @Override
                public StoreCredentials refreshCredentials(StoreAccess store) {
                    return c.refreshCredentials(store);
                }
            };
        }
    }
}
