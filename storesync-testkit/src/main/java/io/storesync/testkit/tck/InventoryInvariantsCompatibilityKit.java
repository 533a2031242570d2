package io.storesync.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.StoreSync;
import io.storesync.api.ConflictException;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.InsufficientStockException;
import io.storesync.api.inventory.Inventory;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.inventory.StockLevel;
import io.storesync.testkit.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Random mixes of every stock operation, run by 8 threads at once over several variants and locations: whatever
 * interleaving the database picks, no counter goes below zero, nothing is promised twice, and each item's ledger
 * adds up to its counters.
 *
 * <p>An implementation runs this kit by extending it and implementing {@link
 * StoreSyncCompatibilityKit#storeSyncBuilder}; each property gets a database of its own.
 */
public abstract class InventoryInvariantsCompatibilityKit extends StoreSyncCompatibilityKit {
    private static final int THREADS = 8;
    private TestDatabase db;
    private StoreSync storeSync;

    enum Kind { RECEIVE, ADJUST, COUNT, TRANSFER, RESERVE_AT, RESERVE_ANYWHERE, RELEASE, COMMIT, RESTOCK }

    record Op(Kind kind, int variant, int location, int otherLocation, int quantity, int signedDelta, int key) {}

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
    Arbitrary<List<Op>> scripts() {
        Arbitrary<Op> op = Combinators.combine(
                Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 6),
                Arbitraries.integers().between(-4, 4).filter(d -> d != 0), Arbitraries.integers().between(-1, 5))
                .as(Op::new);
        return op.list().ofMinSize(40).ofMaxSize(160);
    }

    @Property(tries = 12)
    void concurrentRandomOperationsKeepEveryInvariant(@ForAll("scripts") List<Op> script) throws Exception {
        Shop shop = new Shop(storeSync, db.appDataSource(), db.schema());
        List<VariantId> variants = shop.variants("V", 3);
        List<LocationId> locations = List.of(shop.location("A").id(), shop.location("B").id(), shop.location("C").id());
        Inventory inventory = shop.member().inventory();
        for (VariantId v : variants) inventory.receive(v, locations.get(0), 10, StockContext.none());

        AtomicInteger reservedUnits = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                running.add(pool.submit(() -> {
                    for (int i = thread; i < script.size(); i += THREADS) {
                        apply(inventory, script.get(i), i, variants, locations, reservedUnits);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
        } finally {
            pool.shutdown();
        }

        assertThat(shop.ledgerProblems()).isEmpty();
        for (VariantId v : variants) {
            for (LocationId l : locations) {
                StockLevel level = inventory.level(v, l);
                assertThat(level.onHand()).isGreaterThanOrEqualTo(0);
                assertThat(level.reserved()).isBetween(0, level.onHand());
            }
        }
        // every unit a reservation was granted for is still reserved, or was released or shipped: none invented
        long granted = shop.scalar("SELECT coalesce(sum(reserved_change), 0) FROM inventory_transactions WHERE transaction_type = 'reserve'");
        assertThat(granted).isEqualTo(reservedUnits.get());
    }

    private static void apply(Inventory inventory, Op op, int index, List<VariantId> variants, List<LocationId> locations,
            AtomicInteger reservedUnits) {
        VariantId v = variants.get(op.variant());
        LocationId l = locations.get(op.location());
        // a few operations carry a key from a small pool: replays and key reuse are part of the mix
        StockContext context = op.key() >= 0 && op.key() < 2 ? StockContext.idempotent("k" + op.key() + "-" + op.kind()) : StockContext.none();
        try {
            switch (op.kind()) {
                case RECEIVE -> inventory.receive(v, l, op.quantity(), context);
                case ADJUST -> inventory.adjust(v, l, op.signedDelta(), context);
                case COUNT -> inventory.count(v, l, op.quantity() * 2, context);
                case TRANSFER -> {
                    if (op.location() != op.otherLocation()) {
                        inventory.transfer(v, l, locations.get(op.otherLocation()), op.quantity(), context);
                    }
                }
                case RESERVE_AT -> count(reservedUnits, inventory.reserve(v, l, op.quantity(), context));
                case RESERVE_ANYWHERE -> count(reservedUnits, inventory.reserve(v, null, op.quantity(), context));
                case RELEASE -> inventory.release(v, l, op.quantity(), context);
                case COMMIT -> inventory.commit(v, l, op.quantity(), context);
                case RESTOCK -> inventory.restock(v, l, op.quantity(), context);
            }
        } catch (InsufficientStockException | ConflictException expected) {
            // refused operations are part of the game; the invariants say they changed nothing
        }
    }

    private static void count(AtomicInteger reservedUnits, io.storesync.api.inventory.StockResult result) {
        if (!result.replayed()) reservedUnits.addAndGet(result.quantity());
    }
}
