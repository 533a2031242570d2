package io.storesync.api.catalogue;

import io.storesync.api.AccessDeniedException;
import io.storesync.api.ConflictException;
import io.storesync.api.NotFoundException;
import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.Tenant;
import java.util.List;
import java.util.Optional;

/**
 * The organization's master catalogue: products and their variants. Obtained from {@link Tenant#catalogue()}.
 *
 * <p>Everyone may read; members, admins and owners may change it (a viewer gets an {@link AccessDeniedException}).
 * Every call is one transaction: when it throws, nothing was changed. Safe to use from many threads.
 * Cost prices are amounts without a currency, because the catalogue's schema stores none (see {@link NewProduct}).
 */
public interface Catalogue {

    /**
     * Creates a product.
     *
     * @throws ConflictException naming the SKU when the organization already has a product with it
     */
    Product createProduct(NewProduct details);

    /**
     * Replaces every field of a product (its SKU too); its variants are untouched.
     *
     * @throws NotFoundException when the product is not in this organization
     * @throws ConflictException naming the SKU when another product has it
     */
    Product updateProduct(ProductId id, NewProduct details);

    /**
     * Deactivates a product; it and its variants are kept, with their stock and history. Variants keep their own
     * active flag.
     *
     * @throws NotFoundException when the product is not in this organization
     */
    Product deactivateProduct(ProductId id);

    /**
     * Reactivates a deactivated product.
     *
     * @throws NotFoundException when the product is not in this organization
     */
    Product reactivateProduct(ProductId id);

    /** A product, if it is in this organization. */
    Optional<Product> findProduct(ProductId id);

    /** The product with this SKU, if any (SKUs are unique in an organization). */
    Optional<Product> findProductBySku(String sku);

    /** One page of the products matching {@code filter}, with the total number of matches. */
    Page<Product> listProducts(ProductQuery filter, PageRequest page);

    /**
     * Adds a variant to a product.
     *
     * @throws NotFoundException when the product is not in this organization
     * @throws ConflictException naming the SKU when the product already has a variant with it
     */
    Variant addVariant(ProductId product, NewVariant details);

    /**
     * Replaces every field of a variant (its SKU too).
     *
     * @throws NotFoundException when the variant is not in this organization
     * @throws ConflictException naming the SKU when another variant of the same product has it
     */
    Variant updateVariant(VariantId id, NewVariant details);

    /**
     * Deactivates a variant; it is kept with its stock, listings and history.
     *
     * @throws NotFoundException when the variant is not in this organization
     */
    Variant deactivateVariant(VariantId id);

    /**
     * Reactivates a deactivated variant.
     *
     * @throws NotFoundException when the variant is not in this organization
     */
    Variant reactivateVariant(VariantId id);

    /** A variant, if it is in this organization. */
    Optional<Variant> findVariant(VariantId id);

    /** A product's variants, active or not, ordered by SKU; empty when the product is not in this organization. */
    List<Variant> variantsOf(ProductId product);

    /**
     * Every variant with this SKU, across the organization's products, ordered by product SKU. Variant SKUs are unique
     * only within a product, so several products may have one (two shirts may each have a variant "M"); a
     * seller who keeps variant SKUs unique gets at most one.
     */
    List<Variant> findVariantsBySku(String variantSku);

    /**
     * Creates or overwrites many products with their variants in one call, for imports of thousands of rows.
     *
     * <p>A product is matched by SKU and a variant by its product and variant SKU; matched ones are overwritten
     * field by field, others are created. Variants already stored but absent from a row are left alone, and so is
     * the active flag of existing products and variants (new ones are active), so that re-importing a file does not
     * undo a deactivation.
     *
     * <p>A row is saved whole or not at all. Rows that are invalid, repeat an earlier row's SKU in the same call, or
     * that the database refuses are reported in {@link UpsertResult#failures()} with their index and the reason; every
     * other row is saved. Upserting the same rows again changes nothing but their {@code updatedAt}.
     *
     * <p>Rows are saved in transactions of at most 1,000 rows, in the order of the list, so a large file never holds
     * its locks for the whole call; if the call fails part way (the database goes away), the earlier chunks stay
     * saved and calling again with the same rows completes it.
     *
     * @param rows the rows, in file order; their indexes are the positions in this list
     */
    UpsertResult upsert(List<ProductUpsert> rows);
}
