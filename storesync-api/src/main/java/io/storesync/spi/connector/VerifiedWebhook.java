package io.storesync.spi.connector;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What verification learned of a delivery: the platform's event id when the body names one (deliveries are
 * deduplicated on it; on a digest of the body otherwise) and the event type ({@code unknown} when unreadable).
 */
public record VerifiedWebhook(@Nullable String platformEventId, String eventType) {
    public VerifiedWebhook {
        Objects.requireNonNull(eventType, "eventType");
    }
}
