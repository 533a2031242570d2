package io.storesync.spi.persistence;

import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.catalogue.Listing;
import io.storesync.api.catalogue.ListingId;
import io.storesync.api.catalogue.ListingPrice;
import io.storesync.api.catalogue.NewListing;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.store.StoreId;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Storage of the tenant's {@code store_product_mappings}. Same contract as {@link ProductRepository}: the
 * transaction's thread only, may block, only the transaction's organization, failures are StoreSync exceptions.
 */
public interface ListingRepository {

    /**
     * Inserts an active, pending listing.
     *
     * @throws io.storesync.api.NotFoundException when the variant or the store is not in this organization
     * @throws io.storesync.api.ConflictException when the store already maps that platform product and variant
     */
    Listing insert(NewListing listing);

    /** @return the listing with its new prices, or empty when it is not in this organization */
    Optional<Listing> updatePrice(ListingId id, ListingPrice price);

    /** @return the listing with its active flag set, or empty when it is not in this organization */
    Optional<Listing> setActive(ListingId id, boolean active);

    /** @return whether a listing of this organization was deleted */
    boolean delete(ListingId id);

    /** @return the listing, or empty when it is not in this organization */
    Optional<Listing> find(ListingId id);

    /** The listing of a platform product and variant (null matches only a null platform variant id) on a store. */
    Optional<Listing> findByPlatform(StoreId store, String platformProductId, @Nullable String platformVariantId);

    /** A variant's listings ordered by store, platform product id and platform variant id. */
    List<Listing> listByVariant(VariantId variant);

    /** One page of a store's listings ordered by platform product id and platform variant id, with the total. */
    Page<Listing> listByStore(StoreId store, PageRequest page);
}
