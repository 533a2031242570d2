package io.storesync.api.organization;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Check;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What it takes to open an organization: its name, a URL-friendly slug unique across StoreSync, and its first owner.
 */
public record NewOrganization(String name, String slug, NewMember owner) {
    public NewOrganization {
        Check.text(name, "name", 255);
        Check.slug(slug);
        Check.present(owner, "owner");
        if (owner.role() != Role.OWNER) {
            throw new ValidationException("the first member of an organization must be an owner, got " + owner.role());
        }
    }

    /** An organization whose first member is {@code owner}, with that user as owner. */
    public static NewOrganization of(String name, String slug, UserId ownerId, String ownerEmail,
            @Nullable String ownerFullName) {
        Objects.requireNonNull(ownerId, "ownerId");
        return new NewOrganization(name, slug, new NewMember(ownerId, ownerEmail, ownerFullName, Role.OWNER));
    }
}
