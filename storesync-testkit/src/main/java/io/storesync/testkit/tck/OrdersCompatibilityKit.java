package io.storesync.testkit.tck;

import static io.storesync.testkit.tck.Snapshots.line;
import static io.storesync.testkit.tck.Snapshots.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.api.AccessDeniedException;
import io.storesync.api.Actor;
import io.storesync.api.NotFoundException;
import io.storesync.api.PageRequest;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.Inventory;
import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.inventory.StockLevel;
import io.storesync.api.order.DailySales;
import io.storesync.api.order.IngestResult;
import io.storesync.api.order.IngestResult.Outcome;
import io.storesync.api.order.Order;
import io.storesync.api.order.OrderLine;
import io.storesync.api.order.OrderLine.StockStage;
import io.storesync.api.order.OrderQuery;
import io.storesync.api.order.OrderStatus;
import io.storesync.api.order.Orders;
import io.storesync.api.store.Platform;
import io.storesync.api.store.StoreId;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Order ingestion: snapshots reserve, ship, release and restock exactly once whatever order or number of times they
 * arrive, lines map through listings then SKUs and are never guessed.
 *
 * <p>An implementation runs this kit by extending it and implementing {@link
 * StoreSyncCompatibilityKit#storeSyncBuilder}; each test class gets a database of its own.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
public abstract class OrdersCompatibilityKit extends StoreSyncCompatibilityKit {
    private static final String SHOPEE = Platform.SHOPEE;
    private Shop shop;
    private Orders orders;
    private Inventory inventory;
    private Location main;
    private StoreId shopee;
    private VariantId kopi;
    private VariantId teh;

    @BeforeEach
    void open(TestDatabase db) throws Exception {
        shop = new Shop(storeSync(db), db.appDataSource(), db.schema());
        orders = shop.storeSync.tenant(shop.org.id(), Actor.system("order-poll")).orders();
        inventory = shop.member().inventory();
        main = shop.location("Main");
        List<VariantId> variants = shop.variants("KOPI", 1);
        kopi = variants.get(0);
        teh = shop.variant("TEH");
        shopee = shop.store(SHOPEE, true);
        shop.listing(shopee, kopi, "1001", "2001");
        shop.listing(shopee, teh, "1002", null);
        inventory.receive(kopi, main.id(), 20, StockContext.none());
        inventory.receive(teh, main.id(), 20, StockContext.none());
    }

    private StockLevel kopiStock() {
        return inventory.level(kopi, main.id());
    }

    @Test
    void aNewOrderIsRecordedAndReservesItsLines() {
        IngestResult r = orders.ingest(order(shopee, SHOPEE, "SN1", "UNPAID", 0,
                List.of(line("a", "1001", "2001", "x", 2), line("b", "1002", null, "y", 1))));
        assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(r.shortfallQuantity()).isZero();
        assertThat(kopiStock().reserved()).isEqualTo(2);
        assertThat(inventory.level(teh, main.id()).reserved()).isEqualTo(1);
        Order stored = orders.find(r.orderId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(OrderStatus.UNPAID);
        assertThat(stored.platformStatus()).isEqualTo("UNPAID");
        assertThat(stored.lines()).extracting(OrderLine::variantId).containsExactly(kopi, teh);
        assertThat(stored.lines()).extracting(OrderLine::stockStage).containsOnly(StockStage.RESERVED);
        assertThat(stored.customerInfo()).containsEntry("name", "Budi Santoso");
        assertThat(stored.tags()).containsExactly("marketplace");
        assertThat(stored.totalAmount()).isEqualByComparingTo("84000.00");
        assertThat(stored.needsAttention()).isFalse();
    }

    @Test
    void theFullLifecycleReservesThenShipsExactlyOnceWhateverIsReplayed() throws Exception {
        List<io.storesync.api.order.OrderLineSnapshot> lines = List.of(line("a", "1001", "2001", "x", 3));
        orders.ingest(order(shopee, SHOPEE, "SN2", "UNPAID", 0, lines));
        orders.ingest(order(shopee, SHOPEE, "SN2", "READY_TO_SHIP", 5, lines));
        orders.ingest(order(shopee, SHOPEE, "SN2", "UNPAID", 0, lines));
        assertThat(kopiStock().reserved()).isEqualTo(3);
        orders.ingest(order(shopee, SHOPEE, "SN2", "SHIPPED", 10, lines));
        orders.ingest(order(shopee, SHOPEE, "SN2", "SHIPPED", 10, lines));
        orders.ingest(order(shopee, SHOPEE, "SN2", "READY_TO_SHIP", 5, lines));
        IngestResult done = orders.ingest(order(shopee, SHOPEE, "SN2", "COMPLETED", 20, lines));
        assertThat(done.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(kopiStock().onHand()).isEqualTo(17);
        assertThat(kopiStock().reserved()).isZero();
        assertThat(shop.scalar("SELECT count(*) FROM inventory_transactions WHERE reference_type = 'order_item'")).isEqualTo(2);
        assertThat(orders.find(done.orderId()).orElseThrow().lines()).singleElement()
                .satisfies(l -> assertThat(l.stockStage()).isEqualTo(StockStage.COMMITTED));
        assertThat(shop.ledgerProblems()).isEmpty();
    }

    @Test
    void duplicatesAreUnchangedAndOlderSnapshotsAreStale() {
        var lines = List.of(line("a", "1001", "2001", "x", 1));
        orders.ingest(order(shopee, SHOPEE, "SN3", "READY_TO_SHIP", 5, lines));
        assertThat(orders.ingest(order(shopee, SHOPEE, "SN3", "READY_TO_SHIP", 5, lines)).outcome()).isEqualTo(Outcome.UNCHANGED);
        IngestResult stale = orders.ingest(order(shopee, SHOPEE, "SN3", "CANCELLED", 1, lines));
        assertThat(stale.outcome()).isEqualTo(Outcome.STALE);
        assertThat(orders.find(stale.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.AWAITING_SHIPMENT);
        assertThat(kopiStock().reserved()).isEqualTo(1);
    }

    @Test
    void cancellingBeforeShipmentReleasesAndReturnsRestockOnlyWhenTheStoreSaysSo() throws Exception {
        var lines = List.of(line("a", "1001", "2001", "x", 4));
        orders.ingest(order(shopee, SHOPEE, "SN4", "READY_TO_SHIP", 0, lines));
        orders.ingest(order(shopee, SHOPEE, "SN4", "IN_CANCEL", 1, lines));
        assertThat(kopiStock().reserved()).isEqualTo(4);
        orders.ingest(order(shopee, SHOPEE, "SN4", "CANCELLED", 2, lines));
        assertThat(kopiStock().reserved()).isZero();
        assertThat(kopiStock().onHand()).isEqualTo(20);

        // shipped, then came back: restocked on a store that restocks returns
        orders.ingest(order(shopee, SHOPEE, "SN5", "SHIPPED", 0, lines));
        assertThat(kopiStock().onHand()).isEqualTo(16);
        orders.ingest(order(shopee, SHOPEE, "SN5", "CANCELLED", 9, lines));
        assertThat(kopiStock().onHand()).isEqualTo(20);

        StoreId noRestock = shop.store(Platform.CUSTOM_WEBSITE, false);
        shop.listing(noRestock, kopi, "web-kopi", null);
        var webLines = List.of(line("1", "web-kopi", null, "x", 2));
        orders.ingest(order(noRestock, Platform.CUSTOM_WEBSITE, "W1", "shipped", 0, webLines));
        IngestResult returned = orders.ingest(order(noRestock, Platform.CUSTOM_WEBSITE, "W1", "returned", 5, webLines));
        assertThat(kopiStock().onHand()).isEqualTo(18);
        assertThat(orders.find(returned.orderId()).orElseThrow().lines().get(0).stockStage()).isEqualTo(StockStage.RETURNED);
        assertThat(shop.ledgerProblems()).isEmpty();
    }

    @Test
    void changedQuantitiesApplyOnlyTheDifferenceAndRemovedLinesRelease() {
        orders.ingest(order(shopee, SHOPEE, "SN6", "UNPAID", 0, List.of(line("a", "1001", "2001", "x", 3), line("b", "1002", null, "y", 2))));
        orders.ingest(order(shopee, SHOPEE, "SN6", "UNPAID", 1, List.of(line("a", "1001", "2001", "x", 5), line("b", "1002", null, "y", 2))));
        assertThat(kopiStock().reserved()).isEqualTo(5);
        orders.ingest(order(shopee, SHOPEE, "SN6", "READY_TO_SHIP", 2, List.of(line("a", "1001", "2001", "x", 1))));
        assertThat(kopiStock().reserved()).isEqualTo(1);
        assertThat(inventory.level(teh, main.id()).reserved()).isZero();
    }

    @Test
    void unmappedAndAmbiguousLinesAreKeptFlaggedAndNeverGuessed() throws Exception {
        VariantId byBarcode = shop.variant("BARCODE-9");
        // two variants share one SKU in different products: the SKU names no single variant
        shop.variant("DUP", "SAME");
        shop.variant("DUP2", "SAME");
        IngestResult r = orders.ingest(order(shopee, SHOPEE, "SN7", "READY_TO_SHIP", 0, List.of(
                line("a", "9999", null, "BARCODE-9-1", 1),
                line("b", "9998", null, "SAME", 1),
                line("c", "9997", null, "NOWHERE", 1))));
        assertThat(r.unmappedLines()).isEqualTo(2);
        Order stored = orders.find(r.orderId()).orElseThrow();
        assertThat(stored.hasUnmappedLines()).isTrue();
        assertThat(stored.lines()).hasSize(3);
        assertThat(stored.lines().get(0).variantId()).isEqualTo(byBarcode);
        assertThat(stored.lines().get(1).variant()).isEmpty();
        assertThat(stored.lines().get(2).variant()).isEmpty();
        assertThat(orders.needingAttention(PageRequest.first(10)).items()).extracting(Order::id).containsExactly(r.orderId());
    }

    @Test
    void twoLinesOfOneVariantAcrossTwoLocationsAreEachReservedOnce() {
        Location annex = shop.location("Annex");
        inventory.receive(kopi, annex.id(), 5, StockContext.none());
        // 20 at main + 5 at annex: the lines together need both locations, and share the variant
        IngestResult r = orders.ingest(order(shopee, SHOPEE, "SN-TWO", "READY_TO_SHIP", 0,
                List.of(line("a", "1001", "2001", "x", 18), line("b", "1001", "2001", "x", 6))));
        assertThat(r.shortfallQuantity()).isEqualTo(0);
        assertThat(inventory.totals(kopi).reserved()).isEqualTo(24);
        assertThat(inventory.totals(kopi).available()).isEqualTo(1);
        IngestResult more = orders.ingest(order(shopee, SHOPEE, "SN-TWO-B", "READY_TO_SHIP", 0,
                List.of(line("a", "1001", "2001", "x", 2), line("b", "1001", "2001", "x", 2))));
        assertThat(more.shortfallQuantity()).isEqualTo(3);
        assertThat(inventory.totals(kopi).available()).isZero();
    }

    @Test
    void shortStockNeverBlocksAnOrderAndShowsAsShortfall() {
        IngestResult r = orders.ingest(order(shopee, SHOPEE, "SN8", "READY_TO_SHIP", 0, List.of(line("a", "1001", "2001", "x", 25))));
        assertThat(r.shortfallQuantity()).isEqualTo(5);
        assertThat(kopiStock().available()).isZero();
        Order stored = orders.find(r.orderId()).orElseThrow();
        assertThat(stored.shortfallQuantity()).isEqualTo(5);
        assertThat(stored.lines().get(0).shortfallQuantity()).isEqualTo(5);
        assertThat(orders.needingAttention(PageRequest.first(10)).items()).extracting(Order::id).contains(r.orderId());

        // stock arrives; the next snapshot reserves what was missing
        inventory.receive(kopi, main.id(), 10, StockContext.none());
        IngestResult later = orders.ingest(order(shopee, SHOPEE, "SN8", "PROCESSED", 1, List.of(line("a", "1001", "2001", "x", 25))));
        assertThat(later.shortfallQuantity()).isZero();
        assertThat(kopiStock().reserved()).isEqualTo(25);
        assertThat(orders.needingAttention(PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void twoStoresOnDifferentPlatformsSellingOneSkuNeverOversell() throws Exception {
        StoreId tiktok = shop.store(Platform.TIKTOK_SHOP, true);
        shop.listing(tiktok, kopi, "tt-1", "tt-sku-1");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<IngestResult>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                int n = i;
                results.add(pool.submit(() -> orders.ingest(order(shopee, SHOPEE, "S-" + n, "READY_TO_SHIP", 0,
                        List.of(line("a", "1001", "2001", "x", 1))))));
                results.add(pool.submit(() -> orders.ingest(order(tiktok, Platform.TIKTOK_SHOP, "T-" + n, "AWAITING_SHIPMENT", 0,
                        List.of(line("1", "tt-1", "tt-sku-1", "x", 1))))));
            }
            int shortfall = 0;
            for (Future<IngestResult> f : results) shortfall += f.get().shortfallQuantity();
            assertThat(shortfall).isEqualTo(60 - 20);
        } finally {
            pool.shutdown();
        }
        assertThat(kopiStock().reserved()).isEqualTo(20);
        assertThat(kopiStock().available()).isZero();
        assertThat(orders.needingAttention(PageRequest.first(100).withTotal()).total().getAsLong()).isEqualTo(40);
        assertThat(shop.ledgerProblems()).isEmpty();
    }

    @Test
    void oneOrderIngestedByManyWorkersAtOnceIsAppliedOnce() throws Exception {
        var lines = List.of(line("a", "1001", "2001", "x", 2));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<IngestResult>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String status = i % 2 == 0 ? "READY_TO_SHIP" : "SHIPPED";
                int minute = i % 2 == 0 ? 1 : 2;
                results.add(pool.submit(() -> orders.ingest(order(shopee, SHOPEE, "SN9", status, minute, lines))));
            }
            for (Future<IngestResult> f : results) f.get();
        } finally {
            pool.shutdown();
        }
        assertThat(orders.search(OrderQuery.all(), PageRequest.first(10).withTotal()).total().getAsLong()).isEqualTo(1);
        assertThat(kopiStock().onHand()).isEqualTo(18);
        assertThat(kopiStock().reserved()).isZero();
        assertThat(shop.ledgerProblems()).isEmpty();
    }

    @Test
    void anUnknownPlatformStatusIsKeptVerbatimAndKeepsTheStockAsItWas() {
        var lines = List.of(line("a", "1001", "2001", "x", 2));
        orders.ingest(order(shopee, SHOPEE, "SN10", "READY_TO_SHIP", 0, lines));
        IngestResult r = orders.ingest(order(shopee, SHOPEE, "SN10", "LOST_IN_SPACE", 1, lines));
        Order stored = orders.find(r.orderId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(OrderStatus.UNKNOWN);
        assertThat(stored.platformStatus()).isEqualTo("LOST_IN_SPACE");
        assertThat(kopiStock().reserved()).isEqualTo(2);
    }

    @Test
    void searchFiltersByStatusTextStoreAndTimeMatchesTextLiterallyAndDailySalesSumPerDay() {
        StoreId web = shopee;
        orders.ingest(order(web, SHOPEE, "Q1", "READY_TO_SHIP", 0, List.of(line("a", "1001", "2001", "x", 2))));
        orders.ingest(order(web, SHOPEE, "Q2", "COMPLETED", 0, List.of(line("a", "1001", "2001", "x", 1), line("b", "1002", null, "y", 3))));
        orders.ingest(order(web, SHOPEE, "Q3", "CANCELLED", 0, List.of(line("a", "1001", "2001", "x", 1))));

        assertThat(orders.search(OrderQuery.all().withStatus(OrderStatus.COMPLETED), PageRequest.first(10)).items())
                .extracting(Order::platformOrderId).containsExactly("Q2");
        assertThat(orders.search(OrderQuery.all().matching("budi@EXAMPLE"), PageRequest.first(2).withTotal()).total().getAsLong()).isEqualTo(3);
        assertThat(orders.search(OrderQuery.all().matching("100%_sure"), PageRequest.first(2).withTotal()).total().getAsLong()).isZero();
        assertThat(orders.search(OrderQuery.all().withStore(shopee)
                .orderedBetween(Snapshots.T0.minusSeconds(1), Snapshots.T0.plusSeconds(1)), PageRequest.first(10).withTotal()).total().getAsLong()).isEqualTo(3);
        assertThat(orders.search(OrderQuery.all().orderedBetween(Snapshots.T0.plusSeconds(1), Snapshots.T0.plusSeconds(2)),
                PageRequest.first(10).withTotal()).total().getAsLong()).isZero();
        assertThat(orders.findByPlatformId(shopee, "Q2").orElseThrow().lines()).hasSize(2);

        LocalDate day = LocalDate.of(2026, 11, 20);
        List<DailySales> perStore = orders.dailySales(day, day, ZoneId.of("Asia/Jakarta"));
        assertThat(perStore).singleElement().satisfies(d -> {
            assertThat(d.orders()).isEqualTo(2);
            assertThat(d.units()).isEqualTo(6);
            assertThat(d.revenue()).isEqualByComparingTo(new BigDecimal("50000.00").add(new BigDecimal("100000.00")).add(new BigDecimal("18000.00")));
        });
        List<DailySales> perSku = orders.dailySalesBySku(day, day, ZoneId.of("Asia/Jakarta"));
        assertThat(perSku).extracting(DailySales::sku).containsExactly("KOPI-1", "TEH-1");
        assertThat(perSku).extracting(DailySales::units).containsExactly(3L, 3L);
        assertThat(orders.dailySales(day.plusDays(1), day.plusDays(2), ZoneId.of("UTC"))).isEmpty();
    }

    @Test
    void viewersCannotIngestAndOtherOrganizationsSeeNoOrders(TestDatabase db) throws Exception {
        IngestResult r = orders.ingest(order(shopee, SHOPEE, "ISO", "READY_TO_SHIP", 0, List.of(line("a", "1001", "2001", "x", 1))));
        assertThatThrownBy(() -> shop.viewer().orders().ingest(order(shopee, SHOPEE, "V", "UNPAID", 0, List.of())))
                .isInstanceOf(AccessDeniedException.class);
        Shop other = new Shop(shop.storeSync, db.appDataSource(), db.schema());
        Orders theirs = other.owner().orders();
        assertThat(theirs.find(r.orderId())).isEmpty();
        assertThat(theirs.findByPlatformId(shopee, "ISO")).isEmpty();
        assertThat(theirs.search(OrderQuery.all(), PageRequest.first(10).withTotal()).total().getAsLong()).isZero();
        assertThat(theirs.needingAttention(PageRequest.first(10).withTotal()).total().getAsLong()).isZero();
        LocalDate day = LocalDate.of(2026, 11, 20);
        assertThat(theirs.dailySales(day, day, ZoneId.of("UTC"))).isEmpty();
        assertThat(theirs.dailySalesBySku(day, day, ZoneId.of("UTC"))).isEmpty();
        assertThatThrownBy(() -> theirs.ingest(order(shopee, SHOPEE, "HIJACK", "UNPAID", 0, List.of())))
                .isInstanceOf(NotFoundException.class);
        assertThat(orders.search(OrderQuery.all(), PageRequest.first(10).withTotal()).total().getAsLong()).isEqualTo(1);
    }
}
