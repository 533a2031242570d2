package io.storesync.api.organization;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A user of an organization with their role and activity. */
public record Member(UserId id, OrganizationId organizationId, String email, @Nullable String fullName, Role role,
        boolean active, @Nullable Instant lastActiveAt, Instant createdAt, Instant updatedAt) {
    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** When the member last did something through StoreSync, if ever. */
    public Optional<Instant> lastActive() {
        return Optional.ofNullable(lastActiveAt);
    }
}
