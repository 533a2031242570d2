package io.storesync.api.inventory;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Check;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What travels with a stock operation: an optional idempotency key (a retried call with the same key applies once
 * and returns the first result), an optional reference to what caused it (an order, a purchase, a count sheet),
 * and an optional note for the ledger.
 */
public record StockContext(@Nullable String idempotencyKey, @Nullable String referenceType, @Nullable UUID referenceId,
        @Nullable String note) {
    private static final StockContext NONE = new StockContext(null, null, null, null);

    public StockContext {
        if (idempotencyKey != null) Check.text(idempotencyKey, "idempotencyKey", 255);
        if (referenceType != null) Check.text(referenceType, "referenceType", 50);
        if (referenceId != null && referenceType == null) {
            throw new ValidationException("referenceId needs a referenceType saying what it refers to");
        }
        Check.optionalText(note, "note", 10_000);
    }

    /** No key, no reference, no note. */
    public static StockContext none() {
        return NONE;
    }

    /** Just a note. */
    public static StockContext note(String note) {
        return new StockContext(null, null, null, note);
    }

    /** Just an idempotency key. */
    public static StockContext idempotent(String key) {
        return new StockContext(key, null, null, null);
    }

    /** This context with an idempotency key. */
    public StockContext withIdempotencyKey(String key) {
        return new StockContext(key, referenceType, referenceId, note);
    }

    /** This context with a reference to what caused the movement. */
    public StockContext withReference(String type, UUID id) {
        return new StockContext(idempotencyKey, type, id, note);
    }

    /** This context with a note. */
    public StockContext withNote(String note) {
        return new StockContext(idempotencyKey, referenceType, referenceId, note);
    }
}
