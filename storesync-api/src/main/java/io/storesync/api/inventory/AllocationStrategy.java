package io.storesync.api.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses where a reservation that names no location takes its units from. Pure and thread-safe: it plans on a
 * snapshot, and StoreSync applies the plan with conditional updates, re-planning if another transaction got there
 * first, so a strategy can never cause overselling.
 */
@FunctionalInterface
public interface AllocationStrategy {

    /**
     * Plans {@code quantity} units over {@code candidates} (active locations holding the variant).
     *
     * @return allocations summing to {@code quantity}, or an empty list when the candidates cannot cover it
     */
    List<Allocation> allocate(int quantity, List<LocationStock> candidates);

    /**
     * The default strategy: the default location when it can cover everything; otherwise the single location with
     * the most available that can; otherwise split, default location first, then by most available.
     */
    static AllocationStrategy defaultFirst() {
        return (quantity, candidates) -> {
            Comparator<LocationStock> preference = Comparator.comparing((LocationStock l) -> !l.isDefault())
                    .thenComparing(Comparator.comparingInt(LocationStock::available).reversed())
                    .thenComparing(l -> l.locationId().value());
            for (LocationStock l : candidates) {
                if (l.isDefault() && l.available() >= quantity) return List.of(new Allocation(l.locationId(), quantity));
            }
            LocationStock best = candidates.stream().filter(l -> l.available() >= quantity)
                    .max(Comparator.comparingInt(LocationStock::available)).orElse(null);
            if (best != null) return List.of(new Allocation(best.locationId(), quantity));
            List<Allocation> split = new ArrayList<>();
            int remaining = quantity;
            for (LocationStock l : candidates.stream().sorted(preference).toList()) {
                if (remaining == 0) break;
                int take = Math.min(remaining, l.available());
                if (take > 0) {
                    split.add(new Allocation(l.locationId(), take));
                    remaining -= take;
                }
            }
            return remaining == 0 ? split : List.of();
        };
    }
}
