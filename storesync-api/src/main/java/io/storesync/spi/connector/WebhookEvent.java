package io.storesync.spi.connector;

import io.storesync.api.order.OrderSnapshot;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing a webhook delivery says happened.
 *
 * @param reference the platform id the event is about: order id for {@link Kind#ORDER_CHANGED}, product id for
 *     {@link Kind#LISTING_CHANGED}
 * @param order the order's new state when the delivery carries it whole; null when it must be fetched
 */
public record WebhookEvent(Kind kind, @Nullable String reference, @Nullable OrderSnapshot order) {
    /** What happened. */
    public enum Kind {
        /** An order was created or changed. */
        ORDER_CHANGED,
        /** A listing was changed on the platform. */
        LISTING_CHANGED,
        /** The seller revoked StoreSync's access, or it expired. */
        AUTHORIZATION_REVOKED,
        /** Anything StoreSync does not act on. */
        OTHER
    }

    public WebhookEvent {
        Objects.requireNonNull(kind, "kind");
    }
}
