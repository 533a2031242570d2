package io.storesync.testkit.tck;

import static io.storesync.testkit.tck.Snapshots.line;
import static io.storesync.testkit.tck.Snapshots.order;
import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.Inventory;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.inventory.StockLevel;
import io.storesync.api.order.Order;
import io.storesync.api.order.OrderLineSnapshot;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.order.OrderStatus;
import io.storesync.api.order.Orders;
import io.storesync.api.store.Platform;
import io.storesync.api.store.StoreId;
import io.storesync.testkit.TestDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Random orders, each a random path through Shopee's statuses with quantity changes before shipping; their snapshots
 * are duplicated, shuffled and ingested by 4 threads at once. The order book must equal the newest snapshot of each
 * order, and the stock must hold exactly the net effect of each order's final state: nothing doubled, nothing lost.
 *
 * <p>An implementation runs this kit by extending it and implementing {@link
 * StoreSyncCompatibilityKit#storeSyncBuilder}; each property gets a database of its own.
 */
public abstract class OrderIngestionInvariantsCompatibilityKit extends StoreSyncCompatibilityKit {
    private TestDatabase db;
    private StoreSync storeSync;

    /** Realistic status paths; a generated order follows a prefix of one. */
    private static final List<List<String>> PATHS = List.of(
            List.of("UNPAID", "READY_TO_SHIP", "PROCESSED", "SHIPPED", "TO_CONFIRM_RECEIVE", "COMPLETED"),
            List.of("UNPAID", "CANCELLED"),
            List.of("UNPAID", "READY_TO_SHIP", "IN_CANCEL", "CANCELLED"),
            List.of("READY_TO_SHIP", "SHIPPED", "TO_RETURN", "CANCELLED"),
            List.of("UNPAID", "READY_TO_SHIP", "SHIPPED", "TO_RETURN", "COMPLETED"));

    record OrderPlan(int path, int steps, List<Integer> quantities, int variant, long shuffleSeed) {}

    @BeforeProperty
    void start() {
        db = TestDatabase.create();
        storeSync = storeSync(db);
    }

    @AfterProperty
    void stop() {
        db.close();
    }

    @Provide
    Arbitrary<List<OrderPlan>> orders() {
        Arbitrary<OrderPlan> plan = Combinators.combine(
                Arbitraries.integers().between(0, PATHS.size() - 1), Arbitraries.integers().between(1, 6),
                Arbitraries.integers().between(1, 4).list().ofSize(6), Arbitraries.integers().between(0, 1),
                Arbitraries.longs()).as(OrderPlan::new);
        return plan.list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 30)
    void finalStateEqualsTheNewestSnapshotAndStockHoldsTheNetEffect(@ForAll("orders") List<OrderPlan> plans) throws Exception {
        Shop shop = new Shop(storeSync, db.appDataSource(), db.schema());
        Inventory inventory = shop.member().inventory();
        LocationId main = shop.location("Main").id();
        List<VariantId> variants = shop.variants("SKU", 2);
        StoreId store = shop.store(Platform.SHOPEE, true);
        for (int v = 0; v < variants.size(); v++) {
            shop.listing(store, variants.get(v), "P" + v, "M" + v);
            inventory.receive(variants.get(v), main, 1_000, StockContext.none());
        }

        List<OrderSnapshot> stream = new ArrayList<>();
        List<OrderSnapshot> newest = new ArrayList<>();
        for (int o = 0; o < plans.size(); o++) {
            OrderPlan p = plans.get(o);
            List<String> path = PATHS.get(p.path());
            int steps = Math.min(p.steps(), path.size());
            List<OrderSnapshot> snapshots = new ArrayList<>();
            int quantity = p.quantities().get(0);
            for (int s = 0; s < steps; s++) {
                String status = path.get(s);
                boolean shipped = path.subList(0, s + 1).contains("SHIPPED");
                if (!shipped) quantity = p.quantities().get(s); // quantities may change until the order ships
                List<OrderLineSnapshot> lines = List.of(line("L1", "P" + p.variant(), "M" + p.variant(), "x", quantity));
                snapshots.add(order(store, Platform.SHOPEE, "O" + o, status, s, lines));
            }
            newest.add(snapshots.get(snapshots.size() - 1));
            stream.addAll(snapshots);
            stream.addAll(snapshots.subList(0, Math.max(1, snapshots.size() / 2))); // duplicate deliveries
        }
        Collections.shuffle(stream, new Random(plans.get(0).shuffleSeed()));

        Orders orders = storeSync.tenant(shop.org.id(), Actor.system("test")).orders();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                running.add(pool.submit(() -> {
                    // threads 0 and 1 ingest one snapshot at a time, 2 and 3 in pages of up to 3 (as a poll does):
                    // a page of distinct orders writes and reserves its new orders together
                    List<OrderSnapshot> mine = new ArrayList<>();
                    for (int i = thread; i < stream.size(); i += 4) mine.add(stream.get(i));
                    int page = thread < 2 ? 1 : 3;
                    for (int i = 0; i < mine.size(); i += page) {
                        orders.ingestAll(mine.subList(i, Math.min(mine.size(), i + page)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
        } finally {
            pool.shutdown();
        }

        int[] expectedOnHandDrop = new int[variants.size()];
        int[] expectedReserved = new int[variants.size()];
        for (int o = 0; o < plans.size(); o++) {
            OrderSnapshot last = newest.get(o);
            Order stored = orders.findByPlatformId(store, last.platformOrderId()).orElseThrow();
            assertThat(stored.status()).isEqualTo(last.status());
            assertThat(stored.platformStatus()).isEqualTo(last.platformStatus());
            assertThat(stored.platformUpdatedAt()).isEqualTo(last.platformUpdatedAt());
            int quantity = last.lines().get(0).quantity();
            assertThat(stored.lines()).singleElement().satisfies(l -> assertThat(l.quantity()).isEqualTo(quantity));
            int v = plans.get(o).variant();
            switch (net(last.status())) {
                case "reserved" -> expectedReserved[v] += quantity;
                case "shipped" -> expectedOnHandDrop[v] += quantity;
                default -> { } // released, or shipped and restocked: no net effect
            }
        }
        for (int v = 0; v < variants.size(); v++) {
            StockLevel level = inventory.level(variants.get(v), main);
            assertThat(level.reserved()).as("reserved of variant " + v).isEqualTo(expectedReserved[v]);
            assertThat(level.onHand()).as("on hand of variant " + v).isEqualTo(1_000 - expectedOnHandDrop[v]);
        }
        assertThat(shop.ledgerProblems()).isEmpty();
    }

    /** The net stock effect of an order whose newest status is {@code status}, with returns restocked. */
    private static String net(OrderStatus status) {
        return switch (status) {
            case UNPAID, ON_HOLD, AWAITING_SHIPMENT, PARTIALLY_SHIPPED, CANCEL_REQUESTED -> "reserved";
            case SHIPPED, DELIVERED, COMPLETED, RETURN_REQUESTED -> "shipped";
            default -> "none";
        };
    }
}
