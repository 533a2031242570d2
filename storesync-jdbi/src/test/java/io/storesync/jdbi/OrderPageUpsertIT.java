package io.storesync.jdbi;

import static io.storesync.testkit.tck.Snapshots.line;
import static io.storesync.testkit.tck.Snapshots.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import io.storesync.api.Actor;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.Inventory;
import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.order.IngestResult;
import io.storesync.api.order.IngestResult.Outcome;
import io.storesync.api.order.Order;
import io.storesync.api.order.OrderLine;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.order.OrderStatus;
import io.storesync.api.order.Orders;
import io.storesync.api.store.Platform;
import io.storesync.api.store.StoreId;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.Shop;
import io.storesync.testkit.tck.StoreSyncCompatibilityKit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 17: a page of distinct orders is upserted in one statement. Each order in it must come out as it would alone
 * (new, newer, older, the same snapshot again, a same-second cancellation), and two workers writing overlapping pages
 * given in opposite orders must neither deadlock nor book anything twice.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class OrderPageUpsertIT {
    private static final String SHOPEE = Platform.SHOPEE;
    private Shop shop;
    private Orders orders;
    private Inventory inventory;
    private Location main;
    private StoreId shopee;
    private VariantId kopi;

    @BeforeEach
    void open(TestDatabase db) throws Exception {
        shop = new Shop(StoreSyncCompatibilityKit.withFakeMarketplaces(db.storeSyncBuilder()).build(), db.appDataSource(),
                db.schema());
        orders = shop.storeSync.tenant(shop.org.id(), Actor.system("order-poll")).orders();
        inventory = shop.member().inventory();
        main = shop.location("Main");
        kopi = shop.variant("KOPI");
        shopee = shop.store(SHOPEE, true);
        shop.listing(shopee, kopi, "1001", null);
        inventory.receive(kopi, main.id(), 1_000, StockContext.none());
    }

    private OrderSnapshot kopi(String id, String status, int minute, int quantity) {
        return order(shopee, SHOPEE, id, status, minute, List.of(line("a", "1001", null, "KOPI", quantity)));
    }

    private int reserved() {
        return inventory.level(kopi, main.id()).reserved();
    }

    @Test
    void eachOrderOfAPageComesOutAsItWouldAlone() throws Exception {
        OrderSnapshot replayed = kopi("SN-SAME", "READY_TO_SHIP", 1, 1);
        orders.ingestAll(List.of(kopi("SN-NEWER", "READY_TO_SHIP", 1, 2), kopi("SN-OLDER", "SHIPPED", 5, 3), replayed,
                kopi("SN-CANCEL", "READY_TO_SHIP", 2, 4)));
        assertThat(reserved()).isEqualTo(2 + 1 + 4);

        // given out of lock order on purpose: results come back in the order given
        List<IngestResult> results = orders.ingestAll(List.of(kopi("SN-NEW", "READY_TO_SHIP", 0, 5),
                kopi("SN-OLDER", "READY_TO_SHIP", 1, 3), kopi("SN-NEWER", "READY_TO_SHIP", 2, 6), replayed,
                kopi("SN-CANCEL", "CANCELLED", 2, 4)));

        assertThat(results).extracting(IngestResult::outcome).containsExactly(Outcome.CREATED, Outcome.STALE,
                Outcome.UPDATED, Outcome.UNCHANGED, Outcome.UPDATED);
        assertThat(orders.findByPlatformId(shopee, "SN-OLDER").orElseThrow().status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(orders.findByPlatformId(shopee, "SN-NEWER").orElseThrow().lines().get(0).quantity()).isEqualTo(6);
        assertThat(orders.findByPlatformId(shopee, "SN-CANCEL").orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(results.get(0).orderId()).isEqualTo(orders.findByPlatformId(shopee, "SN-NEW").orElseThrow().id());
        // new 5, newer 6, replayed 1; the cancellation released its 4, the shipped order holds none
        assertThat(reserved()).isEqualTo(5 + 6 + 1);
        assertThat(shop.ledgerProblems()).isEmpty();
    }

    /**
     * A page's new orders have their lines mapped first and written once, after their stock effects, with the stage
     * and shortfall those settled on: each line must come out mapped and settled as the line upsert and state update
     * of a known order leave it, and replaying the page must book nothing again.
     */
    @Test
    void newOrdersOfAPageHaveTheirLinesMappedAndSettledWhenWritten() throws Exception {
        VariantId teh = shop.variant("TEH");
        inventory.receive(teh, main.id(), 1, StockContext.none());
        List<OrderSnapshot> page = List.of(
                kopi("SN-LISTED", "READY_TO_SHIP", 1, 2),
                order(shopee, SHOPEE, "SN-BY-SKU", "READY_TO_SHIP", 1, List.of(line("a", "9999", null, "TEH-1", 3))),
                order(shopee, SHOPEE, "SN-UNMAPPED", "READY_TO_SHIP", 1,
                        List.of(line("a", "7777", null, "NOPE", 1), line("b", "1001", null, "KOPI", 1))),
                kopi("SN-SHIPPED", "SHIPPED", 1, 4));

        List<IngestResult> first = orders.ingestAll(page);

        assertThat(first).extracting(IngestResult::outcome).containsOnly(Outcome.CREATED);
        OrderLine listed = orders.findByPlatformId(shopee, "SN-LISTED").orElseThrow().lines().get(0);
        assertThat(listed.variantId()).isEqualTo(kopi);
        assertThat(listed.stockStage()).isEqualTo(OrderLine.StockStage.RESERVED);
        assertThat(listed.shortfallQuantity()).isZero();
        Order bySku = orders.findByPlatformId(shopee, "SN-BY-SKU").orElseThrow();
        assertThat(bySku.lines().get(0).variantId()).isEqualTo(teh);
        assertThat(bySku.lines().get(0).stockStage()).isEqualTo(OrderLine.StockStage.RESERVED);
        assertThat(bySku.lines().get(0).shortfallQuantity()).isEqualTo(2);
        assertThat(bySku.shortfallQuantity()).isEqualTo(2);
        Order unmapped = orders.findByPlatformId(shopee, "SN-UNMAPPED").orElseThrow();
        assertThat(unmapped.hasUnmappedLines()).isTrue();
        assertThat(unmapped.lines()).extracting(OrderLine::platformLineId, OrderLine::variantId, OrderLine::stockStage)
                .containsExactly(tuple("a", null, OrderLine.StockStage.NONE), tuple("b", kopi, OrderLine.StockStage.RESERVED));
        OrderLine shipped = orders.findByPlatformId(shopee, "SN-SHIPPED").orElseThrow().lines().get(0);
        assertThat(shipped.stockStage()).isEqualTo(OrderLine.StockStage.COMMITTED);
        assertThat(inventory.level(kopi, main.id()).onHand()).isEqualTo(1_000 - 4);
        assertThat(reserved()).isEqualTo(2 + 1);
        assertThat(inventory.level(teh, main.id()).reserved()).isEqualTo(1);

        long ledgerRows = shop.scalar("SELECT count(*) FROM inventory_transactions");
        assertThat(orders.ingestAll(page)).extracting(IngestResult::outcome).containsOnly(Outcome.UNCHANGED);
        assertThat(shop.scalar("SELECT count(*) FROM inventory_transactions")).isEqualTo(ledgerRows);
        assertThat(shop.scalar("SELECT count(*) FROM order_items")).isEqualTo(5);
        assertThat(reserved()).isEqualTo(2 + 1);
        assertThat(shop.ledgerProblems()).isEmpty();
    }

    @Test
    void overlappingPagesInOppositeOrdersDoNotDeadlockNorBookTwice() throws Exception {
        List<OrderSnapshot> page = new ArrayList<>();
        for (int i = 0; i < 40; i++) page.add(kopi(String.format("SN-%02d", i), "READY_TO_SHIP", 1, 1));
        List<OrderSnapshot> reversed = new ArrayList<>(page);
        Collections.reverse(reversed);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<IngestResult>>> running = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                running.add(pool.submit(() -> orders.ingestAll(page)));
                running.add(pool.submit(() -> orders.ingestAll(reversed)));
            }
            long created = 0;
            for (Future<List<IngestResult>> f : running) {
                created += f.get().stream().filter(r -> r.outcome() == Outcome.CREATED).count();
            }
            assertThat(created).isEqualTo(40);
        } finally {
            pool.shutdown();
        }
        assertThat(reserved()).isEqualTo(40);
        assertThat(shop.ledgerProblems()).isEmpty();
    }
}
