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
    public OrderLineSnapshot {
        Check.text(platformLineId, "platformLineId", 255);
        Check.optionalText(platformProductId, "platformProductId", 255);
        Check.optionalText(platformVariantId, "platformVariantId", 255);
        Check.optionalText(sku, "sku", 255);
        Check.text(name, "name", 500);
        Check.nonNegative(quantity, "quantity");
        Check.nonNegativeDecimal(Check.present(unitPrice, "unitPrice"), "unitPrice", 12, 2);
        Check.nonNegativeDecimal(Check.present(lineTotal, "lineTotal"), "lineTotal", 12, 2);
    }
}
