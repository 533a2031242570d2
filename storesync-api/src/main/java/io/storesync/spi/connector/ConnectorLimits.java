package io.storesync.spi.connector;

import java.time.Duration;

/**
 * What a platform allows, so the engine stays inside it.
 *
 * @param callsPerSecond sustained calls per second per store (a token bucket refilled at this rate)
 * @param burst calls allowed at once after a quiet spell
 * @param maxStockBatch listings per stock push call
 * @param maxPriceBatch listings per price push call
 * @param maxOrderWindow the widest time window one "orders changed" query may span
 */
public record ConnectorLimits(double callsPerSecond, int burst, int maxStockBatch, int maxPriceBatch,
        Duration maxOrderWindow) {
    /** 10 calls per second, bursts of 10, 50 listings per push, one-day order windows. */
    public static final ConnectorLimits DEFAULT = new ConnectorLimits(10, 10, 50, 50, Duration.ofDays(1));

    public ConnectorLimits {
        if (!(callsPerSecond > 0)) throw new IllegalArgumentException("callsPerSecond must be positive");
        if (burst < 1 || maxStockBatch < 1 || maxPriceBatch < 1) throw new IllegalArgumentException("limits must be positive");
        if (maxOrderWindow.isNegative() || maxOrderWindow.isZero()) throw new IllegalArgumentException("maxOrderWindow must be positive");
    }
}
