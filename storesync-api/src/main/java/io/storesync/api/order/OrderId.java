package io.storesync.api.order;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Ids;
import java.util.Objects;
import java.util.UUID;

/** Id of a unified order. */
public record OrderId(UUID value) {
    public OrderId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static OrderId random() {
        return new OrderId(UUID.randomUUID());
    }

    /** Parses the canonical UUID text form; bad text is a {@link ValidationException}. */
    public static OrderId of(String text) {
        return new OrderId(Ids.parse("OrderId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
