package io.storesync.spi.persistence;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What was pushed for one listing, and whether the platform accepted it. */
public record PushRecord(UUID mappingId, UUID variantId, long markVersion, int quantity, boolean accepted,
        @Nullable String error) {}
