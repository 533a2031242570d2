package io.storesync.spi.persistence;

import java.util.List;

/** What one page of a catalogue import did: listings mapped to a variant, and the SKUs that matched none. */
public record ImportResult(int matched, List<String> unmatched) {
    public ImportResult {
        unmatched = List.copyOf(unmatched);
    }
}
