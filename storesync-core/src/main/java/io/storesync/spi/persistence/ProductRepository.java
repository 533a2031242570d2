package io.storesync.spi.persistence;

import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.catalogue.NewProduct;
import io.storesync.api.catalogue.Product;
import io.storesync.api.catalogue.ProductId;
import io.storesync.api.catalogue.ProductQuery;
import io.storesync.api.catalogue.UpsertResult;
import java.util.List;
import java.util.Optional;

/**
 * Storage of the tenant's {@code products}. Methods run in the transaction of the {@link TenantTransaction} that
 * returned the repository, may block on the database, and must not be called from several threads at once. Every
 * method sees and changes only the transaction's organization. Failures are {@link io.storesync.api.StoreSyncException}s.
 */
public interface ProductRepository {

    /**
     * Inserts an active product.
     *
     * @throws io.storesync.api.ConflictException naming the SKU when the organization already has it
     */
    Product insert(NewProduct details);

    /**
     * Replaces a product's fields.
     *
     * @return the updated product, or empty when it is not in this organization
     * @throws io.storesync.api.ConflictException naming the SKU when another product has it
     */
    Optional<Product> update(ProductId id, NewProduct details);

    /** @return the product with its active flag set, or empty when it is not in this organization */
    Optional<Product> setActive(ProductId id, boolean active);

    /** @return the product, or empty when it is not in this organization */
    Optional<Product> find(ProductId id);

    /** @return the product with this SKU, or empty */
    Optional<Product> findBySku(String sku);

    /** One page of matching products and the total number of matches, ordered as {@link ProductQuery} says. */
    Page<Product> list(ProductQuery filter, PageRequest page);

    /**
     * Inserts or overwrites products and their variants, matched by product SKU and by (product, variant SKU). The
     * rows are valid and their SKUs distinct (the engine checks both first). A row the database refuses is rolled
     * back alone (product and variants) and reported with its index; the others are saved. Existing rows keep their
     * active flag.
     *
     * @return counts of what was inserted and updated, and the rows the database refused
     */
    UpsertResult upsert(List<ProductUpsertRow> rows);
}
