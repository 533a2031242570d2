package io.storesync.spi.persistence;

import java.math.BigDecimal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A listing whose price differs from what was last pushed. */
public record PriceCandidate(UUID mappingId, String platformProductId, @Nullable String platformVariantId,
        BigDecimal price) {}
