package io.storesync.spi.connector;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The platform's answer for one listing of a batch push: accepted, or refused with the platform's reason. A refusal
 * of the whole call is an exception instead.
 */
public record PushResult(String platformProductId, @Nullable String platformVariantId, boolean accepted,
        @Nullable String error) {
    public PushResult {
        Objects.requireNonNull(platformProductId, "platformProductId");
    }

    /** Accepted. */
    public static PushResult ok(String platformProductId, @Nullable String platformVariantId) {
        return new PushResult(platformProductId, platformVariantId, true, null);
    }
}
