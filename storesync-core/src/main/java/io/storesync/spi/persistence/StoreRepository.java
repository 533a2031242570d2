package io.storesync.spi.persistence;

import io.storesync.api.store.Store;
import io.storesync.api.store.StoreId;
import io.storesync.api.store.StoreSettings;
import io.storesync.api.store.StoreStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Storage of the tenant's {@code stores} and their sync state. */
public interface StoreRepository {

    /**
     * Inserts a store and its sync state (watermark, first schedules).
     *
     * @throws io.storesync.api.NotFoundException when the platform is unknown
     * @throws io.storesync.api.ConflictException when the shop is already connected
     */
    Store insert(StoreId id, String platform, String name, String platformStoreId, CredentialEnvelope credentials,
            StoreSettings settings, @Nullable Instant credentialsExpireAt, @Nullable Instant nextCredentialsRefreshAt);

    Optional<Store> find(StoreId id);

    /** The store with its encrypted credentials. */
    Optional<StoreConnection> connection(StoreId id);

    List<Store> list();

    Optional<Store> updateSettings(StoreId id, StoreSettings settings);

    /** Replaces the credentials, their expiry and next refresh time, and sets the status. */
    Optional<Store> updateCredentials(StoreId id, CredentialEnvelope credentials, @Nullable Instant expiresAt,
            @Nullable Instant nextRefreshAt, StoreStatus status);

    /** Sets status and activity; {@code reason} is recorded as the store's last error. */
    Optional<Store> updateStatus(StoreId id, StoreStatus status, boolean active, @Nullable String reason);

    /** Records a successful sync. */
    void touchLastSync(StoreId id);
}
