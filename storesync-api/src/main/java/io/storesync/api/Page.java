package io.storesync.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One page of a listing and where the next one starts.
 *
 * @param items the rows of this page, in the listing's order
 * @param request the request that read this page
 * @param nextCursor the opaque cursor after which the next page starts; empty on the last page
 * @param total the number of all the matches when the request asked for it ({@link PageRequest#withTotal()})
 */
public record Page<T>(List<T> items, PageRequest request, Optional<String> nextCursor, OptionalLong total) {
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(nextCursor, "nextCursor");
        Objects.requireNonNull(total, "total");
    }

    /** Whether another page follows this one. */
    public boolean hasNext() {
        return nextCursor.isPresent();
    }

    /** The request for the next page, same size, not counting the total again; empty on the last page. */
    public Optional<PageRequest> next() {
        return nextCursor.map(cursor -> new PageRequest(request.size(), cursor, false));
    }
}
