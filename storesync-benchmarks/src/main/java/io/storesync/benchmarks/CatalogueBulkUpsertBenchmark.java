package io.storesync.benchmarks;

import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.ProductUpsert;
import io.storesync.api.catalogue.UpsertResult;
import io.storesync.api.catalogue.VariantUpsert;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.UserId;
import io.storesync.testkit.TestDatabase;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bulk upsert of 100,000 variants (20,000 products of 5 variants) through {@code Catalogue.upsert}, against a plain
 * JDBC batch insert of the same rows into the same tables, on one embedded PostgreSQL in one run.
 *
 * <p>Each measured run writes into an organization of its own, so neither side meets the other's rows; the two sides
 * alternate so that a table growing through the run does not favour either. A smaller warm-up of both comes first so
 * the JIT has compiled the hot paths before anything is timed. The embedded server is the testkit's: fsync,
 * synchronous_commit and full_page_writes are off, so the figures are CPU and round trips, not disk.
 */
public final class CatalogueBulkUpsertBenchmark {
    private static final int PRODUCTS = 20_000;
    private static final int VARIANTS_PER_PRODUCT = 5;
    private static final int ROUNDS = 3;
    private static final int JDBC_BATCH = 1000;
    private static final PrintStream OUT = System.out;

    private CatalogueBulkUpsertBenchmark() {}

    public static void main(String[] args) throws SQLException {
        try (TestDatabase db = TestDatabase.create()) {
            StoreSync storeSync = db.storeSync();
            OUT.printf("server: %s (fsync=off, synchronous_commit=off, full_page_writes=off)%n", db.serverKind());
            OUT.printf("rows: %,d products x %d variants = %,d variants per run%n", PRODUCTS, VARIANTS_PER_PRODUCT,
                    PRODUCTS * VARIANTS_PER_PRODUCT);

            List<ProductUpsert> warmup = rows(2_000);
            sdk(organization(storeSync), warmup);
            jdbc(db, organization(storeSync), warmup);

            // A catalogue PostgreSQL has never analysed plans the first big import badly (about twenty times slower,
            // see docs/BENCHMARKS.md); autovacuum analyses it once that import commits. Steady state is measured by
            // default; -Dbench.analyze=false measures the cold case.
            if (Boolean.parseBoolean(System.getProperty("bench.analyze", "true"))) {
                try (Connection c = db.ownerDataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
                    st.execute("ANALYZE " + db.schema() + ".products, " + db.schema() + ".product_variants");
                }
                OUT.println("analyzed after warm-up");
            }
            List<ProductUpsert> rows = rows(PRODUCTS);
            double[] sdk = new double[ROUNDS];
            double[] jdbc = new double[ROUNDS];
            Tenant lastSdk = null;
            for (int round = 0; round < ROUNDS; round++) {
                if (round % 2 == 0) {
                    lastSdk = organization(storeSync);
                    sdk[round] = sdk(lastSdk, rows);
                    jdbc[round] = jdbc(db, organization(storeSync), rows);
                } else {
                    jdbc[round] = jdbc(db, organization(storeSync), rows);
                    lastSdk = organization(storeSync);
                    sdk[round] = sdk(lastSdk, rows);
                }
                OUT.printf("round %d: sdk %,.0f variants/s, jdbc %,.0f variants/s, ratio %.2f%n",
                        round + 1, sdk[round], jdbc[round], sdk[round] / jdbc[round]);
            }
            double sdkMedian = median(sdk);
            double jdbcMedian = median(jdbc);
            OUT.printf("median: sdk %,.0f variants/s, jdbc %,.0f variants/s, ratio %.2f (goal >= 0.50)%n",
                    sdkMedian, jdbcMedian, sdkMedian / jdbcMedian);
            double again = sdk(lastSdk, rows);
            OUT.printf("sdk re-upsert of the same rows (every row an update): %,.0f variants/s%n", again);
        }
    }

    private static Tenant organization(StoreSync storeSync) {
        UserId owner = UserId.random();
        String tag = owner.value().toString().substring(0, 8);
        Organization org = storeSync.createOrganization(
                NewOrganization.of("Bench " + tag, "bench-" + tag, owner, tag + "@bench.test", null));
        return storeSync.tenant(org.id(), Actor.user(owner));
    }

