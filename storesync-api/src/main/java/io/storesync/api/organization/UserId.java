package io.storesync.api.organization;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Ids;
import java.util.Objects;
import java.util.UUID;

/** Id of a member of an organization; the host's identity provider id (for example a Clerk user id). */
public record UserId(UUID value) {
    public UserId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static UserId random() {
        return new UserId(UUID.randomUUID());
    }

    /** Parses the canonical UUID text form; bad text is a {@link ValidationException}. */
    public static UserId of(String text) {
        return new UserId(Ids.parse("UserId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
