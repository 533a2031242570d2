package io.storesync.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.api.AccessDeniedException;
import io.storesync.api.ConflictException;
import io.storesync.api.NotFoundException;
import io.storesync.api.PageRequest;
import io.storesync.api.ValidationException;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.Allocation;
import io.storesync.api.inventory.InsufficientStockException;
import io.storesync.api.inventory.Inventory;
import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.MovementType;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.ReorderSuggestion;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.inventory.StockLevel;
import io.storesync.api.inventory.StockMovement;
import io.storesync.api.inventory.StockResult;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inventory: every stock operation moves the right counters and writes its ledger row, reservations never oversell,
 * idempotency keys apply once, allocation follows its strategy, and changes of available stock are marked for
 * propagation.
 *
 * <p>An implementation runs this kit by extending it and implementing {@link
 * StoreSyncCompatibilityKit#storeSyncBuilder}; each test class gets a database of its own.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
public abstract class InventoryCompatibilityKit extends StoreSyncCompatibilityKit {
    private Shop shop;
    private Inventory inventory;
    private Location main;
    private Location annex;
    private VariantId kopi;

    @BeforeEach
    void open(TestDatabase db) throws Exception {
        shop = new Shop(storeSync(db), db.appDataSource(), db.schema());
        inventory = shop.member().inventory();
        main = shop.location("Main warehouse");
        annex = shop.location("Annex");
        kopi = shop.variant("KOPI");
    }

    @Test
    void theFirstLocationIsTheDefaultAndThereIsAlwaysExactlyOne() {
        assertThat(main.isDefault()).isTrue();
        assertThat(annex.isDefault()).isFalse();
        assertThat(shop.owner().locations().makeDefault(annex.id()).isDefault()).isTrue();
        assertThat(shop.owner().locations().list()).filteredOn(Location::isDefault).extracting(Location::id)
                .containsExactly(annex.id());
        assertThatThrownBy(() -> shop.owner().locations().deactivate(annex.id()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("default");
        Location third = shop.owner().locations().create(new NewLocation("Third", java.util.Map.of("city", "Bandung"), true));
        assertThat(third.isDefault()).isTrue();
        assertThat(third.address()).containsEntry("city", "Bandung");
        assertThat(shop.owner().locations().list()).filteredOn(Location::isDefault).hasSize(1);
    }

    @Test
    void onlyAdminsAndOwnersManageLocationsAndViewersMoveNoStock() {
        assertThatThrownBy(() -> shop.member().locations().create(NewLocation.named("Nope"))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> shop.viewer().inventory().receive(kopi, main.id(), 1, StockContext.none()))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(shop.viewer().locations().list()).hasSize(2);
        assertThat(shop.viewer().inventory().level(kopi, main.id()).onHand()).isZero();
    }

    @Test
    void everyOperationMovesTheRightCountersAndWritesItsLedgerRow() throws Exception {
        UUID order = UUID.randomUUID();
        inventory.receive(kopi, main.id(), 10, StockContext.note("PO-7"));
        inventory.adjust(kopi, main.id(), -2, StockContext.note("damaged"));
        inventory.reserve(kopi, main.id(), 3, StockContext.none().withReference("order", order));
        inventory.commit(kopi, main.id(), 2, StockContext.none().withReference("order", order));
        inventory.release(kopi, main.id(), 1, StockContext.none().withReference("order", order));
        inventory.restock(kopi, main.id(), 1, StockContext.none().withReference("order", order));
        inventory.transfer(kopi, main.id(), annex.id(), 3, StockContext.none());
        inventory.count(kopi, annex.id(), 5, StockContext.note("stock take"));

        StockLevel atMain = inventory.level(kopi, main.id());
        assertThat(atMain.onHand()).isEqualTo(10 - 2 - 2 + 1 - 3);
        assertThat(atMain.reserved()).isZero();
        assertThat(inventory.level(kopi, annex.id()).onHand()).isEqualTo(5);
        assertThat(inventory.totals(kopi).available()).isEqualTo(4 + 5);

        List<StockMovement> ledger = inventory.movements(kopi, PageRequest.first(100)).items();
        assertThat(ledger).extracting(StockMovement::type).containsExactlyInAnyOrder(MovementType.RECEIVE, MovementType.ADJUST,
                MovementType.RESERVE, MovementType.COMMIT, MovementType.RELEASE, MovementType.RESTOCK,
                MovementType.TRANSFER_OUT, MovementType.TRANSFER_IN, MovementType.COUNT);
        assertThat(ledger).filteredOn(m -> m.type() == MovementType.COMMIT).singleElement().satisfies(m -> {
            assertThat(m.quantityChange()).isEqualTo(-2);
            assertThat(m.reservedChange()).isEqualTo(-2);
            assertThat(m.referenceType()).isEqualTo("order");
            assertThat(m.referenceId()).isEqualTo(order);
            assertThat(m.actor()).contains(shop.memberId);
        });
        assertThat(ledger).filteredOn(m -> m.type() == MovementType.COUNT).singleElement()
                .satisfies(m -> assertThat(m.quantityChange()).isEqualTo(2));
        assertThat(shop.ledgerProblems()).isEmpty();
    }

    @Test
    void reservingMoreThanAvailableFailsWithTheNumbersAndChangesNothing() throws Exception {
        inventory.receive(kopi, main.id(), 5, StockContext.none());
        inventory.reserve(kopi, main.id(), 2, StockContext.none());
        long ledgerRows = shop.scalar("SELECT count(*) FROM inventory_transactions");
        assertThatThrownBy(() -> inventory.reserve(kopi, main.id(), 4, StockContext.none()))
                .isInstanceOfSatisfying(InsufficientStockException.class, e -> {
                    assertThat(e.sku()).isEqualTo("KOPI-1");
                    assertThat(e.requested()).isEqualTo(4);
                    assertThat(e.available()).isEqualTo(3);
                });
        assertThatThrownBy(() -> inventory.reserve(kopi, null, 9, StockContext.none()))
                .isInstanceOfSatisfying(InsufficientStockException.class, e -> assertThat(e.available()).isEqualTo(3));
        assertThatThrownBy(() -> inventory.adjust(kopi, main.id(), -4, StockContext.none()))
                .isInstanceOf(InsufficientStockException.class);
        assertThatThrownBy(() -> inventory.transfer(kopi, main.id(), annex.id(), 4, StockContext.none()))
                .isInstanceOf(InsufficientStockException.class);
        assertThatThrownBy(() -> inventory.count(kopi, main.id(), 1, StockContext.none()))
                .isInstanceOf(InsufficientStockException.class);
        assertThatThrownBy(() -> inventory.commit(kopi, main.id(), 3, StockContext.none()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("only 2 reserved");
        assertThatThrownBy(() -> inventory.release(kopi, annex.id(), 1, StockContext.none()))
                .isInstanceOf(ConflictException.class);
        StockLevel level = inventory.level(kopi, main.id());
        assertThat(level.onHand()).isEqualTo(5);
        assertThat(level.reserved()).isEqualTo(2);
        assertThat(inventory.level(kopi, annex.id()).onHand()).isZero();
        assertThat(shop.scalar("SELECT count(*) FROM inventory_transactions")).isEqualTo(ledgerRows);
    }

    @Test
    void badInputIsATypedErrorBeforeAnythingHappens() {
        assertThatThrownBy(() -> inventory.receive(kopi, main.id(), 0, StockContext.none())).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> inventory.adjust(kopi, main.id(), 0, StockContext.none())).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> inventory.transfer(kopi, main.id(), main.id(), 1, StockContext.none())).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> inventory.receive(VariantId.random(), main.id(), 1, StockContext.none())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> inventory.receive(kopi, io.storesync.api.inventory.LocationId.random(), 1, StockContext.none()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> new StockContext(null, null, UUID.randomUUID(), null)).isInstanceOf(ValidationException.class);
    }

    @Test
    void allocationPrefersTheDefaultThenTheFullestThenSplits() throws Exception {
        Location third = shop.location("Third");
        inventory.receive(kopi, main.id(), 3, StockContext.none());
        inventory.receive(kopi, annex.id(), 5, StockContext.none());
        inventory.receive(kopi, third.id(), 8, StockContext.none());

        assertThat(inventory.reserve(kopi, null, 2, StockContext.none()).allocations()).containsExactly(new Allocation(main.id(), 2));
        assertThat(inventory.reserve(kopi, null, 6, StockContext.none()).allocations()).containsExactly(new Allocation(third.id(), 6));
        // left: main 1, annex 5, third 2 -> 7 splits, default first, then the fullest
        StockResult split = inventory.reserve(kopi, null, 7, StockContext.none());
        assertThat(split.allocations()).containsExactlyInAnyOrder(new Allocation(main.id(), 1), new Allocation(annex.id(), 5),
                new Allocation(third.id(), 1));
        assertThat(inventory.totals(kopi).available()).isEqualTo(1);
    }

    @Test
    void inactiveLocationsTakeNoReservationsAndCountForNothing() {
        inventory.receive(kopi, annex.id(), 5, StockContext.none());
        shop.owner().locations().deactivate(annex.id());
        assertThatThrownBy(() -> inventory.reserve(kopi, annex.id(), 1, StockContext.none())).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> inventory.reserve(kopi, null, 1, StockContext.none())).isInstanceOf(InsufficientStockException.class);
        assertThat(inventory.totals(kopi).available()).isZero();
        assertThat(inventory.totals(kopi).levels()).hasSize(1);
    }

    @Test
    void anIdempotencyKeyAppliesOnceAndReplaysTheFirstResult() throws Exception {
        inventory.receive(kopi, main.id(), 10, StockContext.none());
        StockResult first = inventory.reserve(kopi, null, 3, StockContext.idempotent("order-42-line-1"));
        StockResult again = inventory.reserve(kopi, null, 3, StockContext.idempotent("order-42-line-1"));
        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.allocations()).isEqualTo(first.allocations());
        assertThat(again.levels()).isEqualTo(first.levels());
        assertThat(inventory.level(kopi, main.id()).reserved()).isEqualTo(3);
        assertThatThrownBy(() -> inventory.reserve(kopi, null, 4, StockContext.idempotent("order-42-line-1")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("order-42-line-1");

        // a failed first attempt leaves the key free for the retry
        assertThatThrownBy(() -> inventory.reserve(kopi, null, 50, StockContext.idempotent("big"))).isInstanceOf(InsufficientStockException.class);
        inventory.receive(kopi, main.id(), 50, StockContext.none());
        assertThat(inventory.reserve(kopi, null, 50, StockContext.idempotent("big")).replayed()).isFalse();
    }

    @Test
    void concurrentRetriesWithOneKeyApplyOnce() throws Exception {
        inventory.receive(kopi, main.id(), 100, StockContext.none());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<StockResult>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> inventory.reserve(kopi, null, 5, StockContext.idempotent("same-key"))));
            }
            int fresh = 0;
            for (Future<StockResult> f : results) fresh += f.get().replayed() ? 0 : 1;
            assertThat(fresh).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        assertThat(inventory.level(kopi, main.id()).reserved()).isEqualTo(5);
    }

    @Test
    void theHotSkuSellsExactlyWhatIsThere() throws Exception {
        inventory.receive(kopi, main.id(), 1_000, StockContext.none());
        AtomicInteger succeeded = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Void>> buyers = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                buyers.add(() -> {
                    while (true) {
                        try {
                            inventory.reserve(kopi, null, 1, StockContext.none());
                            succeeded.incrementAndGet();
                        } catch (InsufficientStockException e) {
                            return null;
                        }
                    }
                });
            }
            for (Future<Void> f : pool.invokeAll(buyers)) f.get();
        } finally {
            pool.shutdown();
        }
        assertThat(succeeded.get()).isEqualTo(1_000);
        StockLevel level = inventory.level(kopi, main.id());
        assertThat(level.reserved()).isEqualTo(1_000);
        assertThat(level.available()).isZero();
        assertThat(shop.scalar("SELECT count(*) FROM inventory_transactions WHERE transaction_type = 'reserve'")).isEqualTo(1_000);
        assertThat(shop.ledgerProblems()).isEmpty();
    }

    @Test
    void reorderReportListsItemsAtOrBelowTheirPoint() throws Exception {
        VariantId teh = shop.variant("TEH");
        inventory.receive(kopi, main.id(), 4, StockContext.none());
        inventory.receive(teh, main.id(), 50, StockContext.none());
        inventory.setReorderPoint(kopi, main.id(), 5, 20);
        inventory.setReorderPoint(teh, main.id(), 10, 0);
        assertThat(inventory.reorderReport()).singleElement().satisfies(s -> {
            assertThat(s.sku()).isEqualTo("KOPI-1");
            assertThat(s.suggestedQuantity()).isEqualTo(20);
        });
        inventory.reserve(teh, main.id(), 45, StockContext.none());
        assertThat(inventory.reorderReport()).extracting(ReorderSuggestion::sku).containsExactly("TEH-1", "KOPI-1");
        assertThat(inventory.reorderReport().get(0).suggestedQuantity()).isEqualTo(10 - 5 + 1);
        assertThatThrownBy(() -> inventory.setReorderPoint(kopi, main.id(), -1, 0)).isInstanceOf(ValidationException.class);
    }

    @Test
    void changesOfAvailableStockAreMarkedForPropagationButShipmentsAreNot() throws Exception {
        VariantId teh = shop.variant("TEH");
        inventory.receive(kopi, main.id(), 4, StockContext.none());
        inventory.receive(teh, main.id(), 4, StockContext.none());
        inventory.reserve(kopi, main.id(), 1, StockContext.none());
        assertThat(shop.scalar("SELECT count(*) FROM stock_changes")).isEqualTo(2);
        shop.scalar("WITH d AS (DELETE FROM stock_changes RETURNING 1) SELECT count(*) FROM d");
        inventory.commit(kopi, main.id(), 1, StockContext.none());
        assertThat(shop.scalar("SELECT count(*) FROM stock_changes")).isZero();
        inventory.reserve(teh, null, 1, StockContext.none());
        assertThat(shop.scalar("SELECT count(*) FROM stock_changes WHERE product_variant_id = ?", teh.value())).isEqualTo(1);
    }

    @Test
    void anotherOrganizationsStockIsInvisibleAndUntouchable(TestDatabase db) throws Exception {
        inventory.receive(kopi, main.id(), 7, StockContext.none());
        Shop other = new Shop(shop.storeSync, db.appDataSource(), db.schema());
        Inventory theirs = other.owner().inventory();
        Location theirMain = other.location("Theirs");
        assertThatThrownBy(() -> theirs.level(kopi, main.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> theirs.totals(kopi)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> theirs.movements(kopi, PageRequest.first(10))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> theirs.reserve(kopi, null, 1, StockContext.none())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> theirs.receive(kopi, theirMain.id(), 1, StockContext.none())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> other.owner().locations().deactivate(annex.id())).isInstanceOf(NotFoundException.class);
        assertThat(other.owner().locations().find(main.id())).isEmpty();
        assertThat(theirs.reorderReport()).isEmpty();
        VariantId theirKopi = other.variant("KOPI");
        assertThatThrownBy(() -> theirs.receive(theirKopi, main.id(), 1, StockContext.none())).isInstanceOf(NotFoundException.class);
        // the same idempotency key in two organizations are two keys
        theirs.receive(theirKopi, theirMain.id(), 3, StockContext.idempotent("k"));
        assertThat(inventory.receive(kopi, main.id(), 3, StockContext.idempotent("k")).replayed()).isFalse();
        assertThat(inventory.level(kopi, main.id()).onHand()).isEqualTo(10);
    }
}
