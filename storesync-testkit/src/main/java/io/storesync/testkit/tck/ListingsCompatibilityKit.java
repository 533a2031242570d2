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
import io.storesync.api.catalogue.Listing;
import io.storesync.api.catalogue.ListingId;
import io.storesync.api.catalogue.ListingPrice;
import io.storesync.api.catalogue.ListingStatus;
import io.storesync.api.catalogue.Listings;
import io.storesync.api.catalogue.NewListing;
import io.storesync.api.catalogue.NewProduct;
import io.storesync.api.catalogue.NewVariant;
import io.storesync.api.catalogue.Product;
import io.storesync.api.catalogue.Variant;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.organization.Role;
import io.storesync.api.store.StoreId;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Listings: variants linked to store products, found by platform ids, repriced, deactivated and unlinked, with role
 * checks.
 *
 * <p>An implementation runs this kit by extending it and implementing {@link
 * StoreSyncCompatibilityKit#storeSyncBuilder}; each test class gets a database of its own.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
public abstract class ListingsCompatibilityKit extends StoreSyncCompatibilityKit {
    private StoreSync storeSync;
    private Tenant owner;
    private Listings listings;
    private StoreId shopee;
    private StoreId tiktok;
    private Variant small;
    private Variant large;

    @BeforeEach
    void openOrganization(TestDatabase db) {
        storeSync = storeSync(db);
        owner = CatalogueFixture.organization(storeSync);
        listings = owner.listings();
        shopee = CatalogueFixture.store(owner);
        tiktok = CatalogueFixture.store(owner);
        Product shirt = owner.catalogue().createProduct(NewProduct.of("SHIRT", "Shirt"));
        small = owner.catalogue().addVariant(shirt.id(), NewVariant.of("SHIRT-S"));
        large = owner.catalogue().addVariant(shirt.id(), NewVariant.of("SHIRT-L"));
    }

    private static NewListing listing(Variant variant, StoreId store, String productId, String variantId, String price) {
        return new NewListing(variant.id(), store, productId, variantId, variant.sku(), new BigDecimal(price), null);
    }

    @Test
    void linksFindsAndRepricesAListing() {
        Listing linked = listings.link(new NewListing(small.id(), shopee, "1001", "2001", "SHOPEE-S",
                new BigDecimal("99000"), new BigDecimal("120000.5")));
        assertThat(linked.price()).isEqualTo(new BigDecimal("99000.00"));
        assertThat(linked.compareAtPrice()).isEqualTo(new BigDecimal("120000.50"));
        assertThat(linked.status()).isEqualTo(ListingStatus.PENDING);
        assertThat(linked.active()).isTrue();
        assertThat(linked.lastSyncAt()).isNull();

        assertThat(listings.find(linked.id())).contains(linked);
        assertThat(listings.findOnStore(shopee, "1001", "2001")).contains(linked);
        assertThat(listings.findOnStore(shopee, "1001", null)).isEmpty();
        assertThat(listings.findOnStore(tiktok, "1001", "2001")).isEmpty();

        Listing repriced = listings.changePrice(linked.id(), ListingPrice.of(new BigDecimal("95000")));
        assertThat(repriced.price()).isEqualTo(new BigDecimal("95000.00"));
        assertThat(repriced.compareAtPrice()).isNull();
        assertThat(listings.find(linked.id())).contains(repriced);
        assertThatThrownBy(() -> ListingPrice.of(new BigDecimal("-1")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("price");
        assertThatThrownBy(() -> listings.changePrice(ListingId.random(), ListingPrice.of(BigDecimal.ONE)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aProductWithoutPlatformVariantsIsFoundByItsNullVariantId() {
        Listing linked = listings.link(new NewListing(small.id(), tiktok, "77", null, null, BigDecimal.TEN, null));
        assertThat(listings.findOnStore(tiktok, "77", null)).contains(linked);
        assertThatThrownBy(() -> listings.link(new NewListing(large.id(), tiktok, "77", null, null, BigDecimal.ONE, null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("'77'");
    }

    @Test
    void aDuplicateListingIsAConflictAndChangesNothing() {
        Listing linked = listings.link(listing(small, shopee, "1001", "2001", "10"));
        assertThatThrownBy(() -> listings.link(listing(large, shopee, "1001", "2001", "20")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("1001").hasMessageContaining("2001");
        assertThat(listings.ofVariant(large.id())).isEmpty();
        assertThat(listings.ofStore(shopee, PageRequest.first(10)).items()).containsExactly(linked);
        // the same platform ids on another store are another listing
        assertThat(listings.link(listing(large, tiktok, "1001", "2001", "20")).store()).isEqualTo(tiktok);
    }

    @Test
    void listsAVariantsListingsAcrossStoresAndAStoresListingsByPage() {
        Listing onShopee = listings.link(listing(small, shopee, "1001", "2001", "10"));
        Listing onTiktok = listings.link(listing(small, tiktok, "5001", "6001", "11"));
        for (int i = 0; i < 12; i++) listings.link(listing(large, shopee, String.format("2%03d", i), "1", "20"));

        assertThat(listings.ofVariant(small.id())).containsExactlyInAnyOrder(onShopee, onTiktok);
        assertThat(listings.ofVariant(large.id())).hasSize(12);

        Page<Listing> first = listings.ofStore(shopee, PageRequest.first(5).withTotal());
        assertThat(first.total()).hasValue(13);
        assertThat(first.items()).extracting(Listing::platformProductId)
                .containsExactly("1001", "2000", "2001", "2002", "2003");
        Page<Listing> second = listings.ofStore(shopee, first.next().orElseThrow());
        assertThat(second.items()).extracting(Listing::platformProductId).containsExactly("2004", "2005", "2006", "2007", "2008");
        Page<Listing> third = listings.ofStore(shopee, second.next().orElseThrow());
        assertThat(third.items()).extracting(Listing::platformProductId).containsExactly("2009", "2010", "2011");
        assertThat(third.hasNext()).isFalse();
        assertThat(listings.ofStore(tiktok, PageRequest.first(5)).items()).containsExactly(onTiktok);
    }

    @Test
    void deactivatesAndUnlinks() {
        Listing linked = listings.link(listing(small, shopee, "1001", "2001", "10"));
        assertThat(listings.deactivate(linked.id()).active()).isFalse();
        listings.unlink(linked.id());
        assertThat(listings.find(linked.id())).isEmpty();
        assertThatThrownBy(() -> listings.unlink(linked.id())).isInstanceOf(NotFoundException.class);
        // the slot is free again once unlinked
        assertThat(listings.link(listing(large, shopee, "1001", "2001", "10")).variant()).isEqualTo(large.id());
    }

    @Test
    void linkingToAnUnknownVariantOrStoreIsNotFound() {
        assertThatThrownBy(() -> listings.link(new NewListing(VariantId.random(), shopee, "1", null, null, BigDecimal.ONE, null)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("variant");
        assertThatThrownBy(() -> listings.link(new NewListing(small.id(), StoreId.random(), "1", null, null, BigDecimal.ONE, null)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("store");
    }

    @Test
    void viewersReadListingsButMayNotChangeThem() {
        Listing linked = listings.link(listing(small, shopee, "1001", "2001", "10"));
        Listings viewer = CatalogueFixture.member(storeSync, owner, Role.VIEWER).listings();
        assertThat(viewer.find(linked.id())).contains(linked);
        assertThatThrownBy(() -> viewer.link(listing(large, shopee, "9", "9", "1"))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> viewer.changePrice(linked.id(), ListingPrice.of(BigDecimal.ONE)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> viewer.deactivate(linked.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> viewer.unlink(linked.id())).isInstanceOf(AccessDeniedException.class);
        assertThat(listings.find(linked.id())).contains(linked);
    }
}
