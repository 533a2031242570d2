package io.storesync.internal.core.order;

import io.storesync.api.order.IngestResult.Outcome;
import io.storesync.spi.persistence.OrderRepository.Upserted;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The newest-snapshot rule of order ingestion: a snapshot replaces the stored order only when the stored one has no
 * platform update time or an earlier one; the same time is a duplicate delivery, an earlier one is stale.
 *
 * <p>The comparison is stated here, but the repository evaluates it inside its one conditional write
 * ({@link io.storesync.spi.persistence.OrderRepository#upsert}): deciding in Java between a read and a write would
 * let two workers ingesting one order both see the older row and overwrite each other. What this class decides is
 * what the repository's answer means for the caller.
 *
 * <p>The comparison is strict: two updates within one platform timestamp keep the first. That is today's behaviour,
 * kept as is here; changing it is its own issue.
 */
final class NewestSnapshot {
    private NewestSnapshot() {}

    /** Whether a snapshot updated at {@code incoming} replaces an order stored with {@code stored}. */
    static boolean replaces(@Nullable Instant stored, Instant incoming) {
        Objects.requireNonNull(incoming, "incoming");
        return stored == null || stored.isBefore(incoming);
    }

    /** What the repository's write of a snapshot updated at {@code incoming} means for the order book. */
    static Outcome outcome(Upserted written, Instant incoming) {
        Objects.requireNonNull(incoming, "incoming");
        return switch (written.write()) {
            case INSERTED -> Outcome.CREATED;
            case REPLACED -> Outcome.UPDATED;
            // the stored time as the database keeps it, compared with the snapshot's as the platform sent it
            case KEPT -> incoming.equals(written.storedUpdatedAt()) ? Outcome.UNCHANGED : Outcome.STALE;
        };
    }
}
