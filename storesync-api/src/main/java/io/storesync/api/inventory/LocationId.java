package io.storesync.api.inventory;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Ids;
import java.util.Objects;
import java.util.UUID;

/** Id of a stock location (warehouse). */
public record LocationId(UUID value) {
    public LocationId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static LocationId random() {
        return new LocationId(UUID.randomUUID());
    }

    /** Parses the canonical UUID text form; bad text is a {@link ValidationException}. */
    public static LocationId of(String text) {
        return new LocationId(Ids.parse("LocationId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
