package io.storesync.spi.persistence;

import io.storesync.api.store.Store;
import io.storesync.api.store.StoreId;
import io.storesync.api.store.StoreSettings;
import io.storesync.api.store.StoreStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Storage of the tenant's {@code stores} and their sync state. Settings are stored as
 * {@code StoreSettingsCodec}'s document so that every implementation, and SQL reading single keys, agree on it.
 *
 * <p>An instance is bound to one tenant transaction and used by one thread; every method may block on the database.
 */
public interface StoreRepository {

    /**
     * Inserts a store and its sync state (watermark, first schedules).
     *
     * @throws io.storesync.api.NotFoundException when the platform is unknown
     * @throws io.storesync.api.ConflictException when the shop is already connected
     */
    Store insert(StoreId id, String platform, String name, String platformStoreId, CredentialEnvelope credentials,
            StoreSettings settings, @Nullable Instant credentialsExpireAt, @Nullable Instant nextCredentialsRefreshAt);

    /** The store, if it belongs to this tenant. */
    Optional<Store> find(StoreId id);

    /** The store with its encrypted credentials. */
    Optional<StoreConnection> connection(StoreId id);

    /** Every store of this tenant, active or not, ordered by name. */
    List<Store> list();

    /**
     * Replaces the settings and brings the next order poll forward when the new interval is shorter.
     *
     * @return the updated store, or empty when it is not in this tenant
     */
    Optional<Store> updateSettings(StoreId id, StoreSettings settings);

    /** Replaces the credentials, their expiry and next refresh time, and sets the status. */
    Optional<Store> updateCredentials(StoreId id, CredentialEnvelope credentials, @Nullable Instant expiresAt,
            @Nullable Instant nextRefreshAt, StoreStatus status);

    /**
     * Takes the store's credential lock until the transaction ends, then reads the store with its encrypted
     * credentials. Another transaction taking the same store's lock waits, on any host instance sharing the
     * database; the lock holds up nothing else (reads, status changes and other writes to the store go on). The
     * credential refresh serialises on it. The default reads without locking, for persistences written before the
     * lock existed.
     */
    default Optional<StoreConnection> lockConnection(StoreId id) {
        return connection(id);
    }

    /**
     * Records that the store's credentials come from the consent {@code group} (every store one consent created or
     * re-authorised gets the same random group), or, with null, from no shared consent. The default records nothing,
     * for persistences written before it existed: their stores then refresh one by one.
     */
    default void recordAuthorizationGroup(StoreId id, @Nullable UUID group) {}

    /**
     * Takes the credential lock of the store's consent group until the transaction ends (for a store in no group,
     * {@link #lockConnection}'s lock of the store alone), then reads, with their encrypted credentials, the store
     * and every other store of its group, the store first. Another transaction locking any store of the group waits,
     * on any host instance sharing the database. The default is {@link #lockConnection} alone.
     *
     * @return empty when the store is not in this tenant
     */
    default List<StoreConnection> lockCredentialGroup(StoreId id) {
        return lockConnection(id).map(List::of).orElse(List.of());
    }

    /**
     * Replaces the credentials, their expiry and next refresh time, leaving the status as it is now (a flag set by
     * another transaction meanwhile stays). The default reads the status and writes it back, which a concurrent flag
     * can lose; persistences should write the three columns only.
     */
    default Optional<Store> replaceCredentials(StoreId id, CredentialEnvelope credentials, @Nullable Instant expiresAt,
            @Nullable Instant nextRefreshAt) {
        return find(id).flatMap(s -> updateCredentials(id, credentials, expiresAt, nextRefreshAt, s.status()));
    }

    /**
     * Replaces a store's credential envelope with {@code next} if it is still {@code expected} (a compare-and-set,
     * so a re-encryption never overwrites credentials a refresh wrote meanwhile). Nothing else of the store changes.
     *
     * @return whether it was replaced
     */
    default boolean compareAndSetCredentials(StoreId id, CredentialEnvelope expected, CredentialEnvelope next) {
        throw new UnsupportedOperationException("compareAndSetCredentials");
    }

    /** Sets status and activity; {@code reason} is recorded as the store's last error. */
    Optional<Store> updateStatus(StoreId id, StoreStatus status, boolean active, @Nullable String reason);

    /** Records a successful sync. */
    void touchLastSync(StoreId id);

    /**
     * Records when the store's authorisation (the seller's consent) lapses; null when it does not. The default
     * records nothing, for persistences written before it existed.
     */
    default void recordAuthorizationExpiry(StoreId id, @Nullable Instant expiresAt) {}

    /** When the store's authorisation lapses, if recorded; empty by default. */
    default Optional<Instant> authorizationExpiry(StoreId id) {
        return Optional.empty();
    }

    /**
     * The active stores whose recorded authorisation expiry is at or before {@code until}, soonest first, at most
     * {@code limit}. Empty by default.
     */
    default List<io.storesync.api.store.AuthorizationExpiry> authorizationsExpiringBefore(Instant until, int limit) {
        return List.of();
    }
}
