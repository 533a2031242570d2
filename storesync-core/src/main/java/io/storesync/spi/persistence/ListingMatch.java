package io.storesync.spi.persistence;

import java.util.UUID;

/** A platform listing mapped to a variant, with the variant's available quantity now. */
public record ListingMatch(UUID mappingId, UUID variantId, int available) {}
