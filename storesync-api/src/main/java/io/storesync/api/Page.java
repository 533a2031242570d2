package io.storesync.api;

import java.util.List;
import java.util.Objects;

/** One page of results and the total number of matches. */
public record Page<T>(List<T> items, PageRequest request, long total) {
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(request, "request");
    }

    /** Whether another page follows this one. */
    public boolean hasNext() {
        return request.offset() + items.size() < total;
    }
}
