package io.storesync.spi.connector;

import java.time.Duration;
import java.util.Objects;

/**
 * How a platform treats the stock StoreSync pushes, so the engine pushes and polls correctly for it. Declared by
 * {@link Connector#stockSemantics()}; immutable.
 *
 * @param decrementsOnSale the platform lowers the listing's stock itself when an order is placed, so the quantity it
 *     shows between a sale and StoreSync's next push is already lower (true on Shopee and TikTok Shop)
 * @param restoresOnCancel the platform puts stock back itself when an order is cancelled
 * @param perWarehouse quantities are kept per platform warehouse: when the store maps StoreSync locations to its
 *     warehouses ({@code StoreSettings.warehouses}) the engine sends each warehouse's quantity
 *     ({@link StockUpdate#warehouseQuantities()}); otherwise the pushed quantity goes where the connector puts it
 *     (its platform's default warehouse)
 * @param compareAndSet the platform can refuse a push whose expected current quantity no longer holds, so a push
 *     cannot overwrite a sale that happened meanwhile
 * @param maxBatch listings per stock push call; equals {@link ConnectorLimits#maxStockBatch()} unless the platform
 *     counts differently (per warehouse, per model)
 * @param orderIndexLag how long after a change the platform's "orders changed since" search may still miss it; an
 *     order poll re-reads at least this far back so late-indexed orders are never skipped
 */
public record StockSemantics(boolean decrementsOnSale, boolean restoresOnCancel, boolean perWarehouse,
        boolean compareAndSet, int maxBatch, Duration orderIndexLag) {

    public StockSemantics {
        if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be positive");
        Objects.requireNonNull(orderIndexLag, "orderIndexLag");
        if (orderIndexLag.isNegative()) throw new IllegalArgumentException("orderIndexLag must not be negative");
    }

    /**
     * What the engine assumes of a connector that declares nothing: the platform decrements on sale and restores on
     * cancel, one quantity per listing, no compare-and-set, {@code maxBatch} listings a call and no index lag.
     */
    public static StockSemantics marketplace(int maxBatch) {
        return new StockSemantics(true, true, false, false, maxBatch, Duration.ZERO);
    }
}
