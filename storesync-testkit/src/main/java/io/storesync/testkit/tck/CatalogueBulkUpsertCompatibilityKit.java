package io.storesync.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.api.PageRequest;
import io.storesync.api.catalogue.Catalogue;
import io.storesync.api.catalogue.Product;
import io.storesync.api.catalogue.ProductQuery;
import io.storesync.api.catalogue.ProductUpsert;
import io.storesync.api.catalogue.RowFailure;
import io.storesync.api.catalogue.UpsertResult;
import io.storesync.api.catalogue.Variant;
import io.storesync.api.catalogue.VariantUpsert;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bulk catalogue upsert: thousands of rows in batches, inserted, updated and left alone as their content says, with
 * rows the database refuses isolated from the rest of their batch.
 *
 * <p>An implementation runs this kit by extending it and implementing {@link
 * StoreSyncCompatibilityKit#storeSyncBuilder}; each test class gets a database of its own.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
public abstract class CatalogueBulkUpsertCompatibilityKit extends StoreSyncCompatibilityKit {
    private static final int ROWS = 3000;
    private Catalogue catalogue;

    @BeforeEach
    void openOrganization(TestDatabase db) {
        catalogue = CatalogueFixture.organization(storeSync(db)).catalogue();
    }

    private static ProductUpsert row(int i, String name) {
        List<VariantUpsert> variants = List.of(
                new VariantUpsert("S", "Small", Map.of("size", "S"), new BigDecimal(i % 100 + ".25"), null, List.of()),
                new VariantUpsert("L", "Large", Map.of("size", "L"), null, new BigDecimal("1.5"), List.of("https://img.test/" + i)));
        return new ProductUpsert("SKU-" + i, name, "Description of item " + i, i % 2 == 0 ? "coffee" : "tea", "Gayo",
                new BigDecimal(i + ".10"), new BigDecimal("0.5"), null, List.of("https://img.test/p" + i), Map.of("n", i),
                variants);
    }

    @Test
    void savesTheGoodRowsReportsTheBadOnesAndUpdatesOnTheSecondRun() {
        List<ProductUpsert> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) rows.add(row(i, "Item " + i));
        rows.set(10, row(10, "x".repeat(501)));                                        // name too long
        rows.set(20, ProductUpsert.of(null, "No SKU", List.of()));                         // SKU missing
        rows.set(30, ProductUpsert.of("SKU-5", "Repeats row 5", List.of()));                // SKU repeated in the file
        rows.set(40, ProductUpsert.of("SKU-40", "Bad variant", List.of(VariantUpsert.of("A"),
                new VariantUpsert("B", null, null, new BigDecimal("-3"), null, null))));   // negative variant cost
        rows.set(50, ProductUpsert.of("SKU-50", "Twice the same variant", List.of(VariantUpsert.of("A"), VariantUpsert.of("A"))));

        UpsertResult first = catalogue.upsert(rows);

        assertThat(first.failures()).extracting(RowFailure::index).containsExactly(10, 20, 30, 40, 50);
        assertThat(first.failures().get(0).reason()).contains("name").contains("500");
        assertThat(first.failures().get(1).reason()).contains("sku").contains("required");
        assertThat(first.failures().get(2)).satisfies(f -> {
            assertThat(f.sku()).isEqualTo("SKU-5");
            assertThat(f.reason()).contains("row 5");
        });
        assertThat(first.failures().get(3).reason()).contains("variant 1 'B'").contains("costPrice");
        assertThat(first.failures().get(4).reason()).contains("'A'").contains("twice");
        assertThat(first.productsInserted()).isEqualTo(ROWS - 5);
        assertThat(first.productsUpdated()).isZero();
        assertThat(first.variantsInserted()).isEqualTo(2 * (ROWS - 5));
        assertThat(catalogue.listProducts(ProductQuery.all(), PageRequest.first(1).withTotal()).total().getAsLong()).isEqualTo(ROWS - 5);
        assertThat(catalogue.findProductBySku("SKU-40")).isEmpty();

        Product p7 = catalogue.findProductBySku("SKU-7").orElseThrow();
        assertThat(p7.costPrice()).isEqualTo(new BigDecimal("7.10"));
        assertThat(p7.attributes()).containsEntry("n", 7);
        assertThat(catalogue.variantsOf(p7.id())).extracting(Variant::sku, Variant::costPrice)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("L", null),
                        org.assertj.core.groups.Tuple.tuple("S", new BigDecimal("7.25")));

        rows.set(7, row(7, "Item 7, renamed"));
        UpsertResult second = catalogue.upsert(rows);

        assertThat(second.productsInserted()).isZero();
        assertThat(second.productsUpdated()).isEqualTo(ROWS - 5);
        assertThat(second.variantsInserted()).isZero();
        assertThat(second.variantsUpdated()).isEqualTo(2 * (ROWS - 5));
        assertThat(second.failures()).extracting(RowFailure::index).containsExactly(10, 20, 30, 40, 50);
        assertThat(catalogue.listProducts(ProductQuery.all(), PageRequest.first(1).withTotal()).total().getAsLong()).isEqualTo(ROWS - 5);
        Product renamed = catalogue.findProductBySku("SKU-7").orElseThrow();
        assertThat(renamed.id()).isEqualTo(p7.id());
        assertThat(renamed.name()).isEqualTo("Item 7, renamed");
    }

    @Test
    void keepsVariantsAndTheActiveFlagThatTheFileDoesNotMention() {
        catalogue.upsert(List.of(row(1, "Item 1")));
        Product stored = catalogue.findProductBySku("SKU-1").orElseThrow();
        catalogue.deactivateProduct(stored.id());
        catalogue.upsert(List.of(ProductUpsert.of("SKU-1", "Item 1", List.of(VariantUpsert.of("XL")))));

        assertThat(catalogue.findProduct(stored.id()).orElseThrow().active()).isFalse();
        assertThat(catalogue.variantsOf(stored.id())).extracting(Variant::sku).containsExactly("L", "S", "XL");
    }

    @Test
    void rowsTheDatabaseRefusesAreIsolatedAndTheRestOfTheirBatchIsSaved(TestDatabase db) throws SQLException {
        // a rule only the database knows, standing for any refusal Java validation cannot foresee
        try (Connection c = db.ownerDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + db.schema() + ".product_variants ADD CONSTRAINT test_no_forbidden_variant"
                    + " CHECK (variant_sku <> 'FORBIDDEN')");
        }
        List<ProductUpsert> rows = new ArrayList<>();
        for (int i = 0; i < 1500; i++) rows.add(row(i, "Item " + i));
        Set<Integer> refused = Set.of(3, 999, 1001);
        for (int i : refused) {
            rows.set(i, ProductUpsert.of("SKU-" + i, "Refused", List.of(VariantUpsert.of("OK"), VariantUpsert.of("FORBIDDEN"))));
        }

        UpsertResult result = catalogue.upsert(rows);

        assertThat(result.failures()).extracting(RowFailure::index).containsExactly(3, 999, 1001);
        assertThat(result.failures()).allSatisfy(f -> assertThat(f.reason()).contains("test_no_forbidden_variant"));
        assertThat(result.failures().get(1).sku()).isEqualTo("SKU-999");
        assertThat(result.productsInserted()).isEqualTo(1497);
        assertThat(result.variantsInserted()).isEqualTo(2 * 1497);
        assertThat(catalogue.listProducts(ProductQuery.all(), PageRequest.first(1).withTotal()).total().getAsLong()).isEqualTo(1497);
        // a refused row leaves nothing behind, not even its product or its acceptable variant
        assertThat(catalogue.findProductBySku("SKU-999")).isEmpty();
        assertThat(catalogue.findVariantsBySku("OK")).isEmpty();
        assertThat(catalogue.findProductBySku("SKU-998")).isPresent();
        assertThat(catalogue.findProductBySku("SKU-1000")).isPresent();
    }
}
