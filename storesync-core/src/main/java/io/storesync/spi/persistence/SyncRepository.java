package io.storesync.spi.persistence;

import io.storesync.api.store.StoreId;
import io.storesync.spi.connector.ConnectorListing;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The tenant's sync state: schedules, watermarks, stock marks and push records, listing upserts. */
public interface SyncRepository {

    /** Stores whose schedules are due, locked ({@code FOR UPDATE SKIP LOCKED}) until the transaction ends. */
    List<DueSchedule> dueSchedules(int limit);

    /** Moves a store's schedules on: next poll after {@code pollIn}, next reconcile after {@code reconcileIn}, next
     * credential refresh after {@code refreshIn} (each only when not null). */
    void reschedule(StoreId store, @Nullable Duration pollIn, @Nullable Duration reconcileIn, @Nullable Duration refreshIn);

    /** The store's order watermark: orders changed before it have been read. */
    Optional<Instant> ordersWatermark(StoreId store);

    /** Advances the watermark from {@code expected} to {@code to}; false when someone else moved it meanwhile. */
    boolean advanceOrdersWatermark(StoreId store, Instant expected, Instant to);

    /** Records when the credentials expire and when to refresh them. */
    void credentialsExpiry(StoreId store, @Nullable Instant expiresAt, @Nullable Instant refreshAt);

    /**
     * Turns this tenant's pending inventory changes ({@code stock_changes}) into marks on every store with an active
     * listing of the variant, deleting the changes; returns the stores marked.
     */
    List<StoreId> coalesceStockChanges(int limit);

    /** Marks variants of a store for a stock push (the drift check found them wrong). */
    void markForPush(StoreId store, Collection<UUID> variantIds);

    /**
     * Marked listings of a store with marks made at or before {@code cutoff}, each with its available quantity read in
     * this transaction; marks of variants without an active listing in the store are deleted.
     */
    List<PushCandidate> pushCandidates(StoreId store, Instant cutoff, int limit);

    /** The database's clock now (pushes compare marks with it). */
    Instant databaseNow();

    /** Records pushed quantities and deletes the marks whose version is still the one pushed. */
    void recordPushes(StoreId store, List<PushRecord> pushes);

    /** Finds a listing by its platform ids and reads its variant's available quantity. */
    Optional<ListingMatch> matchListing(StoreId store, String platformProductId, @Nullable String platformVariantId);

    /** Records the quantity a platform reported for a listing. */
    void recordReported(UUID mappingId, int quantity);

    /** Active listings of the store whose price was never pushed or differs from the pushed one, after a mapping id. */
    List<PriceCandidate> priceCandidates(StoreId store, @Nullable UUID after, int limit);

    /** Records pushed prices. */
    void recordPrices(List<PriceCandidate> pushed);

    /** Upserts a page of platform listings, matching them to variants by SKU (the default catalogue intake). */
    ImportResult upsertListings(StoreId store, List<ConnectorListing> listings);

    /** Records a store's last sync error (null clears it). */
    void storeError(StoreId store, @Nullable String error);
}
