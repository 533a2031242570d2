package io.storesync.spi.persistence;

import io.storesync.api.catalogue.NewVariant;
import io.storesync.api.catalogue.ProductId;
import io.storesync.api.catalogue.Variant;
import io.storesync.api.catalogue.VariantId;
import java.util.List;
import java.util.Optional;

/**
 * Storage of the tenant's {@code product_variants}. Same contract as {@link ProductRepository}: the transaction's
 * thread only, may block, only the transaction's organization, failures are StoreSync exceptions.
 */
public interface VariantRepository {

    /**
     * Inserts an active variant of a product.
     *
     * @throws io.storesync.api.NotFoundException when the product is not in this organization
     * @throws io.storesync.api.ConflictException naming the SKU when the product already has a variant with it
     */
    Variant insert(ProductId product, NewVariant details);

    /**
     * Replaces a variant's fields.
     *
     * @return the updated variant, or empty when it is not in this organization
     * @throws io.storesync.api.ConflictException naming the SKU when another variant of the product has it
     */
    Optional<Variant> update(VariantId id, NewVariant details);

    /** @return the variant with its active flag set, or empty when it is not in this organization */
    Optional<Variant> setActive(VariantId id, boolean active);

    /** @return the variant, or empty when it is not in this organization */
    Optional<Variant> find(VariantId id);

    /** A product's variants ordered by SKU; empty when the product is not in this organization. */
    List<Variant> listByProduct(ProductId product);

    /** Every variant with this SKU, whatever its product, ordered by product SKU. */
    List<Variant> findBySku(String variantSku);
}
