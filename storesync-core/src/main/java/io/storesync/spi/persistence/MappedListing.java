package io.storesync.spi.persistence;

import io.storesync.spi.connector.ConnectorListing;
import java.util.Objects;
import java.util.UUID;

/** A platform listing and the variant the engine mapped it to. */
public record MappedListing(ConnectorListing listing, UUID variantId) {
    public MappedListing {
        Objects.requireNonNull(listing, "listing");
        Objects.requireNonNull(variantId, "variantId");
    }
}
