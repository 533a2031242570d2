package io.storesync.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.StoreSync;
import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.catalogue.Catalogue;
import io.storesync.api.catalogue.Product;
import io.storesync.api.catalogue.ProductQuery;
import io.storesync.api.catalogue.ProductUpsert;
import io.storesync.api.catalogue.RowFailure;
import io.storesync.api.catalogue.UpsertResult;
import io.storesync.api.catalogue.Variant;
import io.storesync.api.catalogue.VariantUpsert;
import io.storesync.testkit.TestDatabase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Bulk upsert idempotence: upserting the same rows twice leaves the same catalogue as upserting them once, whatever
 * the rows (including invalid ones and repeated SKUs). jqwik does not run JUnit extensions, so the database is
 * opened here directly; each try gets an organization of its own.
 *
 * <p>An implementation runs this kit by extending it and implementing {@link
 * StoreSyncCompatibilityKit#storeSyncBuilder}; each property gets a database of its own.
 */
public abstract class CatalogueUpsertPropertiesCompatibilityKit extends StoreSyncCompatibilityKit {
    private TestDatabase db;
    private StoreSync storeSync;

    @BeforeProperty
    void open() {
        db = TestDatabase.create();
        storeSync = storeSync(db);
    }

    @AfterProperty
    void close() {
        db.close();
    }

    @Property(tries = 25)
    void upsertingTheSameRowsTwiceYieldsTheSameCatalogue(@ForAll("rows") List<ProductUpsert> rows) {
        Catalogue catalogue = CatalogueFixture.organization(storeSync).catalogue();

        UpsertResult first = catalogue.upsert(rows);
        List<String> once = snapshot(catalogue);
        UpsertResult second = catalogue.upsert(rows);
        List<String> twice = snapshot(catalogue);

        assertThat(twice).isEqualTo(once);
        assertThat(second.failures()).isEqualTo(first.failures());
        assertThat(second.productsInserted()).isZero();
        assertThat(second.variantsInserted()).isZero();
        assertThat(second.productsUpdated()).isEqualTo(first.productsSaved());
        assertThat(once).filteredOn(line -> line.startsWith("P ")).hasSize(first.productsSaved());
        assertThat(first.productsSaved() + first.failures().size()).isEqualTo(rows.size());
        assertThat(first.failures()).extracting(RowFailure::index).doesNotHaveDuplicates();
    }

    /** The whole catalogue as text, without ids and timestamps, which an upsert may legitimately touch. */
    private static List<String> snapshot(Catalogue catalogue) {
        List<String> lines = new ArrayList<>();
        Page<Product> products = catalogue.listProducts(ProductQuery.all(), PageRequest.first(100));
        while (true) {
            for (Product p : products.items()) {
                lines.add("P " + p.details() + " active=" + p.active());
                for (Variant v : catalogue.variantsOf(p.id())) lines.add("  V " + v.details() + " active=" + v.active());
            }
            if (!products.hasNext()) return lines;
            products = catalogue.listProducts(ProductQuery.all(), products.next().orElseThrow());
        }
    }

    @Provide
    Arbitrary<List<ProductUpsert>> rows() {
        // a small SKU alphabet so that repeats, within a file and across products, actually happen
        Arbitrary<String> sku = Arbitraries.strings().withChars("ABC-1").ofMinLength(0).ofMaxLength(3);
        Arbitrary<String> name = Arbitraries.strings().alpha().withChars(' ').ofMinLength(0).ofMaxLength(12);
        Arbitrary<BigDecimal> money = Arbitraries.bigDecimals().between(new BigDecimal("-1"), new BigDecimal("1000"))
                .ofScale(2).injectNull(0.3);
        Arbitrary<Map<String, Object>> attributes = Arbitraries.maps(
                Arbitraries.strings().alpha().ofLength(2), Arbitraries.integers().between(0, 9).map(i -> (Object) i))
                .ofMaxSize(2);
        Arbitrary<VariantUpsert> variant = Combinators.combine(sku, name.injectNull(0.3), money, attributes)
                .as((s, n, cost, attrs) -> new VariantUpsert(s, n, attrs, cost, null, List.of()));
        Arbitrary<ProductUpsert> product = Combinators.combine(sku, name, money, Arbitraries.of("coffee", "tea").injectNull(0.3),
                variant.list().ofMaxSize(3))
                .as((s, n, cost, category, variants) ->
                        new ProductUpsert(s, n, null, category, null, cost, null, null, null, null, variants));
        return product.list().ofMaxSize(12);
    }
}
