package io.storesync.internal.core.order;

import io.storesync.api.order.IngestResult.Outcome;
import io.storesync.api.order.OrderLineSnapshot;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.order.OrderStatus;
import io.storesync.spi.persistence.OrderRepository.Upserted;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The newest-snapshot rule of order ingestion. Snapshots of one order are ordered by their platform update time,
 * then — for two updates within one platform timestamp (Shopee and TikTok Shop report whole seconds) — by their
 * <em>precedence</em>: the rank of the unified status in an order's life, then a digest of the snapshot's content.
 * A snapshot replaces the stored order only when it comes strictly later in that order; the exact same snapshot
 * again is {@link Outcome#UNCHANGED}, anything earlier {@link Outcome#STALE}.
 *
 * <p>Why a precedence rather than "last delivered wins" at equal times: deliveries arrive in any order, so taking the
 * later delivery would let an older same-second snapshot undo a cancellation. The status rank says which of two
 * same-second snapshots is later whenever their statuses differ (a cancellation outranks the open order it ends);
 * when only their lines or amounts differ nothing says which came later, and the digest picks one the same way on
 * every worker, so the book converges whatever the delivery order, and the platform's next update settles it.
 *
 * <p>The comparison is stated here, but the repository evaluates it inside its one conditional write
 * ({@link io.storesync.spi.persistence.OrderRepository#upsert}) as a comparison of (update time, precedence): deciding
 * in Java between a read and a write would let two workers ingesting one order both see the older row and overwrite
 * each other. What this class decides is the precedence to write and what the repository's answer means.
 */
final class NewestSnapshot {
    private NewestSnapshot() {}

    /**
     * A snapshot's precedence among snapshots of the same update time: one byte of status rank, then the SHA-256 of
     * its content. Compared as unsigned bytes, left to right, as PostgreSQL compares {@code bytea}.
     */
    static byte[] precedence(OrderSnapshot s) {
        byte[] digest = digest(s);
        byte[] out = new byte[1 + digest.length];
        out[0] = (byte) rank(s.status());
        System.arraycopy(digest, 0, out, 1, digest.length);
        return out;
    }

    /**
     * Where a status stands in an order's life, for telling two snapshots of one timestamp apart: later stages rank
     * higher, and a cancellation highest, since both platforms end an order there. An unknown status ranks lowest:
     * a snapshot whose status StoreSync understands says more.
     */
    static int rank(OrderStatus status) {
        return switch (status) {
            case UNKNOWN -> 0;
            case UNPAID -> 1;
            case ON_HOLD -> 2;
            case AWAITING_SHIPMENT -> 3;
            case CANCEL_REQUESTED -> 4;
            case PARTIALLY_SHIPPED -> 5;
            case SHIPPED -> 6;
            case DELIVERED -> 7;
            case COMPLETED -> 8;
            case RETURN_REQUESTED -> 9;
            case RETURNED -> 10;
            case CANCELLED -> 11;
        };
    }

    /** Whether a snapshot at ({@code incoming}, {@code incomingPrecedence}) replaces an order stored at the other. */
    static boolean replaces(@Nullable Instant stored, byte @Nullable [] storedPrecedence, Instant incoming,
            byte[] incomingPrecedence) {
        Objects.requireNonNull(incoming, "incoming");
        Objects.requireNonNull(incomingPrecedence, "incomingPrecedence");
        if (stored == null) return true;
        int byTime = stored.compareTo(incoming);
        if (byTime != 0) return byTime < 0;
        // an order stored before precedences were kept has none: any snapshot of its time may replace it
        return storedPrecedence == null || Arrays.compareUnsigned(storedPrecedence, incomingPrecedence) < 0;
    }

    /** What the repository's write of a snapshot at ({@code incoming}, {@code precedence}) means for the book. */
    static Outcome outcome(Upserted written, Instant incoming, byte[] precedence) {
        Objects.requireNonNull(incoming, "incoming");
        Objects.requireNonNull(precedence, "precedence");
        return switch (written.write()) {
            case INSERTED -> Outcome.CREATED;
            case REPLACED -> Outcome.UPDATED;
            case KEPT -> incoming.equals(written.storedUpdatedAt()) && Arrays.equals(precedence, written.storedPrecedence())
                    ? Outcome.UNCHANGED : Outcome.STALE;
        };
    }

    /**
     * SHA-256 over what the order says — status, amounts, buyer, lines — each value length-prefixed so no two
     * snapshots encode alike; maps in key order, amounts without trailing zeros. The platform's raw data is left out:
     * it may carry what changes on every fetch (a request id, a fetch time) without the order changing.
     */
    static byte[] digest(OrderSnapshot s) {
        StringBuilder b = new StringBuilder(256);
        put(b, s.storeId().value());
        put(b, s.platformOrderId());
        put(b, s.orderNumber());
        put(b, s.platformStatus());
        put(b, s.status());
        put(b, s.financialStatus());
        put(b, s.fulfillmentStatus());
        for (BigDecimal amount : List.of(s.subtotal(), s.taxAmount(), s.shippingAmount(), s.discountAmount(), s.totalAmount())) {
            put(b, amount);
        }
        put(b, s.currency());
        put(b, s.customerInfo());
        put(b, s.tags());
        put(b, s.notes());
        put(b, s.orderedAt());
        put(b, s.platformUpdatedAt());
        b.append('[').append(s.lines().size());
        for (OrderLineSnapshot l : s.lines()) {
            put(b, l.platformLineId());
            put(b, l.platformProductId());
            put(b, l.platformVariantId());
            put(b, l.sku());
            put(b, l.name());
            put(b, l.quantity());
            put(b, l.unitPrice());
            put(b, l.lineTotal());
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }

    private static void put(StringBuilder b, @Nullable Object value) {
        if (value == null) {
            b.append('~');
        } else if (value instanceof Map<?, ?> map) {
            TreeMap<String, @Nullable Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            b.append('{').append(sorted.size());
            sorted.forEach((k, v) -> {
                put(b, k);
                put(b, v);
            });
        } else if (value instanceof List<?> list) {
            b.append('[').append(list.size());
            list.forEach(v -> put(b, v));
        } else {
            String text = value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : value.toString();
            // a type letter keeps the number 1 and the text "1" apart in JSON values
            b.append(value instanceof String ? 's' : value instanceof Number ? 'n' : 'o').append(text.length()).append(':').append(text);
        }
    }
}
