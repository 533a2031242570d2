package io.storesync.spi.persistence;

import io.storesync.api.ProductDetails;
import io.storesync.api.VariantDetails;
import java.util.List;
import java.util.Objects;

/**
 * One validated row of a bulk upsert: a product and its variants, with the row's index in the caller's list so that
 * a refusal can be reported against it.
 */
public record ProductUpsert(int index, ProductDetails product, List<VariantDetails> variants) {
    public ProductUpsert {
        Objects.requireNonNull(product, "product");
        variants = List.copyOf(variants);
    }
}
