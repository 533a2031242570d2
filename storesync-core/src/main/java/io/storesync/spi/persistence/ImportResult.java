package io.storesync.spi.persistence;

import java.util.List;

/**
 * What one page of a catalogue import did: listings mapped to a variant, the SKUs that matched none, and the
 * listings refused because their data cannot be stored, each as "listing ...: reason".
 */
public record ImportResult(int matched, List<String> unmatched, List<String> failed) {
    public ImportResult {
        unmatched = List.copyOf(unmatched);
        failed = List.copyOf(failed);
    }

    /** A page with no refused listing. */
    public ImportResult(int matched, List<String> unmatched) {
        this(matched, unmatched, List.of());
    }
}
