package io.storesync.api.catalogue;

import io.storesync.api.store.StoreId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A variant as offered on one store, as stored. Prices are amounts in the store's currency (see {@link NewListing}).
 * An inactive listing is kept but no longer synchronised.
 */
public record Listing(ListingId id, VariantId variant, StoreId store, String platformProductId,
        @Nullable String platformVariantId, @Nullable String platformSku, BigDecimal price,
        @Nullable BigDecimal compareAtPrice, boolean active, ListingStatus status, @Nullable Instant lastSyncAt,
        Instant createdAt, Instant updatedAt) {
    public Listing {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(platformProductId, "platformProductId");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
