package io.storesync.spi.persistence;

import io.storesync.api.store.StoreId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's store schedules and order watermarks: when each store is next polled, reconciled and refreshed, and how
 * far its orders have been read. Valid only inside its transaction; every method may block on the database.
 */
public interface ScheduleRepository {

    /** Stores whose schedules are due, locked ({@code FOR UPDATE SKIP LOCKED}) until the transaction ends. */
    List<DueSchedule> dueSchedules(int limit);

    /** Moves a store's schedules on: next poll after {@code pollIn}, next reconcile after {@code reconcileIn}, next
     * credential refresh after {@code refreshIn} (each only when not null). */
    void reschedule(StoreId store, @Nullable Duration pollIn, @Nullable Duration reconcileIn, @Nullable Duration refreshIn);

    /** The store's order watermark: orders changed before it have been read. */
    Optional<Instant> ordersWatermark(StoreId store);

    /** Advances the watermark from {@code expected} to {@code to}; false when someone else moved it meanwhile. */
    boolean advanceOrdersWatermark(StoreId store, Instant expected, Instant to);

    /** Records a store's last sync error (null clears it). */
    void storeError(StoreId store, @Nullable String error);
}
