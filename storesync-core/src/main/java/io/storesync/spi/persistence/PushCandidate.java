package io.storesync.spi.persistence;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A listing whose stock must be pushed: the mapping, the variant with the version of its mark, and the variant's
 * available quantity read in the same snapshot as the mark.
 *
 * @param markedAt when the newest stock change coalesced into the mark was made (the start of the stock-push latency
 *     the engine reports once the platform acknowledges the push); null when the storage does not keep it
 */
public record PushCandidate(UUID mappingId, UUID variantId, long markVersion, String platformProductId,
        @Nullable String platformVariantId, int available, @Nullable Instant markedAt) {

    /** A candidate without the time of its change. */
    public PushCandidate(UUID mappingId, UUID variantId, long markVersion, String platformProductId,
            @Nullable String platformVariantId, int available) {
        this(mappingId, variantId, markVersion, platformProductId, platformVariantId, available, null);
    }
}
