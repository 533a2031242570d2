package io.storesync.api.webhook;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Ids;
import java.util.Objects;
import java.util.UUID;

/** Id of a stored webhook delivery. */
public record WebhookEventId(UUID value) {
    public WebhookEventId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static WebhookEventId random() {
        return new WebhookEventId(UUID.randomUUID());
    }

    /** Parses the canonical UUID text form; bad text is a {@link ValidationException}. */
    public static WebhookEventId of(String text) {
        return new WebhookEventId(Ids.parse("WebhookEventId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
