package io.storesync.api.organization;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Ids;
import java.util.Objects;
import java.util.UUID;

/** Id of an organization (tenant). */
public record OrganizationId(UUID value) {
    public OrganizationId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static OrganizationId random() {
        return new OrganizationId(UUID.randomUUID());
    }

    /** Parses the canonical UUID text form; bad text is a {@link ValidationException}. */
    public static OrganizationId of(String text) {
        return new OrganizationId(Ids.parse("OrganizationId", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
