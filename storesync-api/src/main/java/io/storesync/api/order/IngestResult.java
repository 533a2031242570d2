package io.storesync.api.order;

import java.util.Objects;

/** What ingesting one order snapshot did. */
public record IngestResult(OrderId orderId, Outcome outcome, int shortfallQuantity, int unmappedLines) {
    public IngestResult {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** Whether the snapshot changed the order book. */
    public enum Outcome {
        /** A new order. */
        CREATED,
        /** A newer snapshot of a known order. */
        UPDATED,
        /** The same update time as stored: a duplicate delivery, nothing changed. */
        UNCHANGED,
        /** Older than what is stored: ignored. */
        STALE
    }
}
