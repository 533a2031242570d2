package io.storesync.spi.connector;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The quantity a listing should show. Absolute, never a delta, so pushing it twice is harmless.
 *
 * @param quantity the quantity the listing should show in all
 * @param warehouseQuantities for a platform that keeps stock per warehouse ({@link StockSemantics#perWarehouse()}),
 *     the quantity of each of the store's platform warehouses, by the platform's warehouse id, when the store maps
 *     StoreSync locations to warehouses ({@code StoreSettings.warehouses}): every mapped warehouse is named, and
 *     {@code quantity} is their sum. Empty when the store maps none: the connector then places {@code quantity}
 *     itself (its platform's default warehouse).
 */
public record StockUpdate(String platformProductId, @Nullable String platformVariantId, int quantity,
        Map<String, Integer> warehouseQuantities) {
    public StockUpdate {
        Objects.requireNonNull(platformProductId, "platformProductId");
        if (quantity < 0) throw new IllegalArgumentException("quantity must not be negative");
        warehouseQuantities = Map.copyOf(warehouseQuantities);
        long sum = 0;
        for (int q : warehouseQuantities.values()) {
            if (q < 0) throw new IllegalArgumentException("a warehouse quantity must not be negative");
            sum += q;
        }
        if (!warehouseQuantities.isEmpty() && sum != quantity) {
            throw new IllegalArgumentException("quantity must be the sum of the warehouse quantities");
        }
    }

    /** One quantity for the listing, placed by the connector. */
    public StockUpdate(String platformProductId, @Nullable String platformVariantId, int quantity) {
        this(platformProductId, platformVariantId, quantity, Map.of());
    }
}
