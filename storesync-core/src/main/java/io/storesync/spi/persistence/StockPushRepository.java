package io.storesync.spi.persistence;

import io.storesync.api.store.StoreId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's stock pushes: which listings must show a new quantity, what was pushed, and what the platforms report.
 * Valid only inside its transaction; every method may block on the database.
 */
public interface StockPushRepository {

    /**
     * Turns this tenant's pending inventory changes ({@code stock_changes}), at most {@code limit} variants, into marks
     * on every store with an active listing of the variant: every change committed so far, also one whose row an
     * inventory transaction still in flight holds. Waits for another transaction of the tenant doing the same, so that
     * two never mark one variant in turn. The changes stay: {@link #clearStockChanges} deletes them.
     */
    MarkedChanges markStockChanges(int limit);

    /**
     * Deletes the pending changes of these variants that no transaction holds now; a held one stays, and the next
     * round marks the change of the transaction holding it. Call it last in the transaction that marked them: a
     * deleted change stays locked until the commit, and an inventory change of its variant waits for that.
     */
    void clearStockChanges(Collection<UUID> variantIds);

    /** The stores {@link #markStockChanges} marked, and the variants whose changes it read. */
    record MarkedChanges(List<StoreId> stores, List<UUID> variantIds) {
        public MarkedChanges {
            stores = List.copyOf(stores);
            variantIds = List.copyOf(variantIds);
        }
    }

    /**
     * Records variants as changed, as a stock movement does, so that the next coalescing marks every store with an
     * active listing of them for a push (a listing was just linked: the platform shows whatever it had before).
     */
    void variantsChanged(Collection<UUID> variantIds);

    /** Marks variants of a store for a stock push (the drift check found them wrong). */
    void markForPush(StoreId store, Collection<UUID> variantIds);

    /**
     * Marked listings of a store with marks made at or before {@code cutoff}, each with its available quantity read in
     * this transaction; marks of variants without an active listing in the store are deleted.
     */
    List<PushCandidate> pushCandidates(StoreId store, Instant cutoff, int limit);

    /**
     * The available quantity (on hand minus reserved) of each variant at each of this tenant's active locations that
     * holds it, for a store that maps locations to platform warehouses. Locations without a row for a variant are left
     * out. The default reads nothing, for persistences written before warehouses could be mapped: every warehouse is
     * then sent zero, so implement it before mapping warehouses on them.
     */
    default Map<UUID, Map<io.storesync.api.inventory.LocationId, Integer>> availableByLocation(Collection<UUID> variantIds) {
        return Map.of();
    }

    /**
     * How long a stock push of {@code store} queued now (at this transaction's start) must wait to start at least
     * {@code window} after the store's previous push ended: zero when none ended within the window, the whole window
     * while one runs (that push postpones the waiting one again after its last call, {@link #pushEnded}). Holds the
     * store's push lock until this transaction ends, so a push queued in it cannot slip between a push's last call and
     * its postponing.
     */
    Duration untilNextPush(StoreId store, Duration window);

    /**
     * A push of {@code store} made its last call (this transaction started after it returned): under the store's push
     * lock, postpones the store's waiting stock pushes, if any, to at least {@code window} from this transaction's
     * start, and returns how long from now each of them waits (so the workers are woken when it is due; nothing when
     * none waits).
     */
    List<Duration> pushEnded(StoreId store, Duration window);

    /**
     * Marks variants of a store to be pushed again, but not before {@code hold} from now: a push of them went
     * unanswered and may still land within that time, so an earlier push could be overwritten by it. A mark already
     * held longer keeps its later time; changes made meanwhile wait for the hold too (their marks keep the later
     * time). The default marks them at once, for persistences written before holds existed.
     */
    default void pushAgainAfter(StoreId store, Collection<UUID> variantIds, Duration hold) {
        markForPush(store, variantIds);
    }

    /** The database's clock now (pushes compare marks with it). */
    Instant databaseNow();

    /**
     * Records pushed quantities and refusals (with their reasons) and deletes the marks whose version is still the one
     * pushed; a refused listing's variant keeps (or gets back) its mark, stamped now, so a later push retries it.
     */
    void recordPushes(StoreId store, List<PushRecord> pushes);

    /** Finds a listing by its platform ids and reads its variant's available quantity. */
    Optional<ListingMatch> matchListing(StoreId store, String platformProductId, @Nullable String platformVariantId);

    /** Records the quantity a platform reported for a listing. */
    void recordReported(UUID mappingId, int quantity);
}
