package io.storesync.api.catalogue;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Ids;
import java.util.Objects;
import java.util.UUID;

/** Id of a product variant: the unit stock is kept in. */
public record VariantId(UUID value) {
    public VariantId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static VariantId random() {
        return new VariantId(UUID.randomUUID());
    }

    /** Parses the canonical UUID text form; bad text is a {@link ValidationException}. */
    public static VariantId of(String text) {
        return new VariantId(Ids.parse("VariantId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