    /** Rows as a CSV import would give them: every column a product or variant has in a typical export. */
    private static List<ProductUpsert> rows(int products) {
        List<ProductUpsert> rows = new ArrayList<>(products);
        for (int p = 0; p < products; p++) {
            List<VariantUpsert> variants = new ArrayList<>(VARIANTS_PER_PRODUCT);
            for (int v = 0; v < VARIANTS_PER_PRODUCT; v++) {
                variants.add(new VariantUpsert("V" + v, "Size " + v, Map.of("size", "S" + v),
                        BigDecimal.valueOf(1000 + v, 2), BigDecimal.valueOf(25 + v, 2), List.of()));
            }
            rows.add(new ProductUpsert("SKU-" + p, "Product " + p, "Description of product " + p,
                    "category-" + (p % 20), "brand-" + (p % 7), BigDecimal.valueOf(1000 + p, 2), new BigDecimal("0.50"),
                    null, List.of("https://img.example/" + p + ".jpg"), Map.of("origin", "ID"), variants));
        }
        return rows;
    }

    private static double sdk(Tenant tenant, List<ProductUpsert> rows) {
        long start = System.nanoTime();
        UpsertResult result = tenant.catalogue().upsert(rows);
        long nanos = System.nanoTime() - start;
        int variants = result.variantsInserted() + result.variantsUpdated();
        if (!result.failures().isEmpty() || variants != rows.size() * VARIANTS_PER_PRODUCT) {
            throw new IllegalStateException("the SDK did not save every row: " + result);
        }
        return variants / (nanos / 1e9);
    }

    /**
     * The baseline: what a developer would write by hand with JDBC, a PreparedStatement batch per table, ids made in
     * Java so the variants can point at their products without reading them back, one transaction, default driver
     * settings. JSON goes through the same serialisation as real code would need (here, prebuilt strings).
     */
    private static double jdbc(TestDatabase db, Tenant tenant, List<ProductUpsert> rows) throws SQLException {
        long start = System.nanoTime();
        int variants = 0;
        try (Connection c = db.appDataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement tenantSql = c.prepareStatement(
                    "SELECT set_config('search_path', ?, true), set_config('storesync.organization_id', ?, true)")) {
                tenantSql.setString(1, db.schema());
                tenantSql.setString(2, tenant.organizationId().value().toString());
                tenantSql.executeQuery().close();
            }
            UUID org = tenant.organizationId().value();
            List<UUID> productIds = new ArrayList<>(rows.size());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO products (id, organization_id, sku, name,"
                    + " description, category, brand, cost_price, weight, images, attributes)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)")) {
                int pending = 0;
                for (ProductUpsert r : rows) {
                    UUID id = UUID.randomUUID();
                    productIds.add(id);
                    ps.setObject(1, id);
                    ps.setObject(2, org);
                    ps.setString(3, r.sku());
                    ps.setString(4, r.name());
                    ps.setString(5, r.description());
                    ps.setString(6, r.category());
                    ps.setString(7, r.brand());
                    ps.setBigDecimal(8, r.costPrice());
                    ps.setBigDecimal(9, r.weight());
                    ps.setString(10, "[\"" + r.images().get(0) + "\"]");
                    ps.setString(11, "{\"origin\":\"ID\"}");
                    ps.addBatch();
                    if (++pending == JDBC_BATCH) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO product_variants (organization_id, product_id,"
                    + " variant_sku, name, attributes, cost_price, weight, images)"
                    + " VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, '[]'::jsonb)")) {
                int pending = 0;
                for (int i = 0; i < rows.size(); i++) {
                    for (VariantUpsert v : rows.get(i).variants()) {
                        ps.setObject(1, org);
                        ps.setObject(2, productIds.get(i));
                        ps.setString(3, v.sku());
                        ps.setString(4, v.name());
                        ps.setString(5, "{\"size\":\"" + v.attributes().get("size") + "\"}");
                        ps.setBigDecimal(6, v.costPrice());
                        if (v.weight() == null) ps.setNull(7, Types.NUMERIC);
                        else ps.setBigDecimal(7, v.weight());
                        ps.addBatch();
                        variants++;
                        if (++pending == JDBC_BATCH) {
                            ps.executeBatch();
                            pending = 0;
                        }
                    }
                }
                if (pending > 0) ps.executeBatch();
            }
            c.commit();
        }
        return variants / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
