package io.storesync.api.store;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Check;

/**
 * Stock held back from a store: the quantity pushed is the available quantity minus the buffer, never below zero.
 * A buffer in units subtracts a fixed number; a buffer in percent subtracts that share of the available quantity,
 * rounded up (so a 10% buffer on 5 units pushes 4).
 *
 * @param kind units or percent
 * @param amount units (0 or more) or percent (0 to 100)
 */
public record StockBuffer(Kind kind, int amount) {
    /** No buffer: push the available quantity. */
    public static final StockBuffer NONE = new StockBuffer(Kind.UNITS, 0);

    /** How a buffer is measured. */
    public enum Kind {
        /** A fixed number of units. */
        UNITS,
        /** A share of the available quantity. */
        PERCENT
    }

    public StockBuffer {
        Check.present(kind, "kind");
        Check.nonNegative(amount, "amount");
        if (kind == Kind.PERCENT && amount > 100) throw new ValidationException("a percent buffer is at most 100, got " + amount);
    }

    /** Holds back {@code units} units. */
    public static StockBuffer units(int units) {
        return new StockBuffer(Kind.UNITS, units);
    }

    /** Holds back {@code percent}% of the available quantity, rounded up. */
    public static StockBuffer percent(int percent) {
        return new StockBuffer(Kind.PERCENT, percent);
    }

    /** The quantity to show on the store when {@code available} units are available. */
    public int apply(int available) {
        if (available <= 0) return 0;
        int held = kind == Kind.UNITS ? amount : (int) Math.ceil(available * (amount / 100.0));
        return Math.max(0, available - held);
    }
}
