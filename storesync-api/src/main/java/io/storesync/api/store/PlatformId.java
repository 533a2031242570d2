package io.storesync.api.store;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Ids;
import java.util.Objects;
import java.util.UUID;

/** Id of a marketplace platform row. */
public record PlatformId(UUID value) {
    public PlatformId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static PlatformId random() {
        return new PlatformId(UUID.randomUUID());
    }

    /** Parses the canonical UUID text form; bad text is a {@link ValidationException}. */
    public static PlatformId of(String text) {
        return new PlatformId(Ids.parse("PlatformId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
