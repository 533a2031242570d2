package io.storesync.api.order;

import io.storesync.api.store.StoreId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An order in the unified order book, with its lines. {@code hasUnmappedLines} and {@code shortfallQuantity} say
 * whether it needs a seller's attention: a line StoreSync could not match to a variant, or units the platform sold
 * that the stock could not cover.
 */
public record Order(OrderId id, StoreId storeId, String platformOrderId, @Nullable String orderNumber,
        String platformStatus, OrderStatus status, @Nullable FinancialStatus financialStatus,
        @Nullable FulfillmentStatus fulfillmentStatus, BigDecimal subtotal, BigDecimal taxAmount,
        BigDecimal shippingAmount, BigDecimal discountAmount, BigDecimal totalAmount, String currency,
        Map<String, Object> customerInfo, List<String> tags, @Nullable String notes, Instant orderedAt,
        Instant platformUpdatedAt, Map<String, Object> platformData, boolean hasUnmappedLines, int shortfallQuantity,
        Instant createdAt, Instant updatedAt, List<OrderLine> lines) {
    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(storeId, "storeId");
        customerInfo = Map.copyOf(customerInfo);
        tags = List.copyOf(tags);
        platformData = Map.copyOf(platformData);
        lines = List.copyOf(lines);
    }

    /** Whether a seller should look at this order. */
    public boolean needsAttention() {
        return hasUnmappedLines || shortfallQuantity > 0;
    }
}
