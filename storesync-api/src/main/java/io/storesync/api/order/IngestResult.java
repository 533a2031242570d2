package io.storesync.api.order;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What ingesting one order snapshot did.
 *
 * @param orderId the order in the book; {@code null} only when the snapshot was {@link Outcome#REJECTED}
 * @param reason why the snapshot was rejected; {@code null} for every other outcome
 */
public record IngestResult(@Nullable OrderId orderId, Outcome outcome, int shortfallQuantity, int unmappedLines,
        @Nullable String reason) {
    public IngestResult {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome == Outcome.REJECTED) {
            Objects.requireNonNull(reason, "reason of a rejected snapshot");
        } else {
            Objects.requireNonNull(orderId, "orderId");
            if (reason != null) throw new IllegalArgumentException("only a rejected snapshot has a reason");
        }
    }

    /** The result of a snapshot that was written. */
    public IngestResult(OrderId orderId, Outcome outcome, int shortfallQuantity, int unmappedLines) {
        this(orderId, outcome, shortfallQuantity, unmappedLines, null);
    }

    /** A snapshot the book refused, and why; nothing of it was written. */
    public static IngestResult rejected(String reason) {
        return new IngestResult(null, Outcome.REJECTED, 0, 0, reason);
    }

    /** The order in the book, empty when the snapshot was rejected. */
    public Optional<OrderId> order() {
        return Optional.ofNullable(orderId);
    }

    /** Whether the snapshot changed the order book. */
    public enum Outcome {
        /** A new order. */
        CREATED,
        /** A newer snapshot of a known order. */
        UPDATED,
        /** The same snapshot as stored: a duplicate delivery, nothing changed. */
        UNCHANGED,
        /** Older than what is stored: ignored. */
        STALE,
        /**
         * Refused, with the {@linkplain IngestResult#reason() reason}: nothing of the snapshot was written, and the
         * other snapshots of its page were ingested as if it had not been there.
         */
        REJECTED
    }
}
