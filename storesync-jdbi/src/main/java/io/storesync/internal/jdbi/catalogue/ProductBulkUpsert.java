package io.storesync.internal.jdbi.catalogue;

import io.storesync.api.catalogue.NewProduct;
import io.storesync.api.catalogue.NewVariant;
import io.storesync.api.catalogue.RowFailure;
import io.storesync.api.catalogue.UpsertResult;
import io.storesync.api.organization.OrganizationId;
import io.storesync.internal.jdbi.SqlErrors;
import io.storesync.spi.persistence.ProductUpsertRow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bulk upsert of products with their variants: batches of rows as arrays through {@code unnest}, two statements
 * a batch under a savepoint, and row by row only for a batch the database refused.
 */
final class ProductBulkUpsert {
    private static final Logger LOG = LoggerFactory.getLogger(ProductBulkUpsert.class);

    /**
     * Rows per statement in a bulk upsert. Each batch is two statements (products, then their variants) whose rows
     * travel as arrays through {@code unnest}, so a batch costs two round trips whatever its size; a thousand rows
     * keeps the arrays a few hundred kilobytes and the work lost to a refused row small.
     */
    static final int BATCH_SIZE = 1000;

    private final Handle handle;
    private final OrganizationId organizationId;

    ProductBulkUpsert(Handle handle, OrganizationId organizationId) {
        this.handle = handle;
        this.organizationId = organizationId;
    }

