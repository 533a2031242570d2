package io.storesync.api.catalogue;

import io.storesync.internal.api.Check;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A row a bulk upsert did not save, and why; none of its product's fields or variants were changed.
 *
 * @param index zero-based position of the row in the list given to the upsert
 * @param sku the row's product SKU as given, if it had one
 * @param reason what is wrong, in words a seller can act on (the field, the limit, the duplicate)
 */
public record RowFailure(int index, @Nullable String sku, String reason) {
    public RowFailure {
        Check.nonNegative(index, "index");
        Objects.requireNonNull(reason, "reason");
    }
}
