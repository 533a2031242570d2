package io.storesync.internal.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.storesync.api.inventory.LocationId;
import io.storesync.api.store.StockBuffer;
import io.storesync.spi.connector.StockUpdate;
import io.storesync.spi.persistence.PushCandidate;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class StockQuantitiesTest {
    private static final UUID VARIANT = UUID.randomUUID();
    private static final LocationId JAKARTA = LocationId.random();
    private static final LocationId BEKASI = LocationId.random();
    private static final LocationId SURABAYA = LocationId.random();
    private static final LocationId RETURNS = LocationId.random();

    private static PushCandidate candidate(int available) {
        return new PushCandidate(UUID.randomUUID(), VARIANT, 1, "p1", "s1", available);
    }

    @Test
    void withoutAMapOneQuantityLessTheBufferIsSentAndTheConnectorPlacesIt() {
        StockUpdate u = StockQuantities.of(StockBuffer.units(2), Map.of(), Map.of()).apply(candidate(10));
        assertThat(u.quantity()).isEqualTo(8);
        assertThat(u.warehouseQuantities()).isEmpty();
    }

    @Test
    void eachWarehouseGetsItsLocationsStockAndUnmappedLocationsAreLeftOut() {
        Map<LocationId, String> map = Map.of(JAKARTA, "w-west", BEKASI, "w-west", SURABAYA, "w-east");
        Map<UUID, Map<LocationId, Integer>> stock = Map.of(VARIANT, Map.of(JAKARTA, 7, BEKASI, 3, RETURNS, 9));
        StockUpdate u = StockQuantities.of(StockBuffer.NONE, map, stock).apply(candidate(19));
        // Surabaya holds none of it: its warehouse is still named, with 0
        assertThat(u.warehouseQuantities()).containsExactlyInAnyOrderEntriesOf(Map.of("w-west", 10, "w-east", 0));
        assertThat(u.quantity()).isEqualTo(10);
    }

    @Test
    void theBufferIsHeldBackFromTheFullestWarehouseFirst() {
        Map<LocationId, String> map = Map.of(JAKARTA, "w-west", SURABAYA, "w-east");
        Map<UUID, Map<LocationId, Integer>> stock = Map.of(VARIANT, Map.of(JAKARTA, 4, SURABAYA, 6));
        StockUpdate u = StockQuantities.of(StockBuffer.units(8), map, stock).apply(candidate(10));
        assertThat(u.warehouseQuantities()).containsExactlyInAnyOrderEntriesOf(Map.of("w-west", 2, "w-east", 0));
        assertThat(u.quantity()).isEqualTo(2);
    }

    @Test
    void aLocationOversoldCountsAsNothingNotAsADebtOfItsWarehouse() {
        Map<LocationId, String> map = Map.of(JAKARTA, "w-west", SURABAYA, "w-east");
        Map<UUID, Map<LocationId, Integer>> stock = Map.of(VARIANT, Map.of(JAKARTA, -3, SURABAYA, 6));
        StockUpdate u = StockQuantities.of(StockBuffer.NONE, map, stock).apply(candidate(3));
        assertThat(u.warehouseQuantities()).containsExactlyInAnyOrderEntriesOf(Map.of("w-west", 0, "w-east", 6));
    }

    @Property
    void warehousesNeverShowMoreThanTheirLocationsHoldAndAddUpToTheBufferedTotal(
            @ForAll @IntRange(min = -50, max = 500) int jakarta, @ForAll @IntRange(min = -50, max = 500) int bekasi,
            @ForAll @IntRange(min = -50, max = 500) int surabaya, @ForAll @IntRange(min = 0, max = 100) int percent) {
        Map<LocationId, String> map = Map.of(JAKARTA, "w-west", BEKASI, "w-west", SURABAYA, "w-east");
        Map<UUID, Map<LocationId, Integer>> stock = Map.of(VARIANT, Map.of(JAKARTA, jakarta, BEKASI, bekasi, SURABAYA, surabaya));
        StockBuffer buffer = StockBuffer.percent(percent);
        StockUpdate u = StockQuantities.of(buffer, map, stock).apply(candidate(0));
        int west = Math.max(0, jakarta + bekasi);
        int east = Math.max(0, surabaya);
        assertThat(u.quantity()).isEqualTo(buffer.apply(west + east));
        assertThat(u.warehouseQuantities().get("w-west")).isBetween(0, west);
        assertThat(u.warehouseQuantities().get("w-east")).isBetween(0, east);
        assertThat(u.warehouseQuantities().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(u.quantity());
    }
}
