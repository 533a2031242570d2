package io.storesync.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.api.NotFoundException;
import io.storesync.api.PageRequest;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.Catalogue;
import io.storesync.api.catalogue.Listing;
import io.storesync.api.catalogue.ListingPrice;
import io.storesync.api.catalogue.Listings;
import io.storesync.api.catalogue.NewListing;
import io.storesync.api.catalogue.NewProduct;
import io.storesync.api.catalogue.NewVariant;
import io.storesync.api.catalogue.Product;
import io.storesync.api.catalogue.ProductQuery;
import io.storesync.api.catalogue.ProductUpsert;
import io.storesync.api.catalogue.UpsertResult;
import io.storesync.api.catalogue.Variant;
import io.storesync.api.catalogue.VariantUpsert;
import io.storesync.api.store.StoreId;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every catalogue and listing call, made by organization A against organization B's rows.
 *
 * <p>An implementation runs this kit by extending it and implementing {@link
 * StoreSyncCompatibilityKit#storeSyncBuilder}; each test class gets a database of its own.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
public abstract class CatalogueIsolationCompatibilityKit extends StoreSyncCompatibilityKit {
    private Catalogue a;
    private Listings aListings;
    private Tenant b;
    private Product bProduct;
    private Variant bVariant;
    private StoreId bStore;
    private StoreId aStore;
    private Listing bListing;
    private Variant aVariant;

    @BeforeEach
    void twoOrganizationsWithTheSameSkus(TestDatabase db) {
        Tenant ta = CatalogueFixture.organization(storeSync(db));
        b = CatalogueFixture.organization(storeSync(db));
        a = ta.catalogue();
        aListings = ta.listings();
        bProduct = b.catalogue().createProduct(new NewProduct("KOPI", "Kopi Gayo", "secret beans", "coffee", "Gayo",
                null, null, null, List.of(), Map.of()));
        bVariant = b.catalogue().addVariant(bProduct.id(), NewVariant.of("KOPI-250"));
        bStore = CatalogueFixture.store(b);
        aStore = CatalogueFixture.store(ta);
        bListing = b.listings().link(new NewListing(bVariant.id(), bStore, "1001", "2001", null, BigDecimal.TEN, null));
        aVariant = a.addVariant(a.createProduct(NewProduct.of("TEH", "Teh")).id(), NewVariant.of("TEH-1"));
    }

    @Test
    void anotherOrganizationsCatalogueIsInvisible() {
        assertThat(a.findProduct(bProduct.id())).isEmpty();
        assertThat(a.findProductBySku("KOPI")).isEmpty();
        assertThat(a.listProducts(ProductQuery.all(), PageRequest.first(100)).items()).extracting(Product::sku)
                .containsExactly("TEH");
        assertThat(a.listProducts(ProductQuery.search("kopi"), PageRequest.first(100).withTotal()).total().getAsLong()).isZero();
        assertThat(a.listProducts(ProductQuery.all().inCategory("coffee").ofBrand("Gayo"), PageRequest.first(100).withTotal()).total().getAsLong())
                .isZero();
        assertThat(a.findVariant(bVariant.id())).isEmpty();
        assertThat(a.variantsOf(bProduct.id())).isEmpty();
        assertThat(a.findVariantsBySku("KOPI-250")).isEmpty();
    }

    @Test
    void anotherOrganizationsCatalogueIsUnchangeable() {
        assertThatThrownBy(() -> a.updateProduct(bProduct.id(), NewProduct.of("KOPI", "Hijacked")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> a.deactivateProduct(bProduct.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> a.reactivateProduct(bProduct.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> a.addVariant(bProduct.id(), NewVariant.of("X"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> a.updateVariant(bVariant.id(), NewVariant.of("X"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> a.deactivateVariant(bVariant.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> a.reactivateVariant(bVariant.id())).isInstanceOf(NotFoundException.class);

        // the same SKUs are free in A: creating them makes A's own rows and leaves B's alone
        UpsertResult upserted = a.upsert(List.of(ProductUpsert.of("KOPI", "A's kopi", List.of(VariantUpsert.of("KOPI-250")))));
        assertThat(upserted.productsInserted()).isEqualTo(1);
        assertThat(upserted.variantsInserted()).isEqualTo(1);
        assertThat(a.createProduct(NewProduct.of("KOPI-2", "Kopi")).sku()).isEqualTo("KOPI-2");

        assertThat(b.catalogue().findProduct(bProduct.id())).contains(bProduct);
        assertThat(b.catalogue().variantsOf(bProduct.id())).containsExactly(bVariant);
        assertThat(b.catalogue().listProducts(ProductQuery.all(), PageRequest.first(10).withTotal()).total().getAsLong()).isEqualTo(1);
    }

    @Test
    void anotherOrganizationsListingsAreInvisibleAndUnchangeable() {
        assertThat(aListings.find(bListing.id())).isEmpty();
        assertThat(aListings.findOnStore(bStore, "1001", "2001")).isEmpty();
        assertThat(aListings.ofVariant(bVariant.id())).isEmpty();
        assertThat(aListings.ofStore(bStore, PageRequest.first(10).withTotal()).total().getAsLong()).isZero();

        assertThatThrownBy(() -> aListings.changePrice(bListing.id(), ListingPrice.of(BigDecimal.ONE)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> aListings.deactivate(bListing.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> aListings.unlink(bListing.id())).isInstanceOf(NotFoundException.class);
        // neither B's variant on A's store nor A's variant on B's store can be linked
        assertThatThrownBy(() -> aListings.link(new NewListing(bVariant.id(), aStore, "1", null, null, BigDecimal.ONE, null)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("variant");
        assertThatThrownBy(() -> aListings.link(new NewListing(aVariant.id(), bStore, "1", null, null, BigDecimal.ONE, null)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("store");

        assertThat(b.listings().find(bListing.id())).contains(bListing);
        assertThat(b.listings().ofStore(bStore, PageRequest.first(10)).items()).containsExactly(bListing);
    }
}
