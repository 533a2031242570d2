package io.storesync.internal.core.job;

import io.storesync.api.inventory.LocationId;
import io.storesync.api.store.StockBuffer;
import io.storesync.internal.core.store.StoreSession;
import io.storesync.spi.connector.StockUpdate;
import io.storesync.spi.persistence.PushCandidate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * The quantities a stock push sends for its listings. One quantity per listing, the available quantity less the
 * store's buffer; or, when the store maps its locations to platform warehouses ({@code StoreSettings.warehouses}) and
 * its platform keeps stock per warehouse, each mapped warehouse's share: the available quantity of its locations
 * (never below zero), stock at unmapped locations left out, and the buffer, applied to their sum, held back from the
 * fullest warehouses first (ties in warehouse id order) so the warehouses that have most keep selling.
 */
final class StockQuantities implements Function<PushCandidate, StockUpdate> {
    private final StockBuffer buffer;
    private final Map<LocationId, String> warehouses;
    private final Map<UUID, Map<LocationId, Integer>> byLocation;

    private StockQuantities(StockBuffer buffer, Map<LocationId, String> warehouses,
            Map<UUID, Map<LocationId, Integer>> byLocation) {
        this.buffer = buffer;
        this.warehouses = warehouses;
        this.byLocation = byLocation;
    }

    /** The quantities for these candidates of the session's store, reading per-location stock when it needs them. */
    static StockQuantities of(JobContext ctx, StoreSession s, List<PushCandidate> candidates) {
        StockBuffer buffer = s.store().settings().stockBuffer();
        Map<LocationId, String> warehouses = s.store().settings().warehouses();
        if (warehouses.isEmpty() || !s.connector().stockSemantics().perWarehouse()) {
            return new StockQuantities(buffer, Map.of(), Map.of());
        }
        List<UUID> variants = candidates.stream().map(PushCandidate::variantId).distinct().toList();
        return new StockQuantities(buffer, warehouses, ctx.tx(tx -> tx.stockPushes().availableByLocation(variants)));
    }

    /** Only for tests: quantities from this per-location stock. */
    static StockQuantities of(StockBuffer buffer, Map<LocationId, String> warehouses,
            Map<UUID, Map<LocationId, Integer>> byLocation) {
        return new StockQuantities(buffer, Map.copyOf(warehouses), byLocation);
    }

    @Override
    public StockUpdate apply(PushCandidate c) {
        if (warehouses.isEmpty()) {
            return new StockUpdate(c.platformProductId(), c.platformVariantId(), buffer.apply(c.available()));
        }
        Map<LocationId, Integer> stock = byLocation.getOrDefault(c.variantId(), Map.of());
        Map<String, Integer> perWarehouse = new TreeMap<>();
        warehouses.forEach((location, warehouse) ->
                perWarehouse.merge(warehouse, stock.getOrDefault(location, 0), Integer::sum));
        perWarehouse.replaceAll((w, q) -> Math.max(0, q));
        int total = perWarehouse.values().stream().mapToInt(Integer::intValue).sum();
        int shown = buffer.apply(total);
        int held = total - shown;
        List<String> fullestFirst = new ArrayList<>(perWarehouse.keySet());
        fullestFirst.sort(Comparator.comparing((String w) -> perWarehouse.get(w)).reversed());
        for (String w : fullestFirst) {
            if (held == 0) break;
            int take = Math.min(held, perWarehouse.get(w));
            perWarehouse.put(w, perWarehouse.get(w) - take);
            held -= take;
        }
        return new StockUpdate(c.platformProductId(), c.platformVariantId(), shown, perWarehouse);
    }
}
