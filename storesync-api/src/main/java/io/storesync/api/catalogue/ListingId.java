package io.storesync.api.catalogue;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Ids;
import java.util.Objects;
import java.util.UUID;

/** Id of a store listing: a variant as sold on one store. */
public record ListingId(UUID value) {
    public ListingId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static ListingId random() {
        return new ListingId(UUID.randomUUID());
    }

    /** Parses the canonical UUID text form; bad text is a {@link ValidationException}. */
    public static ListingId of(String text) {
        return new ListingId(Ids.parse("ListingId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
