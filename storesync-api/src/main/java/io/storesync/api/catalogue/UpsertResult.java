package io.storesync.api.catalogue;

import io.storesync.internal.api.Check;
import java.util.Comparator;
import java.util.List;

/**
 * What a bulk {@link Catalogue#upsert(List) upsert} did. Every row not listed in {@link #failures()} was saved.
 *
 * @param productsInserted products that did not exist before
 * @param productsUpdated products that existed (same SKU) and were overwritten
 * @param variantsInserted variants that did not exist on their product before
 * @param variantsUpdated variants that existed (same product, same variant SKU) and were overwritten
 * @param failures rows not saved, ordered by index
 */
public record UpsertResult(int productsInserted, int productsUpdated, int variantsInserted, int variantsUpdated,
        List<RowFailure> failures) {
    public UpsertResult {
        Check.nonNegative(productsInserted, "productsInserted");
        Check.nonNegative(productsUpdated, "productsUpdated");
        Check.nonNegative(variantsInserted, "variantsInserted");
        Check.nonNegative(variantsUpdated, "variantsUpdated");
        failures = failures.stream().sorted(Comparator.comparingInt(RowFailure::index)).toList();
    }

    /** Rows saved. */
    public int productsSaved() {
        return productsInserted + productsUpdated;
    }
}
