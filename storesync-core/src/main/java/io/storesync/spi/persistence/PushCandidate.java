package io.storesync.spi.persistence;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A listing whose stock must be pushed: the mapping, the variant with the version of its mark, and the variant's
 * available quantity read in the same snapshot as the mark.
 */
public record PushCandidate(UUID mappingId, UUID variantId, long markVersion, String platformProductId,
        @Nullable String platformVariantId, int available) {}
