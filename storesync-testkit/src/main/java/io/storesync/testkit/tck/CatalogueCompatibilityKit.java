package io.storesync.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.StoreSync;
import io.storesync.api.AccessDeniedException;
import io.storesync.api.ConflictException;
import io.storesync.api.NotFoundException;
import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.Tenant;
import io.storesync.api.ValidationException;
import io.storesync.api.catalogue.Catalogue;
import io.storesync.api.catalogue.NewProduct;
import io.storesync.api.catalogue.NewVariant;
import io.storesync.api.catalogue.Product;
import io.storesync.api.catalogue.ProductId;
import io.storesync.api.catalogue.ProductQuery;
import io.storesync.api.catalogue.Variant;
import io.storesync.api.organization.Role;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The catalogue: products and variants created, found, searched, paged, changed, deactivated and reactivated, with
 * validation and role checks.
 *
 * <p>An implementation runs this kit by extending it and implementing {@link
 * StoreSyncCompatibilityKit#storeSyncBuilder}; each test class gets a database of its own.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
public abstract class CatalogueCompatibilityKit extends StoreSyncCompatibilityKit {
    private StoreSync storeSync;
    private Tenant owner;
    private Catalogue catalogue;

    @BeforeEach
    void openOrganization(TestDatabase db) {
        storeSync = storeSync(db);
        owner = CatalogueFixture.organization(storeSync);
        catalogue = owner.catalogue();
    }

    private static NewProduct kopi(String sku) {
        return new NewProduct(sku, "Kopi Arabica Gayo", "Single-origin beans from Aceh, medium roast", "coffee",
                "Gayo", new BigDecimal("45000.5"), new BigDecimal("0.25"),
                Map.of("length", 20, "width", 10, "height", 5, "unit", "cm"),
                List.of("https://img.test/kopi-1.jpg", "https://img.test/kopi-2.jpg"), Map.of("roast", "medium"));
    }

    @Test
    void createsReadsUpdatesAndDeactivatesAProduct() {
        Product created = catalogue.createProduct(kopi("KOPI-1"));
        assertThat(created.sku()).isEqualTo("KOPI-1");
        assertThat(created.costPrice()).isEqualTo(new BigDecimal("45000.50"));
        assertThat(created.weight()).isEqualTo(new BigDecimal("0.25"));
        assertThat(created.dimensions()).containsEntry("unit", "cm").containsEntry("length", 20);
        assertThat(created.images()).containsExactly("https://img.test/kopi-1.jpg", "https://img.test/kopi-2.jpg");
        assertThat(created.attributes()).containsExactly(Map.entry("roast", "medium"));
        assertThat(created.active()).isTrue();
        assertThat(catalogue.findProduct(created.id())).contains(created);
        assertThat(catalogue.findProductBySku("KOPI-1")).contains(created);

        NewProduct renamed = new NewProduct("KOPI-1B", "Kopi Gayo Wine", null, "coffee", null, null, null,
                null, List.of(), Map.of());
        Product updated = catalogue.updateProduct(created.id(), renamed);
        assertThat(updated.details()).isEqualTo(renamed);
        assertThat(updated.createdAt()).isEqualTo(created.createdAt());
        assertThat(catalogue.findProductBySku("KOPI-1")).isEmpty();

        assertThat(catalogue.deactivateProduct(created.id()).active()).isFalse();
        assertThat(catalogue.findProduct(created.id()).orElseThrow().active()).isFalse();
        assertThat(catalogue.reactivateProduct(created.id()).active()).isTrue();
    }

    @Test
    void addsUpdatesAndDeactivatesVariants() {
        Product shirt = catalogue.createProduct(NewProduct.of("SHIRT", "Batik shirt"));
        Variant m = catalogue.addVariant(shirt.id(), new NewVariant("SHIRT-M", "Medium", Map.of("size", "M"),
                new BigDecimal("80000"), new BigDecimal("0.3"), List.of("https://img.test/m.jpg")));
        Variant l = catalogue.addVariant(shirt.id(), NewVariant.of("SHIRT-L"));
        assertThat(m.productId()).isEqualTo(shirt.id());
        assertThat(m.costPrice()).isEqualTo(new BigDecimal("80000.00"));
        assertThat(m.attributes()).containsEntry("size", "M");
        assertThat(catalogue.variantsOf(shirt.id())).containsExactly(l, m);
        assertThat(catalogue.findVariant(m.id())).contains(m);

        Variant renamed = catalogue.updateVariant(m.id(), new NewVariant("SHIRT-M2", "Medium (new cut)",
                Map.of("size", "M"), null, null, List.of()));
        assertThat(renamed.sku()).isEqualTo("SHIRT-M2");
        assertThat(renamed.costPrice()).isNull();
        assertThat(catalogue.deactivateVariant(l.id()).active()).isFalse();
        assertThat(catalogue.reactivateVariant(l.id()).active()).isTrue();

        assertThatThrownBy(() -> catalogue.addVariant(ProductId.random(), NewVariant.of("X")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void findsVariantsBySkuAcrossProducts() {
        Product shirt = catalogue.createProduct(NewProduct.of("SHIRT", "Shirt"));
        Product dress = catalogue.createProduct(NewProduct.of("DRESS", "Dress"));
        Variant shirtM = catalogue.addVariant(shirt.id(), NewVariant.of("M"));
        Variant dressM = catalogue.addVariant(dress.id(), NewVariant.of("M"));
        catalogue.addVariant(dress.id(), NewVariant.of("L"));

        assertThat(catalogue.findVariantsBySku("M")).containsExactly(dressM, shirtM);
        assertThat(catalogue.findVariantsBySku("XL")).isEmpty();
    }

    @Test
    void aTakenProductSkuIsAConflictNamingTheSkuAndChangesNothing() {
        Product first = catalogue.createProduct(kopi("KOPI-1"));
        Product second = catalogue.createProduct(NewProduct.of("TEH-1", "Teh"));

        assertThatThrownBy(() -> catalogue.createProduct(NewProduct.of("KOPI-1", "Another")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("KOPI-1");
        assertThatThrownBy(() -> catalogue.updateProduct(second.id(), NewProduct.of("KOPI-1", "Renamed")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("KOPI-1");

        assertThat(catalogue.findProduct(first.id())).contains(first);
        assertThat(catalogue.findProduct(second.id())).contains(second);
        assertThat(catalogue.listProducts(ProductQuery.all(), PageRequest.first(10).withTotal()).total().getAsLong()).isEqualTo(2);
    }

    @Test
    void aTakenVariantSkuIsAConflictWithinTheProductOnly() {
        Product shirt = catalogue.createProduct(NewProduct.of("SHIRT", "Shirt"));
        Variant m = catalogue.addVariant(shirt.id(), NewVariant.of("M"));
        Variant l = catalogue.addVariant(shirt.id(), NewVariant.of("L"));

        assertThatThrownBy(() -> catalogue.addVariant(shirt.id(), NewVariant.of("M")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("'M'");
        assertThatThrownBy(() -> catalogue.updateVariant(l.id(), NewVariant.of("M")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("'M'");
        assertThat(catalogue.variantsOf(shirt.id())).containsExactly(l, m);
    }

    @Test
    void invalidFieldsAreRefusedWithTheFieldNamedAndNothingChanges() {
        Product stored = catalogue.createProduct(kopi("KOPI-1"));
        String longName = "x".repeat(501);
        assertThatThrownBy(() -> NewProduct.of("KOPI-2", longName))
                .isInstanceOf(ValidationException.class).hasMessageContaining("name").hasMessageContaining("500");
        assertThatThrownBy(() -> NewProduct.of("s".repeat(256), "n"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("sku").hasMessageContaining("255");
        assertThatThrownBy(() -> NewProduct.of(" KOPI", "n"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("sku").hasMessageContaining("spaces");
        assertThatThrownBy(() -> new NewProduct("K", "n", null, "c".repeat(256), null, null, null, null, List.of(), Map.of()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("category");
        assertThatThrownBy(() -> new NewProduct("K", "n", null, null, null, new BigDecimal("-1"), null, null, List.of(), Map.of()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("costPrice").hasMessageContaining("negative");
        assertThatThrownBy(() -> new NewProduct("K", "n", null, null, null, new BigDecimal("1.005"), null, null, List.of(), Map.of()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("costPrice").hasMessageContaining("decimal places");
        assertThatThrownBy(() -> new NewProduct("K", "n", null, null, null, null, new BigDecimal("1000000"), null, List.of(), Map.of()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("weight").hasMessageContaining("too large");
        assertThatThrownBy(() -> new NewProduct("K", "n", "bad\0text", null, null, null, null, null, List.of(), Map.of()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("description").hasMessageContaining("NUL");
        assertThatThrownBy(() -> new NewProduct("K", "n", null, null, null, null, null, null, List.of(),
                Map.of("when", new Object())))
                .isInstanceOf(ValidationException.class).hasMessageContaining("attributes.when");
        assertThatThrownBy(() -> new NewVariant("V", "n".repeat(256), Map.of(), null, null, List.of()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("name").hasMessageContaining("255");

        assertThat(catalogue.findProduct(stored.id())).contains(stored);
        assertThat(catalogue.listProducts(ProductQuery.all(), PageRequest.first(10)).items()).containsExactly(stored);
    }

    @Test
    void pagesAndFiltersProducts() {
        List<Product> all = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String category = i % 2 == 0 ? "coffee" : "tea";
            String brand = i % 5 == 0 ? "Gayo" : "Toraja";
            all.add(catalogue.createProduct(new NewProduct(String.format("P-%02d", i), "Item " + i, null, category,
                    brand, null, null, null, List.of(), Map.of())));
        }
        catalogue.deactivateProduct(all.get(0).id());

        Page<Product> first = catalogue.listProducts(ProductQuery.all(), PageRequest.first(10).withTotal());
        assertThat(first.total()).hasValue(25);
        assertThat(first.items()).extracting(Product::sku).containsExactly(
                "P-00", "P-01", "P-02", "P-03", "P-04", "P-05", "P-06", "P-07", "P-08", "P-09");
        assertThat(first.hasNext()).isTrue();
        Page<Product> second = catalogue.listProducts(ProductQuery.all(), first.next().orElseThrow());
        assertThat(second.total()).isEmpty();
        assertThat(second.items()).extracting(Product::sku).startsWith("P-10").hasSize(10);
        Page<Product> last = catalogue.listProducts(ProductQuery.all(), second.next().orElseThrow());
        assertThat(last.items()).extracting(Product::sku).containsExactly("P-20", "P-21", "P-22", "P-23", "P-24");
        assertThat(last.hasNext()).isFalse();

        Page<Product> coffee = catalogue.listProducts(ProductQuery.all().inCategory("coffee"), PageRequest.first(100).withTotal());
        assertThat(coffee.total()).hasValue(13);
        assertThat(coffee.items()).allSatisfy(p -> assertThat(p.category()).isEqualTo("coffee"));

        Page<Product> gayoCoffee = catalogue.listProducts(ProductQuery.all().inCategory("coffee").ofBrand("Gayo"),
                PageRequest.first(100));
        assertThat(gayoCoffee.items()).extracting(Product::sku).containsExactly("P-00", "P-10", "P-20");

        Page<Product> activeGayo = catalogue.listProducts(ProductQuery.all().ofBrand("Gayo").onlyActive(true),
                PageRequest.first(100));
        assertThat(activeGayo.items()).extracting(Product::sku).containsExactly("P-05", "P-10", "P-15", "P-20");
        assertThat(catalogue.listProducts(ProductQuery.all().onlyActive(false), PageRequest.first(100)).items())
                .extracting(Product::sku).containsExactly("P-00");
    }

    @Test
    void searchesNameAndDescriptionByWords() {
        catalogue.createProduct(new NewProduct("A", "Kopi Arabica", "Beans from Gayo highlands", null, null,
                null, null, null, List.of(), Map.of()));
        catalogue.createProduct(new NewProduct("B", "Kopi Robusta", "Strong beans, dark roast", null, null,
                null, null, null, List.of(), Map.of()));
        catalogue.createProduct(new NewProduct("C", "Teh Melati", "Jasmine tea, not coffee", null, null,
                null, null, null, List.of(), Map.of()));

        assertThat(skus(ProductQuery.search("kopi"))).containsExactlyInAnyOrder("A", "B");
        assertThat(skus(ProductQuery.search("KOPI gayo"))).containsExactly("A");
        assertThat(skus(ProductQuery.search("beans -robusta"))).containsExactly("A");
        assertThat(skus(ProductQuery.search("jasmine or roast"))).containsExactlyInAnyOrder("B", "C");
        assertThat(skus(ProductQuery.search("\"dark roast\""))).containsExactly("B");
        assertThat(skus(ProductQuery.search("matcha"))).isEmpty();
        assertThat(skus(ProductQuery.search("kopi").onlyActive(true).inCategory("none"))).isEmpty();
    }

    private List<String> skus(ProductQuery filter) {
        return catalogue.listProducts(filter, PageRequest.first(100)).items().stream().map(Product::sku).toList();
    }

    @Test
    void viewersReadButMayNotChangeTheCatalogue() {
        Product stored = catalogue.createProduct(kopi("KOPI-1"));
        Variant variant = catalogue.addVariant(stored.id(), NewVariant.of("KOPI-1-250G"));
        Catalogue viewer = CatalogueFixture.member(storeSync, owner, Role.VIEWER).catalogue();
        Catalogue member = CatalogueFixture.member(storeSync, owner, Role.MEMBER).catalogue();

        assertThat(viewer.findProduct(stored.id())).contains(stored);
        assertThat(viewer.variantsOf(stored.id())).containsExactly(variant);
        assertThatThrownBy(() -> viewer.createProduct(NewProduct.of("NEW", "New")))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("viewer");
        assertThatThrownBy(() -> viewer.updateProduct(stored.id(), NewProduct.of("KOPI-1", "Changed")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> viewer.deactivateProduct(stored.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> viewer.addVariant(stored.id(), NewVariant.of("V"))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> viewer.deactivateVariant(variant.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> viewer.upsert(List.of())).isInstanceOf(AccessDeniedException.class);

        assertThat(catalogue.findProduct(stored.id())).contains(stored);
        assertThat(catalogue.findProductBySku("NEW")).isEmpty();
        assertThat(member.createProduct(NewProduct.of("NEW", "New")).sku()).isEqualTo("NEW");
    }
}
