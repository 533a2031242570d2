package io.storesync.api.store;

import io.storesync.api.ValidationException;
import io.storesync.api.inventory.LocationId;
import io.storesync.internal.api.Check;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How StoreSync syncs one store.
 *
 * @param orderPollInterval how often orders are polled (webhooks make this a safety net); 10 seconds to 1 day
 * @param stockBuffer stock held back from this store
 * @param pushStock whether stock changes are pushed to this store
 * @param initialOrderLookback how far back the first order poll reads, from the moment the store is connected
 * @param restockOnReturn whether the units of a shipped order that comes back {@code RETURNED} are put back on hand
 * @param warehouses for a platform that keeps stock per warehouse (TikTok Shop), which of the store's platform
 *     warehouses (by the platform's warehouse id) each StoreSync location stocks; several locations may stock one
 *     warehouse. Empty (the default): the store's whole available quantity goes where the connector puts it (its
 *     default warehouse). Not empty: each warehouse is sent the available quantity of its locations, and stock at
 *     locations not named here is not offered on this store. Ignored by platforms with one quantity per listing. At
 *     most 100 entries; warehouse ids are 1 to 64 letters, digits, {@code _} or {@code -}
 */
public record StoreSettings(Duration orderPollInterval, StockBuffer stockBuffer, boolean pushStock,
        Duration initialOrderLookback, boolean restockOnReturn, Map<LocationId, String> warehouses) {
    /** Poll every five minutes, no buffer, push stock, read back one day, do not restock returns, no warehouses. */
    public static final StoreSettings DEFAULTS =
            new StoreSettings(Duration.ofMinutes(5), StockBuffer.NONE, true, Duration.ofDays(1), false, Map.of());
    private static final Pattern WAREHOUSE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

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
        Check.present(warehouses, "warehouses");
        for (Map.Entry<LocationId, String> e : warehouses.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) throw new ValidationException("warehouses holds a null");
        }
        warehouses = Map.copyOf(warehouses);
        if (warehouses.size() > 100) throw new ValidationException("at most 100 locations may be mapped to warehouses");
        for (String warehouse : warehouses.values()) {
            if (!WAREHOUSE_ID.matcher(warehouse).matches()) {
                throw new ValidationException("a warehouse id must be 1 to 64 letters, digits, _ or -");
            }
        }
    }

    /** Settings that map no location to a platform warehouse. */
    public StoreSettings(Duration orderPollInterval, StockBuffer stockBuffer, boolean pushStock,
            Duration initialOrderLookback, boolean restockOnReturn) {
        this(orderPollInterval, stockBuffer, pushStock, initialOrderLookback, restockOnReturn, Map.of());
    }

    /** Settings that do not restock returns (the settings before {@code restockOnReturn} could be set). */
    public StoreSettings(Duration orderPollInterval, StockBuffer stockBuffer, boolean pushStock,
            Duration initialOrderLookback) {
        this(orderPollInterval, stockBuffer, pushStock, initialOrderLookback, false, Map.of());
    }

    /** These settings with another poll interval. */
    public StoreSettings withOrderPollInterval(Duration interval) {
        return new StoreSettings(interval, stockBuffer, pushStock, initialOrderLookback, restockOnReturn, warehouses);
    }

    /** These settings with another stock buffer. */
    public StoreSettings withStockBuffer(StockBuffer buffer) {
        return new StoreSettings(orderPollInterval, buffer, pushStock, initialOrderLookback, restockOnReturn, warehouses);
    }

    /** These settings, restocking returned goods or not. */
    public StoreSettings withRestockOnReturn(boolean restock) {
        return new StoreSettings(orderPollInterval, stockBuffer, pushStock, initialOrderLookback, restock, warehouses);
    }

    /** These settings with this location-to-warehouse map (empty: no mapping). */
    public StoreSettings withWarehouses(Map<LocationId, String> map) {
        return new StoreSettings(orderPollInterval, stockBuffer, pushStock, initialOrderLookback, restockOnReturn, map);
    }
}
