package io.storesync.internal.core.store;

import io.storesync.api.ValidationException;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.store.StockBuffer;
import io.storesync.api.store.StoreSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The document kept in {@code stores.settings}, as a JSON-shaped tree (maps, numbers, strings, booleans), and
 * {@link StoreSettings}. It lives in core so that every persistence implementation reads and writes the same
 * document; the adapter only turns the tree into {@code jsonb} and back.
 *
 * <p>Reading is tolerant where tolerance is safe: a missing or null key takes its default, because rows written by
 * older versions or by hand (tests, migrations) carry only some keys, and keys StoreSync does not know are ignored
 * (other features keep their own keys in the same document). A value of the wrong type or out of range is refused
 * with an {@link InvalidStoreSettingException} naming the key, instead of being read as zero.
 */
public final class StoreSettingsCodec {
    static final String ORDER_POLL_INTERVAL = "order_poll_interval_seconds";
    static final String STOCK_BUFFER = "stock_buffer";
    static final String STOCK_BUFFER_KIND = "stock_buffer.kind";
    static final String STOCK_BUFFER_AMOUNT = "stock_buffer.amount";
    static final String PUSH_STOCK = "push_stock";
    static final String INITIAL_ORDER_LOOKBACK = "initial_order_lookback_seconds";
    /** Camel case: the order ingestion's store read ({@code JdbiOrderRepository.store}) reads this key by name. */
    static final String RESTOCK_ON_RETURN = "restockOnReturn";
    /** {@code {"<location id>": "<platform warehouse id>"}}; written only when not empty. */
    static final String WAREHOUSES = "warehouses";

    private StoreSettingsCodec() {}

    /** The document for {@code settings}; every key is written so that SQL reading one key sees the real value. */
    public static Map<String, Object> encode(StoreSettings settings) {
        Map<String, Object> buffer = new LinkedHashMap<>();
        buffer.put("kind", settings.stockBuffer().kind().name().toLowerCase(Locale.ROOT));
        buffer.put("amount", settings.stockBuffer().amount());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(ORDER_POLL_INTERVAL, settings.orderPollInterval().toSeconds());
        doc.put(STOCK_BUFFER, buffer);
        doc.put(PUSH_STOCK, settings.pushStock());
        doc.put(INITIAL_ORDER_LOOKBACK, settings.initialOrderLookback().toSeconds());
        doc.put(RESTOCK_ON_RETURN, settings.restockOnReturn());
        if (!settings.warehouses().isEmpty()) {
            Map<String, Object> warehouses = new java.util.TreeMap<>();
            settings.warehouses().forEach((location, warehouse) -> warehouses.put(location.toString(), warehouse));
            doc.put(WAREHOUSES, warehouses);
        }
        return doc;
    }

    /**
     * The settings a stored document describes; a null document is the defaults.
     *
     * @throws InvalidStoreSettingException when a known key holds a value of the wrong type or out of range
     */
    public static StoreSettings decode(@Nullable Map<String, ?> doc) {
        StoreSettings settings = StoreSettings.DEFAULTS;
        if (doc == null) return settings;
        Object poll = doc.get(ORDER_POLL_INTERVAL);
        if (poll != null) {
            Duration interval = Duration.ofSeconds(whole(ORDER_POLL_INTERVAL, poll));
            settings = checked(ORDER_POLL_INTERVAL, () -> StoreSettings.DEFAULTS.withOrderPollInterval(interval));
        }
        Object buffer = doc.get(STOCK_BUFFER);
        if (buffer != null) settings = settings.withStockBuffer(buffer(buffer));
        boolean pushStock = settings.pushStock();
        Object push = doc.get(PUSH_STOCK);
        if (push != null) {
            if (!(push instanceof Boolean b)) throw new InvalidStoreSettingException(PUSH_STOCK, "a boolean", push);
            pushStock = b;
        }
        Object lookback = doc.get(INITIAL_ORDER_LOOKBACK);
        Duration initialLookback = lookback == null ? settings.initialOrderLookback()
                : Duration.ofSeconds(whole(INITIAL_ORDER_LOOKBACK, lookback));
        boolean restock = settings.restockOnReturn();
        Object restockValue = doc.get(RESTOCK_ON_RETURN);
        if (restockValue != null) {
            if (!(restockValue instanceof Boolean b)) throw new InvalidStoreSettingException(RESTOCK_ON_RETURN, "a boolean", restockValue);
            restock = b;
        }
        StoreSettings read = settings;
        boolean pushes = pushStock;
        boolean restocks = restock;
        StoreSettings decoded = checked(INITIAL_ORDER_LOOKBACK,
                () -> new StoreSettings(read.orderPollInterval(), read.stockBuffer(), pushes, initialLookback, restocks));
        Object warehouses = doc.get(WAREHOUSES);
        return warehouses == null ? decoded : decoded.withWarehouses(warehouses(warehouses));
    }

