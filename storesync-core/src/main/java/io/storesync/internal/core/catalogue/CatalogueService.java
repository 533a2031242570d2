package io.storesync.internal.core.catalogue;

import io.storesync.api.NotFoundException;
import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.ValidationException;
import io.storesync.api.catalogue.Catalogue;
import io.storesync.api.catalogue.NewProduct;
import io.storesync.api.catalogue.NewVariant;
import io.storesync.api.catalogue.Product;
import io.storesync.api.catalogue.ProductId;
import io.storesync.api.catalogue.ProductQuery;
import io.storesync.api.catalogue.ProductUpsert;
import io.storesync.api.catalogue.RowFailure;
import io.storesync.api.catalogue.UpsertResult;
import io.storesync.api.catalogue.Variant;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.catalogue.VariantUpsert;
import io.storesync.internal.api.Check;
import io.storesync.internal.core.TenantHandle;
import io.storesync.spi.persistence.ProductUpsertRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The catalogue with its role rules: everyone reads, writers change. */
public final class CatalogueService implements Catalogue {
    private final TenantHandle tenant;

    public CatalogueService(TenantHandle tenant) {
        this.tenant = tenant;
    }

    @Override
    public Product createProduct(NewProduct details) {
        Check.present(details, "details");
        return tenant.write("change the catalogue", tx -> tx.products().insert(details));
    }

    @Override
    public Product updateProduct(ProductId id, NewProduct details) {
        Check.present(id, "id");
        Check.present(details, "details");
        return tenant.write("change the catalogue", tx -> tx.products().update(id, details)
                .orElseThrow(() -> productNotFound(id)));
    }

    @Override
    public Product deactivateProduct(ProductId id) {
        return setActive(id, false);
    }

    @Override
    public Product reactivateProduct(ProductId id) {
        return setActive(id, true);
    }

    private Product setActive(ProductId id, boolean active) {
        Check.present(id, "id");
        return tenant.write("change the catalogue", tx -> tx.products().setActive(id, active)
                .orElseThrow(() -> productNotFound(id)));
    }

    @Override
    public Optional<Product> findProduct(ProductId id) {
        Check.present(id, "id");
        return tenant.read(tx -> tx.products().find(id));
    }

    @Override
    public Optional<Product> findProductBySku(String sku) {
        Check.storableText(Check.present(sku, "sku"), "sku", Integer.MAX_VALUE);
        return tenant.read(tx -> tx.products().findBySku(sku));
    }

    @Override
    public Page<Product> listProducts(ProductQuery filter, PageRequest page) {
        Check.present(filter, "filter");
        Check.present(page, "page");
        return tenant.report(tx -> tx.products().list(filter, page));
    }

    @Override
    public Variant addVariant(ProductId product, NewVariant details) {
        Check.present(product, "product");
        Check.present(details, "details");
        return tenant.write("change the catalogue", tx -> {
            // checked first for a message that names the product; the composite foreign key backs it up
            if (tx.products().find(product).isEmpty()) throw productNotFound(product);
            return tx.variants().insert(product, details);
        });
    }

    @Override
    public Variant updateVariant(VariantId id, NewVariant details) {
        Check.present(id, "id");
        Check.present(details, "details");
        return tenant.write("change the catalogue", tx -> tx.variants().update(id, details)
                .orElseThrow(() -> variantNotFound(id)));
    }

    @Override
    public Variant deactivateVariant(VariantId id) {
        return setVariantActive(id, false);
    }

    @Override
    public Variant reactivateVariant(VariantId id) {
        return setVariantActive(id, true);
    }

    private Variant setVariantActive(VariantId id, boolean active) {
        Check.present(id, "id");
        return tenant.write("change the catalogue", tx -> tx.variants().setActive(id, active)
                .orElseThrow(() -> variantNotFound(id)));
    }

    @Override
    public Optional<Variant> findVariant(VariantId id) {
        Check.present(id, "id");
        return tenant.read(tx -> tx.variants().find(id));
    }

