package io.storesync.api.order;

import io.storesync.api.catalogue.VariantId;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A stored order line. {@code variantId} is empty when the line matched no listing and no SKU: it is kept, never
 * guessed. {@code stockStage} is the stock effect applied so far; {@code shortfallQuantity} the units that could
 * not be reserved.
 */
public record OrderLine(UUID id, @Nullable VariantId variantId, String platformLineId, @Nullable String platformProductId,
        @Nullable String platformVariantId, @Nullable String sku, String name, int quantity, BigDecimal price,
        BigDecimal totalAmount, StockStage stockStage, int shortfallQuantity) {

    /** The variant the line sells, if StoreSync could tell. */
    public Optional<VariantId> variant() {
        return Optional.ofNullable(variantId);
    }

    /** The stock effect an order line has had. */
    public enum StockStage {
        /** Nothing yet (unmapped, or first seen cancelled). */
        NONE,
        /** Units reserved for the line. */
        RESERVED,
        /** Units shipped: on hand and reserved both down. */
        COMMITTED,
        /** Cancelled before shipping: the reservation was released. */
        RELEASED,
        /** Returned (or cancelled after shipping): restocked if the store says so. */
        RETURNED
    }
}