    private static Map<LocationId, String> warehouses(Object value) {
        if (!(value instanceof Map<?, ?> map)) throw new InvalidStoreSettingException(WAREHOUSES, "an object", value);
        Map<LocationId, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String warehouse)) {
                throw new InvalidStoreSettingException(WAREHOUSES, "warehouse ids as strings", e.getValue());
            }
            LocationId location = checked(WAREHOUSES, () -> LocationId.of(String.valueOf(e.getKey())));
            out.put(location, warehouse);
        }
        return checked(WAREHOUSES, () -> StoreSettings.DEFAULTS.withWarehouses(out).warehouses());
    }

    private static StockBuffer buffer(Object value) {
        if (!(value instanceof Map<?, ?> map)) throw new InvalidStoreSettingException(STOCK_BUFFER, "an object", value);
        Object kindValue = map.get("kind");
        StockBuffer.Kind kind = StockBuffer.Kind.UNITS;
        if (kindValue != null) {
            if (!(kindValue instanceof String text)) {
                throw new InvalidStoreSettingException(STOCK_BUFFER_KIND, "\"units\" or \"percent\"", kindValue);
            }
            kind = switch (text) {
                case "units" -> StockBuffer.Kind.UNITS;
                case "percent" -> StockBuffer.Kind.PERCENT;
                default -> throw new InvalidStoreSettingException(STOCK_BUFFER_KIND, "\"units\" or \"percent\"", text);
            };
        }
        Object amountValue = map.get("amount");
        long amount = amountValue == null ? 0 : whole(STOCK_BUFFER_AMOUNT, amountValue);
        if (amount != (int) amount) throw new InvalidStoreSettingException(STOCK_BUFFER_AMOUNT, "a whole number", amountValue);
        StockBuffer.Kind k = kind;
        return checked(STOCK_BUFFER_AMOUNT, () -> new StockBuffer(k, (int) amount));
    }

    /** A whole number stored as any JSON number type ({@code 30}, {@code 30.0}); fractions and text are refused. */
    private static long whole(String key, Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n) {
            try {
                return new BigDecimal(n.toString()).longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                throw new InvalidStoreSettingException(key, "a whole number", value);
            }
        }
        throw new InvalidStoreSettingException(key, "a number", value);
    }

    private static <T> T checked(String key, Supplier<T> build) {
        try {
            return build.get();
        } catch (ValidationException e) {
            throw new InvalidStoreSettingException(key, e);
        }
    }

    /** A stored store setting that StoreSync cannot use; {@link #key()} says which. */
    public static final class InvalidStoreSettingException extends ValidationException {
        private static final long serialVersionUID = 1L;
        private final String key;

        InvalidStoreSettingException(String key, String expected, Object actual) {
            super("store setting '" + key + "' must be " + expected + ", got " + describe(actual));
            this.key = key;
        }

        InvalidStoreSettingException(String key, ValidationException cause) {
            super("store setting '" + key + "' is out of range: " + cause.getMessage(), cause);
            this.key = key;
        }

        /** The key, dotted for nested ones ({@code stock_buffer.kind}). */
        public String key() {
            return key;
        }

        private static String describe(Object value) {
            return value instanceof String s ? "\"" + s + "\"" : value.getClass().getSimpleName() + " " + value;
        }
    }
}
