package io.storesync.api;

import io.storesync.internal.api.Check;

/** One page of a listing: zero-based page number and page size (1 to 1000). */
public record PageRequest(int page, int size) {
    /** The largest page StoreSync returns at once. */
    public static final int MAX_SIZE = 1000;

    public PageRequest {
        Check.nonNegative(page, "page");
        Check.positive(size, "size");
        if (size > MAX_SIZE) throw new ValidationException("size must be at most " + MAX_SIZE + ", got " + size);
    }

    /** The first page of the given size. */
    public static PageRequest first(int size) {
        return new PageRequest(0, size);
    }

    /** The page after this one. */
    public PageRequest next() {
        return new PageRequest(page + 1, size);
    }

    /** Rows to skip. */
    public long offset() {
        return (long) page * size;
    }
}
