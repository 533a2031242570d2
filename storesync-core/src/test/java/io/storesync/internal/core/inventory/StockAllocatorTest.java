package io.storesync.internal.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.Allocation;
import io.storesync.api.inventory.AllocationStrategy;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.LocationStock;
import io.storesync.api.inventory.MovementType;
import io.storesync.internal.core.inventory.StockAllocator.Planned;
import io.storesync.internal.core.inventory.StockAllocator.Want;
import io.storesync.spi.persistence.LedgerNote;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StockAllocatorTest {
    private static final LedgerNote NOTE = new LedgerNote(MovementType.RESERVE, null, null, null, null);
    private static final LocationId A = new LocationId(new UUID(0, 1));
    private static final LocationId B = new LocationId(new UUID(0, 2));
    private static final VariantId SHIRT = new VariantId(UUID.randomUUID());
    private static final VariantId HAT = new VariantId(UUID.randomUUID());

    private final StockAllocator allocator = new StockAllocator(AllocationStrategy.defaultFirst());

    private static List<Integer> quantities(List<Planned> plan, int want) {
        return plan.stream().filter(p -> p.want() == want).map(p -> p.reservation().quantity()).toList();
    }

    @Test
    void aWantTheDefaultLocationCoversIsTakenFromIt() {
        List<Planned> plan = allocator.plan(List.of(new Want(SHIRT, 3, NOTE)),
                Map.of(SHIRT, List.of(new LocationStock(A, true, 5), new LocationStock(B, false, 9))));
        assertThat(plan).singleElement().satisfies(p -> {
            assertThat(p.reservation().location()).isEqualTo(A);
            assertThat(p.reservation().quantity()).isEqualTo(3);
            assertThat(p.reservation().note()).isEqualTo(NOTE);
        });
    }

    @Test
    void laterWantsPlanOnWhatEarlierOnesLeft() {
        List<Planned> plan = allocator.plan(List.of(new Want(SHIRT, 4, NOTE), new Want(SHIRT, 4, NOTE)),
                Map.of(SHIRT, List.of(new LocationStock(A, true, 5))));
        assertThat(quantities(plan, 0)).containsExactly(4);
        assertThat(quantities(plan, 1)).containsExactly(1);
    }

    @Test
    void aWantBeyondTheSnapshotIsPlannedForWhatThereIs() {
        List<Planned> plan = allocator.plan(List.of(new Want(SHIRT, 10, NOTE)),
                Map.of(SHIRT, List.of(new LocationStock(A, true, 2), new LocationStock(B, false, 3))));
        assertThat(plan).extracting(p -> p.reservation().location()).containsExactly(A, B);
        assertThat(quantities(plan, 0)).containsExactly(2, 3);
    }

    @Test
    void aVariantMissingFromTheSnapshotIsNotPlanned() {
        List<Planned> plan = allocator.plan(List.of(new Want(HAT, 1, NOTE), new Want(SHIRT, 1, NOTE)),
                Map.of(SHIRT, List.of(new LocationStock(A, true, 1))));
        assertThat(plan).extracting(Planned::want).containsExactly(1);
    }

    @Test
    void planningLeavesTheSnapshotAsItWas() {
        List<LocationStock> shirts = new ArrayList<>(List.of(new LocationStock(A, true, 5)));
        allocator.plan(List.of(new Want(SHIRT, 5, NOTE)), Map.of(SHIRT, shirts));
        assertThat(shirts).containsExactly(new LocationStock(A, true, 5));
    }

    @Test
    void aPlanIsAppliedInLocationOrder() {
        StockAllocator splitting = new StockAllocator((quantity, candidates) ->
                List.of(new Allocation(B, 1), new Allocation(A, quantity - 1)));
        assertThat(splitting.planInLockOrder(3, List.of(new LocationStock(A, true, 5), new LocationStock(B, false, 5))))
                .extracting(Allocation::locationId).containsExactly(A, B);
    }

    @Test
    void aStrategyPlanningTheWrongQuantityIsRefused() {
        StockAllocator greedy = new StockAllocator((quantity, candidates) -> List.of(new Allocation(A, quantity + 1)));
        assertThatThrownBy(() -> greedy.plan(List.of(new Want(SHIRT, 2, NOTE)),
                Map.of(SHIRT, List.of(new LocationStock(A, true, 5)))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must cover the quantity exactly");
    }

    @Test
    void aStrategyPlanningAnUnknownLocationIsRefused() {
        StockAllocator lost = new StockAllocator((quantity, candidates) -> List.of(new Allocation(B, quantity)));
        assertThatThrownBy(() -> lost.planInLockOrder(2, List.of(new LocationStock(A, true, 5))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("from the candidates");
    }

    @Test
    void anEmptyPlanMeansNothingCanBeTaken() {
        StockAllocator refusing = new StockAllocator((quantity, candidates) -> List.of());
        assertThat(refusing.plan(List.of(new Want(SHIRT, 2, NOTE)), Map.of(SHIRT, List.of(new LocationStock(A, true, 5)))))
                .isEmpty();
    }

    @Test
    void allocationsAtOneLocationAreMerged() {
        assertThat(StockAllocator.merge(List.of(new Allocation(A, 1), new Allocation(B, 2), new Allocation(A, 3))))
                .containsExactly(new Allocation(A, 4), new Allocation(B, 2));
    }
}
