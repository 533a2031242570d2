package io.storesync.api.store;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Check;
import java.time.Duration;

/**
 * How StoreSync syncs one store.
 *
 * @param orderPollInterval how often orders are polled (webhooks make this a safety net); 10 seconds to 1 day
 * @param stockBuffer stock held back from this store
 * @param pushStock whether stock changes are pushed to this store
 * @param initialOrderLookback how far back the first order poll reads, from the moment the store is connected
 * @param restockOnReturn whether the units of a shipped order that comes back {@code RETURNED} are put back on hand
 */
public record StoreSettings(Duration orderPollInterval, StockBuffer stockBuffer, boolean pushStock,
        Duration initialOrderLookback, boolean restockOnReturn) {
    /** Poll every five minutes, no buffer, push stock, read back one day, do not restock returns. */
    public static final StoreSettings DEFAULTS =
            new StoreSettings(Duration.ofMinutes(5), StockBuffer.NONE, true, Duration.ofDays(1), false);

    public StoreSettings {
        Check.present(orderPollInterval, "orderPollInterval");
        Check.present(stockBuffer, "stockBuffer");
        Check.present(initialOrderLookback, "initialOrderLookback");
        if (orderPollInterval.compareTo(Duration.ofSeconds(1)) < 0 || orderPollInterval.compareTo(Duration.ofDays(1)) > 0) {
            throw new ValidationException("orderPollInterval must be between 1 second and 1 day, got " + orderPollInterval);
        }
        if (initialOrderLookback.isNegative() || initialOrderLookback.compareTo(Duration.ofDays(90)) > 0) {
            throw new ValidationException("initialOrderLookback must be between 0 and 90 days, got " + initialOrderLookback);
        }
    }

    /** Settings that do not restock returns (the settings before {@code restockOnReturn} could be set). */
    public StoreSettings(Duration orderPollInterval, StockBuffer stockBuffer, boolean pushStock,
            Duration initialOrderLookback) {
        this(orderPollInterval, stockBuffer, pushStock, initialOrderLookback, false);
    }

    /** These settings with another poll interval. */
    public StoreSettings withOrderPollInterval(Duration interval) {
        return new StoreSettings(interval, stockBuffer, pushStock, initialOrderLookback, restockOnReturn);
    }

    /** These settings with another stock buffer. */
    public StoreSettings withStockBuffer(StockBuffer buffer) {
        return new StoreSettings(orderPollInterval, buffer, pushStock, initialOrderLookback, restockOnReturn);
    }

    /** These settings, restocking returned goods or not. */
    public StoreSettings withRestockOnReturn(boolean restock) {
        return new StoreSettings(orderPollInterval, stockBuffer, pushStock, initialOrderLookback, restock);
    }
}
