package io.storesync.spi.persistence;

import io.storesync.api.catalogue.NewProduct;
import io.storesync.api.catalogue.NewVariant;
import java.util.List;
import java.util.Objects;

/**
 * One validated row of a bulk upsert: a product and its variants, with the row's index in the caller's list so that
 * a refusal can be reported against it.
 */
public record ProductUpsertRow(int index, NewProduct product, List<NewVariant> variants) {
    public ProductUpsertRow {
        Objects.requireNonNull(product, "product");
        variants = List.copyOf(variants);
    }
}
