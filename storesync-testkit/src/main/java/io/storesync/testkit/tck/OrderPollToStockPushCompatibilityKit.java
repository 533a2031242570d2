package io.storesync.testkit.tck;

import static io.storesync.testkit.tck.SyncFixture.await;
import static io.storesync.testkit.tck.SyncFixture.sql;
import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.StoreSync;
import io.storesync.api.PageRequest;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.MovementType;
import io.storesync.api.inventory.StockMovement;
import io.storesync.api.job.Workers;
import io.storesync.api.order.Order;
import io.storesync.api.order.OrderLine;
import io.storesync.api.order.OrderLine.StockStage;
import io.storesync.api.store.StockBuffer;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreSettings;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole path with nothing simulated: orders a marketplace reports are picked up by the scheduled order poll,
 * ingested (reserving stock in the ledger against their lines), and the new available quantity reaches every store
 * that sells the SKU, each with its own buffer.
 *
 * <p>An implementation runs this kit by extending it and implementing {@link
 * StoreSyncCompatibilityKit#storeSyncBuilder}; each test class gets a database of its own.
 */
// try-with-resources scopes the workers' lifetime; the handle itself is not used in the body
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
public abstract class OrderPollToStockPushCompatibilityKit extends StoreSyncCompatibilityKit {
    private TestDatabase db;
    private final FakeMarketplace fake = FakeMarketplace.create();
    private SyncFixture fx;

    @BeforeEach
    void openDatabase(TestDatabase db) {
        this.db = db;
        this.fx = new SyncFixture(db, fake, this::storeSyncBuilder);
    }

    @Test
    void polledOrdersReserveStockAndTheNewAvailableIsPushedToEveryStoreSellingTheSku() throws Exception {
        StoreSync sync = fx.storeSync(db.appDataSource(), StoreSyncListener.NONE);
        SyncFixture.Org org = fx.organization(sync);
        // the store orders come from polls every second; the other only sells the same SKU and is never polled
        Store polled = fx.store(org, "e2e-poll", StoreSettings.DEFAULTS.withOrderPollInterval(Duration.ofSeconds(1))
                .withStockBuffer(StockBuffer.units(2)));
        Store other = fx.store(org, "e2e-other", StoreSettings.DEFAULTS.withStockBuffer(StockBuffer.percent(10)));
        fx.quiet(org, other);
        VariantId kopi = fx.variant(org, "E2E-KOPI", 100);
        fx.listing(org, polled.id(), kopi, "POLL-KOPI");
        fx.listing(org, other.id(), kopi, "OTHER-KOPI");
        Instant now = Instant.now();
        fake.putOrders("e2e-poll", List.of(
                SyncFixture.order(polled.id(), "E2E-1", "POLL-KOPI", 2, now.minusSeconds(90)),
                SyncFixture.order(polled.id(), "E2E-2", "POLL-KOPI", 3, now.minusSeconds(60)),
                SyncFixture.order(polled.id(), "E2E-3", "POLL-KOPI", 5, now.minusSeconds(30))));

        // 100 received, 10 reserved by the three orders: 90 available
        try (Workers w = sync.startWorkers(StockPropagationCompatibilityKit.options())) {
            await("90 available pushed to both stores", Duration.ofSeconds(30),
                    () -> fake.lastPushed("e2e-poll", "POLL-KOPI").equals(java.util.Optional.of(88))
                            && fake.lastPushed("e2e-other", "OTHER-KOPI").equals(java.util.Optional.of(81)));
            await("nothing left to push", Duration.ofSeconds(30), sql(() -> fx.count(org.id(),
                    "SELECT (SELECT count(*) FROM stock_changes) + (SELECT count(*) FROM stock_push_pending) + (SELECT count(*)"
                            + " FROM sync_jobs WHERE job_type = 'stock.push' AND status IN ('pending', 'retrying', 'running'))") == 0));
        }
        // the last value each store got is still the final one (no later push overtook it)
        assertThat(fake.lastPushed("e2e-poll", "POLL-KOPI")).contains(88);
        assertThat(fake.lastPushed("e2e-other", "OTHER-KOPI")).contains(81);
        assertThat(SyncFixture.available(org, kopi)).isEqualTo(90);

        // the orders are in the book, their lines mapped through the listing and holding a reservation
        Map<String, OrderLine> lines = List.of("E2E-1", "E2E-2", "E2E-3").stream()
                .map(id -> org.owner().orders().findByPlatformId(polled.id(), id).orElseThrow())
                .flatMap((Order o) -> o.lines().stream())
                .collect(Collectors.toMap(OrderLine::platformLineId, l -> l));
        assertThat(lines.values()).allSatisfy(l -> {
            assertThat(l.variantId()).isEqualTo(kopi);
            assertThat(l.stockStage()).isEqualTo(StockStage.RESERVED);
            assertThat(l.shortfallQuantity()).isZero();
        });

        // the ledger's reservations are the order lines', one each, for the line's quantity
        List<StockMovement> reservations = org.owner().inventory().movements(kopi, PageRequest.first(50)).items().stream()
                .filter(m -> m.type() == MovementType.RESERVE).toList();
        assertThat(reservations).hasSize(3).allSatisfy(m -> assertThat(m.referenceType()).isEqualTo("order_item"));
        Map<UUID, Integer> reservedByLine = reservations.stream()
                .collect(Collectors.toMap(StockMovement::referenceId, StockMovement::reservedChange));
        assertThat(reservedByLine).containsOnly(
                Map.entry(lines.get("E2E-1-1").id(), 2),
                Map.entry(lines.get("E2E-2-1").id(), 3),
                Map.entry(lines.get("E2E-3-1").id(), 5));
    }
}
