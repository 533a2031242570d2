package io.storesync.api.compliance;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one purge removed.
 *
 * @param removed rows removed per class (orders count orders, not lines; sync logs count log lines and jobs)
 * @param archivedOrders orders handed to the archive before they were removed
 * @param cutoffs the horizon applied per class: rows older than this were removed
 * @param complete false when the purge stopped at its per-run bound and more remains for the next run
 */
public record PurgeResult(Map<DataClass, Integer> removed, int archivedOrders, Map<DataClass, Instant> cutoffs,
        boolean complete) {
    public PurgeResult {
        removed = Map.copyOf(new EnumMap<>(Objects.requireNonNull(removed, "removed")));
        cutoffs = Map.copyOf(Objects.requireNonNull(cutoffs, "cutoffs"));
    }

    /** Rows removed of one class. */
    public int removed(DataClass dataClass) {
        return removed.getOrDefault(dataClass, 0);
    }
}