    /*
     * Savepoints are plain SQL rather than Handle.savepoint: JDBI forgets a savepoint once rolled back to, so it
     * could not be released, and every unreleased savepoint is a subtransaction the rest of the call would carry.
     */
    UpsertResult upsert(List<ProductUpsertRow> unordered) {
        // one global order (by SKU) for the product rows' locks: two callers upserting the same rows in different
        // orders would otherwise each hold some and wait for the other's
        List<ProductUpsertRow> rows = unordered.stream()
                .sorted(java.util.Comparator.comparing((ProductUpsertRow r) -> r.product().sku())).toList();
        Counts total = new Counts();
        List<RowFailure> failures = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += BATCH_SIZE) {
            List<ProductUpsertRow> batch = rows.subList(from, Math.min(rows.size(), from + BATCH_SIZE));
            handle.execute("SAVEPOINT upsert_batch");
            try {
                Counts counts = write(batch);
                handle.execute("RELEASE SAVEPOINT upsert_batch");
                total.add(counts);
            } catch (RuntimeException batchFailure) {
                if (SqlErrors.isTransient(batchFailure)) throw batchFailure;
                LOG.debug("a batch of {} rows was refused ({}); saving its rows one by one",
                        batch.size(), SqlErrors.sqlState(batchFailure));
                handle.execute("ROLLBACK TO SAVEPOINT upsert_batch");
                handle.execute("RELEASE SAVEPOINT upsert_batch");
                writeOneByOne(batch, total, failures);
            }
        }
        failures.sort(java.util.Comparator.comparingInt(RowFailure::index));
        return new UpsertResult(total.productsInserted, total.productsUpdated, total.variantsInserted,
                total.variantsUpdated, failures);
    }

    /**
     * The slow path, taken only when the database refused something in a batch: each row gets a savepoint of its own,
     * so a refused row is rolled back alone and the batch's good rows are still saved.
     */
    private void writeOneByOne(List<ProductUpsertRow> batch, Counts total, List<RowFailure> failures) {
        for (ProductUpsertRow row : batch) {
            handle.execute("SAVEPOINT upsert_row");
            try {
                Counts counts = write(List.of(row));
                handle.execute("RELEASE SAVEPOINT upsert_row");
                total.add(counts);
            } catch (RuntimeException rowFailure) {
                if (SqlErrors.isTransient(rowFailure)) throw rowFailure;
                handle.execute("ROLLBACK TO SAVEPOINT upsert_row");
                handle.execute("RELEASE SAVEPOINT upsert_row");
                failures.add(new RowFailure(row.index(), row.product().sku(),
                        SqlErrors.translate(rowFailure).getMessage()));
            }
        }
    }

    private Counts write(List<ProductUpsertRow> batch) {
        int n = batch.size();
        List<String> skus = new ArrayList<>(n);
        List<String> names = new ArrayList<>(n);
        List<@Nullable String> descriptions = new ArrayList<>(n);
        List<@Nullable String> categories = new ArrayList<>(n);
        List<@Nullable String> brands = new ArrayList<>(n);
        List<@Nullable String> costs = new ArrayList<>(n);
        List<@Nullable String> weights = new ArrayList<>(n);
        List<@Nullable String> dimensions = new ArrayList<>(n);
        List<@Nullable String> images = new ArrayList<>(n);
        List<@Nullable String> attributes = new ArrayList<>(n);
        for (ProductUpsertRow row : batch) {
            NewProduct p = row.product();
            skus.add(p.sku());
            names.add(p.name());
            descriptions.add(p.description());
            categories.add(p.category());
            brands.add(p.brand());
            costs.add(plain(p.costPrice()));
            weights.add(plain(p.weight()));
            dimensions.add(CatalogueJson.write(p.dimensions()));
            images.add(CatalogueJson.write(p.images()));
            attributes.add(CatalogueJson.write(p.attributes()));
        }
        Counts counts = new Counts();
        Map<String, UUID> productIds = new HashMap<>(n * 2);
        // numbers and JSON travel as text arrays and are cast in SQL: one array type for every column keeps the
        // binding simple, and the casts are where PostgreSQL would convert anyway
        handle.createQuery("INSERT INTO products AS p (organization_id, sku, name, description, category, brand,"
                        + " cost_price, weight, dimensions, images, attributes)"
                        + " SELECT :org, t.sku, t.name, t.description, t.category, t.brand, t.cost::numeric,"
                        + " t.weight::numeric, t.dimensions::jsonb, t.images::jsonb, t.attributes::jsonb"
                        + " FROM unnest(:skus, :names, :descriptions, :categories, :brands, :costs, :weights,"
                        + " :dimensions, :images, :attributes)"
                        + " AS t(sku, name, description, category, brand, cost, weight, dimensions, images, attributes)"
                        + " ON CONFLICT (organization_id, sku) DO UPDATE SET name = EXCLUDED.name,"
                        + " description = EXCLUDED.description, category = EXCLUDED.category, brand = EXCLUDED.brand,"
                        + " cost_price = EXCLUDED.cost_price, weight = EXCLUDED.weight,"
                        + " dimensions = EXCLUDED.dimensions, images = EXCLUDED.images, attributes = EXCLUDED.attributes"
                        // xmax is 0 only on a freshly inserted row version: how an upsert tells insert from update
                        + " RETURNING p.id, p.sku, (p.xmax = 0) AS inserted")
                .bind("org", organizationId.value())
                .bindArray("skus", String.class, skus).bindArray("names", String.class, names)
                .bindArray("descriptions", String.class, descriptions)
                .bindArray("categories", String.class, categories).bindArray("brands", String.class, brands)
                .bindArray("costs", String.class, costs).bindArray("weights", String.class, weights)
                .bindArray("dimensions", String.class, dimensions).bindArray("images", String.class, images)
                .bindArray("attributes", String.class, attributes)
                .map((rs, ctx) -> {
                    productIds.put(rs.getString("sku"), rs.getObject("id", UUID.class));
                    if (rs.getBoolean("inserted")) counts.productsInserted++;
                    else counts.productsUpdated++;
                    return null;
                })
                .list();
        writeVariants(batch, productIds, counts);
        return counts;
    }

    private void writeVariants(List<ProductUpsertRow> batch, Map<String, UUID> productIds, Counts counts) {
        List<String> products = new ArrayList<>();
        List<String> skus = new ArrayList<>();
        List<@Nullable String> names = new ArrayList<>();
        List<@Nullable String> attributes = new ArrayList<>();
        List<@Nullable String> costs = new ArrayList<>();
        List<@Nullable String> weights = new ArrayList<>();
        List<@Nullable String> images = new ArrayList<>();
        for (ProductUpsertRow row : batch) {
            String productId = productIds.get(row.product().sku()).toString();
            for (NewVariant v : row.variants()) {
                products.add(productId);
                skus.add(v.sku());
                names.add(v.name());
                attributes.add(CatalogueJson.write(v.attributes()));
                costs.add(plain(v.costPrice()));
                weights.add(plain(v.weight()));
                images.add(CatalogueJson.write(v.images()));
            }
        }
        if (skus.isEmpty()) return;
        handle.createQuery("INSERT INTO product_variants AS v (organization_id, product_id, variant_sku, name,"
                        + " attributes, cost_price, weight, images)"
                        + " SELECT :org, t.product::uuid, t.sku, t.name, t.attributes::jsonb, t.cost::numeric,"
                        + " t.weight::numeric, t.images::jsonb"
                        + " FROM unnest(:products, :skus, :names, :attributes, :costs, :weights, :images)"
                        + " AS t(product, sku, name, attributes, cost, weight, images)"
                        + " ON CONFLICT (product_id, variant_sku) DO UPDATE SET name = EXCLUDED.name,"
                        + " attributes = EXCLUDED.attributes, cost_price = EXCLUDED.cost_price,"
                        + " weight = EXCLUDED.weight, images = EXCLUDED.images"
                        + " RETURNING (v.xmax = 0) AS inserted")
                .bind("org", organizationId.value())
                .bindArray("products", String.class, products).bindArray("skus", String.class, skus)
                .bindArray("names", String.class, names).bindArray("attributes", String.class, attributes)
                .bindArray("costs", String.class, costs).bindArray("weights", String.class, weights)
                .bindArray("images", String.class, images)
                .map((rs, ctx) -> {
                    if (rs.getBoolean("inserted")) counts.variantsInserted++;
                    else counts.variantsUpdated++;
                    return null;
                })
                .list();
    }

    private static @Nullable String plain(@Nullable BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    /** What one batch did; added to the total only once the batch is known to be saved. */
    private static final class Counts {
        int productsInserted;
        int productsUpdated;
        int variantsInserted;
        int variantsUpdated;

        void add(Counts other) {
            productsInserted += other.productsInserted;
            productsUpdated += other.productsUpdated;
            variantsInserted += other.variantsInserted;
            variantsUpdated += other.variantsUpdated;
        }
    }
}
