package io.storesync.api.store;

import io.storesync.api.organization.OrganizationId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A store connected on a marketplace. Never carries its credentials: they stay encrypted in the database and are
 * decrypted only for a connector call.
 *
 * @param platform the platform name, such as {@code shopee}
 * @param platformStoreId the platform's own id of the shop
 * @param credentialsExpireAt when the stored access token expires, if known
 */
public record Store(StoreId id, OrganizationId organizationId, String platform, String name, String platformStoreId,
        StoreSettings settings, StoreStatus status, boolean active, @Nullable Instant lastSyncAt,
        @Nullable Instant credentialsExpireAt, Instant createdAt, Instant updatedAt) {
    public Store {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(platformStoreId, "platformStoreId");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** When the access token expires, if known. */
    public Optional<Instant> credentialsExpiry() {
        return Optional.ofNullable(credentialsExpireAt);
    }
}
