package io.storesync.api.inventory;

import java.util.List;

/**
 * What a stock operation did: where the units went, the stock levels just after, and whether this was a replay of an
 * earlier call with the same idempotency key (in which case nothing changed now and the first result is returned).
 */
public record StockResult(List<Allocation> allocations, List<StockLevel> levels, boolean replayed) {
    public StockResult {
        allocations = List.copyOf(allocations);
        levels = List.copyOf(levels);
    }

    /** Units the operation moved in all. */
    public int quantity() {
        return allocations.stream().mapToInt(Allocation::quantity).sum();
    }

    /** The same result, marked as a replay. */
    public StockResult asReplay() {
        return new StockResult(allocations, levels, true);
    }
}
