package io.storesync.api.catalogue;

import io.storesync.api.AccessDeniedException;
import io.storesync.api.ConflictException;
import io.storesync.api.NotFoundException;
import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.Tenant;
import io.storesync.api.store.StoreId;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which catalogue variant each store listing sells, and at what price. Obtained from {@link Tenant#listings()}.
 *
 * <p>Everyone may read; members, admins and owners may change listings (a viewer gets an
 * {@link AccessDeniedException}). Every call is one transaction. Safe to use from many threads.
 */
public interface Listings {

    /**
     * Links a variant to a store's listing. The variant's stock then goes to the listing with the store's next stock
     * push (when the store pushes stock), as after any stock movement: the platform may show anything until then.
     *
     * @throws NotFoundException when the variant or the store is not in this organization
     * @throws ConflictException when the store already has a listing for that platform product and platform variant
     */
    Listing link(NewListing listing);

    /**
     * Sets a listing's price and compare-at price (a null compare-at price removes it), in the store's currency.
     *
     * @throws NotFoundException when the listing is not in this organization
     */
    Listing changePrice(ListingId id, ListingPrice price);

    /**
     * Stops synchronising a listing but keeps the link.
     *
     * @throws NotFoundException when the listing is not in this organization
     */
    Listing deactivate(ListingId id);

    /**
     * Removes the link between a listing and its variant; the store's listing itself is not touched.
     *
     * @throws NotFoundException when the listing is not in this organization
     */
    void unlink(ListingId id);

    /** A listing, if it is in this organization. */
    Optional<Listing> find(ListingId id);

    /**
     * The listing for a platform product (and platform variant, null for a product without variants) on a store.
     */
    Optional<Listing> findOnStore(StoreId store, String platformProductId, @Nullable String platformVariantId);

    /** Every listing of a variant, across the organization's stores, ordered by store then platform ids. */
    List<Listing> ofVariant(VariantId variant);

    /** One page of a store's listings, ordered by platform product id then platform variant id. */
    Page<Listing> ofStore(StoreId store, PageRequest page);
}
