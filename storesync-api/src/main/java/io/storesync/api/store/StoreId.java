package io.storesync.api.store;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Ids;
import java.util.Objects;
import java.util.UUID;

/** Id of a connected marketplace store. */
public record StoreId(UUID value) {
    public StoreId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static StoreId random() {
        return new StoreId(UUID.randomUUID());
    }

    /** Parses the canonical UUID text form; bad text is a {@link ValidationException}. */
    public static StoreId of(String text) {
        return new StoreId(Ids.parse("StoreId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
