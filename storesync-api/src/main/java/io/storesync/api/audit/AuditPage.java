package io.storesync.api.audit;

import java.util.List;
import java.util.OptionalLong;

/**
 * One page of the trail, newest first, and the cursor for the next (older) page.
 *
 * @param items the rows, newest first
 * @param next the cursor to pass as {@code before} for the next page; empty on the last page
 */
public record AuditPage(List<AuditEvent> items, OptionalLong next) {
    public AuditPage {
        items = List.copyOf(items);
        java.util.Objects.requireNonNull(next, "next");
    }
}