    @Override
    public List<Variant> variantsOf(ProductId product) {
        Check.present(product, "product");
        return tenant.read(tx -> tx.variants().listByProduct(product));
    }

    @Override
    public List<Variant> findVariantsBySku(String variantSku) {
        Check.storableText(Check.present(variantSku, "variantSku"), "variantSku", Integer.MAX_VALUE);
        return tenant.read(tx -> tx.variants().findBySku(variantSku));
    }

    @Override
    public UpsertResult upsert(List<ProductUpsert> rows) {
        Check.present(rows, "rows");
        if (!tenant.role().canWrite()) throw tenant.denied("change the catalogue");
        List<RowFailure> failures = new ArrayList<>();
        List<ProductUpsertRow> valid = validate(rows, failures);
        if (valid.isEmpty()) return new UpsertResult(0, 0, 0, 0, failures);
        // bounded transactions: a file of a hundred thousand rows neither holds its locks nor its row versions for
        // the whole call; each chunk is saved (or refused row by row) on its own
        int[] counts = new int[4];
        for (int from = 0; from < valid.size(); from += UPSERT_CHUNK) {
            List<ProductUpsertRow> chunk = valid.subList(from, Math.min(valid.size(), from + UPSERT_CHUNK));
            UpsertResult saved = tenant.write("change the catalogue", tx -> tx.products().upsert(chunk));
            failures.addAll(saved.failures());
            counts[0] += saved.productsInserted();
            counts[1] += saved.productsUpdated();
            counts[2] += saved.variantsInserted();
            counts[3] += saved.variantsUpdated();
        }
        failures.sort(java.util.Comparator.comparingInt(RowFailure::index));
        return new UpsertResult(counts[0], counts[1], counts[2], counts[3], failures);
    }

    /** Rows of a bulk upsert saved per transaction. */
    static final int UPSERT_CHUNK = 1000;

    /**
     * Checks every row in Java before any SQL runs, so that a file's mistakes come back as one list of actionable
     * reasons and the database only sees rows it should accept. A repeated SKU is refused rather than merged: the
     * seller's file has two rows for one product, and guessing which one is right would hide that.
     */
    static List<ProductUpsertRow> validate(List<ProductUpsert> rows, List<RowFailure> failures) {
        List<ProductUpsertRow> valid = new ArrayList<>(rows.size());
        Map<String, Integer> firstRowOfSku = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            ProductUpsert row = rows.get(i);
            if (row == null) {
                failures.add(new RowFailure(i, null, "the row is empty"));
                continue;
            }
            try {
                NewProduct product = row.details();
                List<NewVariant> variants = variants(row.variants());
                Integer earlier = firstRowOfSku.putIfAbsent(product.sku(), i);
                if (earlier != null) {
                    throw new ValidationException("SKU '" + product.sku() + "' already appears in row " + earlier
                            + "; each product may appear once per upsert");
                }
                valid.add(new ProductUpsertRow(i, product, variants));
            } catch (ValidationException e) {
                failures.add(new RowFailure(i, row.sku(), e.getMessage()));
            }
        }
        return valid;
    }

    private static List<NewVariant> variants(List<VariantUpsert> rows) {
        List<NewVariant> variants = new ArrayList<>(rows.size());
        Set<String> skus = new HashSet<>();
        for (int j = 0; j < rows.size(); j++) {
            VariantUpsert row = rows.get(j);
            if (row == null) throw new ValidationException("variant " + j + " is empty");
            NewVariant details;
            try {
                details = row.details();
            } catch (ValidationException e) {
                String sku = row.sku() == null ? "" : " '" + row.sku() + "'";
                throw new ValidationException("variant " + j + sku + ": " + e.getMessage(), e);
            }
            if (!skus.add(details.sku())) {
                throw new ValidationException("variant SKU '" + details.sku() + "' appears twice in this product");
            }
            variants.add(details);
        }
        return variants;
    }

    static NotFoundException productNotFound(ProductId id) {
        return new NotFoundException("product " + id + " not found");
    }

    static NotFoundException variantNotFound(VariantId id) {
        return new NotFoundException("variant " + id + " not found");
    }

}
