package io.storesync.api.webhook;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Ids;
import java.util.Objects;
import java.util.UUID;

/** Id of a webhook endpoint: the URL a platform delivers one store's events to. */
public record WebhookEndpointId(UUID value) {
    public WebhookEndpointId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static WebhookEndpointId random() {
        return new WebhookEndpointId(UUID.randomUUID());
    }

    /** Parses the canonical UUID text form; bad text is a {@link ValidationException}. */
    public static WebhookEndpointId of(String text) {
        return new WebhookEndpointId(Ids.parse("WebhookEndpointId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
