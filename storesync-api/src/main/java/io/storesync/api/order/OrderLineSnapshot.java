package io.storesync.api.order;

import io.storesync.internal.api.Check;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * One line of an order as the platform reports it. {@code platformLineId} identifies the line across snapshots of the
 * same order (Shopee's order item and model, TikTok's line item); when a platform has none, the connector derives one
 * that is stable across snapshots.
 */
public record OrderLineSnapshot(String platformLineId, @Nullable String platformProductId, @Nullable String platformVariantId,
        @Nullable String sku, String name, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
    /**
     * The most units one line may order. Far above any marketplace's per-order limit; it bounds the arithmetic on
     * quantities (an order's lines sum to at most {@code OrderSnapshot.MAX_LINES} times this, inside an {@code int}).
     */
    public static final int MAX_QUANTITY = 1_000_000;

    /** Refuses text PostgreSQL cannot store and quantities outside 0..{@value #MAX_QUANTITY}, naming the field. */
    public OrderLineSnapshot {
        Check.storableRequired(platformLineId, "platformLineId", 255);
        Check.storableText(platformProductId, "platformProductId", 255);
        Check.storableText(platformVariantId, "platformVariantId", 255);
        Check.storableText(sku, "sku", 255);
        Check.storableRequired(name, "name", 500);
        Check.quantity(quantity, "quantity", MAX_QUANTITY);
        Check.nonNegativeDecimal(Check.present(unitPrice, "unitPrice"), "unitPrice", 12, 2);
        Check.nonNegativeDecimal(Check.present(lineTotal, "lineTotal"), "lineTotal", 12, 2);
    }
}
