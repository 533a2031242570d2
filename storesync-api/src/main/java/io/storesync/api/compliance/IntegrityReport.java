package io.storesync.api.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of an integrity check.
 *
 * @param checkedAt when the check ran (the engine's clock)
 * @param discrepancies what was found (before any repair)
 * @param repaired how many of them the repair fixed (0 for a check without repair)
 */
public record IntegrityReport(Instant checkedAt, List<Discrepancy> discrepancies, int repaired) {
    public IntegrityReport {
        Objects.requireNonNull(checkedAt, "checkedAt");
        discrepancies = List.copyOf(discrepancies);
    }

    /** Whether nothing was found. */
    public boolean clean() {
        return discrepancies.isEmpty();
    }
}
