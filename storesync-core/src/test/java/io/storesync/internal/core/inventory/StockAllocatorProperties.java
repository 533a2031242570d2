package io.storesync.internal.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.AllocationStrategy;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.LocationStock;
import io.storesync.api.inventory.MovementType;
import io.storesync.internal.core.inventory.StockAllocator.Planned;
import io.storesync.internal.core.inventory.StockAllocator.Want;
import io.storesync.spi.persistence.LedgerNote;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class StockAllocatorProperties {
    private static final LedgerNote NOTE = new LedgerNote(MovementType.RESERVE, null, null, null, null);
    private static final VariantId[] VARIANTS = {new VariantId(new UUID(1, 1)), new VariantId(new UUID(1, 2))};
    private static final LocationId[] LOCATIONS = {new LocationId(new UUID(2, 1)), new LocationId(new UUID(2, 2)),
            new LocationId(new UUID(2, 3))};

    private static Map<VariantId, List<LocationStock>> snapshot(List<Integer> available) {
        Map<VariantId, List<LocationStock>> snapshot = new HashMap<>();
        for (int v = 0; v < VARIANTS.length; v++) {
            List<LocationStock> at = new ArrayList<>();
            for (int l = 0; l < LOCATIONS.length; l++) {
                int units = available.get(v * LOCATIONS.length + l);
                // the repository lists only locations with something available
                if (units > 0) at.add(new LocationStock(LOCATIONS[l], l == 0, units));
            }
            snapshot.put(VARIANTS[v], at);
        }
        return snapshot;
    }

    private static List<Want> wants(List<Integer> quantities) {
        List<Want> wants = new ArrayList<>();
        for (int i = 0; i < quantities.size(); i++) wants.add(new Want(VARIANTS[i % VARIANTS.length], quantities.get(i), NOTE));
        return wants;
    }

    @Property
    void aPlanNeverTakesMoreThanALocationHas(
            @ForAll @Size(6) List<@IntRange(max = 10) Integer> available,
            @ForAll @Size(max = 8) List<@IntRange(min = 1, max = 12) Integer> quantities) {
        Map<VariantId, List<LocationStock>> snapshot = snapshot(available);
        List<Planned> plan = new StockAllocator(AllocationStrategy.defaultFirst()).plan(wants(quantities), snapshot);
        Map<String, Integer> taken = new HashMap<>();
        plan.forEach(p -> taken.merge(p.reservation().variant() + "@" + p.reservation().location(), p.reservation().quantity(),
                Integer::sum));
        snapshot.forEach((variant, at) -> at.forEach(l ->
                assertThat(taken.getOrDefault(variant + "@" + l.locationId(), 0)).isLessThanOrEqualTo(l.available())));
    }

    @Property
    void eachWantGetsAllItAsksOrAllThatIsLeft(
            @ForAll @Size(6) List<@IntRange(max = 10) Integer> available,
            @ForAll @Size(max = 8) List<@IntRange(min = 1, max = 12) Integer> quantities) {
        Map<VariantId, List<LocationStock>> snapshot = snapshot(available);
        List<Want> wants = wants(quantities);
        List<Planned> plan = new StockAllocator(AllocationStrategy.defaultFirst()).plan(wants, snapshot);
        Map<VariantId, Integer> left = new HashMap<>();
        snapshot.forEach((v, at) -> left.put(v, at.stream().mapToInt(LocationStock::available).sum()));
        for (int w = 0; w < wants.size(); w++) {
            int index = w;
            Want want = wants.get(w);
            int planned = plan.stream().filter(p -> p.want() == index).mapToInt(p -> p.reservation().quantity()).sum();
            int expected = Math.min(want.quantity(), left.get(want.variant()));
            assertThat(planned).isEqualTo(expected);
            assertThat(plan.stream().filter(p -> p.want() == index))
                    .allSatisfy(p -> assertThat(p.reservation().variant()).isEqualTo(want.variant()));
            left.merge(want.variant(), -planned, Integer::sum);
        }
    }
}
