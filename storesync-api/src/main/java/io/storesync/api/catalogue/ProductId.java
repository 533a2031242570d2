package io.storesync.api.catalogue;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Ids;
import java.util.Objects;
import java.util.UUID;

/** Id of a master catalogue product. */
public record ProductId(UUID value) {
    public ProductId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static ProductId random() {
        return new ProductId(UUID.randomUUID());
    }

    /** Parses the canonical UUID text form; bad text is a {@link ValidationException}. */
    public static ProductId of(String text) {
        return new ProductId(Ids.parse("ProductId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
