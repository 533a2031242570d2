package io.storesync.api.job;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Ids;
import java.util.Objects;
import java.util.UUID;

/** Id of a sync job. */
public record JobId(UUID value) {
    public JobId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static JobId random() {
        return new JobId(UUID.randomUUID());
    }

    /** Parses the canonical UUID text form; bad text is a {@link ValidationException}. */
    public static JobId of(String text) {
        return new JobId(Ids.parse("JobId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
