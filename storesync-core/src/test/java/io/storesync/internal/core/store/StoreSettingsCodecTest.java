package io.storesync.internal.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.api.ValidationException;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.store.StockBuffer;
import io.storesync.api.store.StoreSettings;
import io.storesync.internal.core.store.StoreSettingsCodec.InvalidStoreSettingException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreSettingsCodecTest {

    @Test
    void encodesEveryKeyWithLowerCaseBufferKind() {
        StoreSettings settings = new StoreSettings(Duration.ofSeconds(30), StockBuffer.percent(15), false, Duration.ofHours(2));
        assertThat(StoreSettingsCodec.encode(settings)).containsExactly(
                Map.entry("order_poll_interval_seconds", 30L),
                Map.entry("stock_buffer", Map.of("kind", "percent", "amount", 15)),
                Map.entry("push_stock", false),
                Map.entry("initial_order_lookback_seconds", 7200L),
                Map.entry("restockOnReturn", false));
    }

    @Test
    void decodesWhatItEncodes() {
        StoreSettings settings = new StoreSettings(Duration.ofMinutes(7), StockBuffer.units(3), true, Duration.ZERO);
        assertThat(StoreSettingsCodec.decode(StoreSettingsCodec.encode(settings))).isEqualTo(settings);
    }

    @Test
    void missingDocumentOrKeysTakeTheDefaults() {
        assertThat(StoreSettingsCodec.decode(null)).isEqualTo(StoreSettings.DEFAULTS);
        assertThat(StoreSettingsCodec.decode(Map.of())).isEqualTo(StoreSettings.DEFAULTS);
        Map<String, Object> nulls = new HashMap<>();
        nulls.put("push_stock", null);
        assertThat(StoreSettingsCodec.decode(nulls)).isEqualTo(StoreSettings.DEFAULTS);
        assertThat(StoreSettingsCodec.decode(Map.of("push_stock", false)))
                .isEqualTo(new StoreSettings(Duration.ofMinutes(5), StockBuffer.NONE, false, Duration.ofDays(1)));
    }

    @Test
    void unknownKeysAreLeftToTheirOwners() {
        assertThat(StoreSettingsCodec.decode(Map.of("someone_elses_key", true, "order_poll_interval_seconds", 60)))
                .isEqualTo(StoreSettings.DEFAULTS.withOrderPollInterval(Duration.ofMinutes(1)));
    }

    @Test
    void restockOnReturnIsASettingUnderTheKeyOrderIngestionReads() {
        StoreSettings restocking = StoreSettings.DEFAULTS.withRestockOnReturn(true);
        assertThat(StoreSettingsCodec.encode(restocking)).containsEntry("restockOnReturn", true);
        assertThat(StoreSettingsCodec.decode(StoreSettingsCodec.encode(restocking))).isEqualTo(restocking);
        assertThat(StoreSettingsCodec.decode(Map.of("restockOnReturn", true)).restockOnReturn()).isTrue();
        assertThat(StoreSettings.DEFAULTS.restockOnReturn()).isFalse();
        assertRefused(Map.of("restockOnReturn", "yes"), "restockOnReturn");
    }

    @Test
    void bufferWithoutKindCountsUnitsAndWithoutAmountHoldsNothing() {
        assertThat(StoreSettingsCodec.decode(Map.of("stock_buffer", Map.of("amount", 4))).stockBuffer())
                .isEqualTo(StockBuffer.units(4));
        assertThat(StoreSettingsCodec.decode(Map.of("stock_buffer", Map.of("kind", "percent"))).stockBuffer())
                .isEqualTo(StockBuffer.percent(0));
    }

    @Test
    void wholeNumbersInAnyJsonNumberTypeAreAccepted() {
        assertThat(StoreSettingsCodec.decode(Map.of("order_poll_interval_seconds", 90.0)).orderPollInterval())
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(StoreSettingsCodec.decode(Map.of("initial_order_lookback_seconds", 3600L)).initialOrderLookback())
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void valuesOfTheWrongTypeAreRefusedNamingTheKey() {
        assertRefused(Map.of("order_poll_interval_seconds", "30"), "order_poll_interval_seconds");
        assertRefused(Map.of("order_poll_interval_seconds", 30.5), "order_poll_interval_seconds");
        assertRefused(Map.of("push_stock", "yes"), "push_stock");
        assertRefused(Map.of("stock_buffer", List.of(1)), "stock_buffer");
        assertRefused(Map.of("stock_buffer", Map.of("kind", "boxes", "amount", 1)), "stock_buffer.kind");
        assertRefused(Map.of("stock_buffer", Map.of("kind", 1)), "stock_buffer.kind");
        assertRefused(Map.of("stock_buffer", Map.of("amount", "1")), "stock_buffer.amount");
        assertRefused(Map.of("stock_buffer", Map.of("amount", 1L << 40)), "stock_buffer.amount");
        assertRefused(Map.of("initial_order_lookback_seconds", true), "initial_order_lookback_seconds");
    }

    @Test
    void valuesOutOfRangeAreRefusedNamingTheKey() {
        assertRefused(Map.of("order_poll_interval_seconds", 0), "order_poll_interval_seconds");
        assertRefused(Map.of("order_poll_interval_seconds", 86_401), "order_poll_interval_seconds");
        assertRefused(Map.of("stock_buffer", Map.of("kind", "percent", "amount", 101)), "stock_buffer.amount");
        assertRefused(Map.of("stock_buffer", Map.of("amount", -1)), "stock_buffer.amount");
        assertRefused(Map.of("initial_order_lookback_seconds", -1), "initial_order_lookback_seconds");
        assertRefused(Map.of("initial_order_lookback_seconds", 91 * 86_400), "initial_order_lookback_seconds");
    }

    @Test
    void warehousesAreWrittenOnlyWhenMappedAndReadBack() {
        LocationId jakarta = LocationId.of("6f1c2b1e-0000-4000-8000-000000000001");
        StoreSettings mapped = StoreSettings.DEFAULTS.withWarehouses(Map.of(jakarta, "7068517275539719951"));
        assertThat(StoreSettingsCodec.encode(mapped)).containsEntry("warehouses",
                Map.of("6f1c2b1e-0000-4000-8000-000000000001", "7068517275539719951"));
        assertThat(StoreSettingsCodec.decode(StoreSettingsCodec.encode(mapped))).isEqualTo(mapped);
        assertThat(StoreSettingsCodec.encode(StoreSettings.DEFAULTS)).doesNotContainKey("warehouses");
        assertRefused(Map.of("warehouses", List.of("7068517275539719951")), "warehouses");
        assertRefused(Map.of("warehouses", Map.of("not-a-location", "7068517275539719951")), "warehouses");
        assertRefused(Map.of("warehouses", Map.of("6f1c2b1e-0000-4000-8000-000000000001", 7068517275539719951L)), "warehouses");
        assertRefused(Map.of("warehouses", Map.of("6f1c2b1e-0000-4000-8000-000000000001", "a b")), "warehouses");
    }

    private static void assertRefused(Map<String, ?> doc, String key) {
        assertThatThrownBy(() -> StoreSettingsCodec.decode(doc))
                .isInstanceOf(InvalidStoreSettingException.class)
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'" + key + "'")
                .satisfies(e -> assertThat(((InvalidStoreSettingException) e).key()).isEqualTo(key));
    }
}
