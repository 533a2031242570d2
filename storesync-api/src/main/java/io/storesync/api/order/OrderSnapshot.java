package io.storesync.api.order;

import io.storesync.api.ValidationException;
import io.storesync.api.store.StoreId;
import io.storesync.internal.api.Check;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An order as a platform reported it at {@code platformUpdatedAt}: what a connector produces from a webhook or a poll,
 * and what StoreSync ingests. Snapshots of one order may arrive twice, late or out of order; StoreSync keeps the
 * newest by {@code platformUpdatedAt}.
 *
 * @param platformStatus the platform's own status text, kept verbatim
 * @param status the unified status ({@link OrderStatusMapping#map})
 * @param customerInfo buyer details as JSON-like values (name, email, phone, address)
 * @param platformData the platform's raw order, kept for support and re-processing
 */
public record OrderSnapshot(StoreId storeId, String platformOrderId, @Nullable String orderNumber, String platformStatus,
        OrderStatus status, @Nullable FinancialStatus financialStatus, @Nullable FulfillmentStatus fulfillmentStatus,
        BigDecimal subtotal, BigDecimal taxAmount, BigDecimal shippingAmount, BigDecimal discountAmount,
        BigDecimal totalAmount, String currency, Map<String, Object> customerInfo, List<String> tags,
        @Nullable String notes, Instant orderedAt, Instant platformUpdatedAt, Map<String, Object> platformData,
        List<OrderLineSnapshot> lines) {
    public OrderSnapshot {
        Check.present(storeId, "storeId");
        Check.text(platformOrderId, "platformOrderId", 255);
        Check.optionalText(orderNumber, "orderNumber", 255);
        Check.text(platformStatus, "platformStatus", 100);
        Check.present(status, "status");
        for (var amount : Map.of("subtotal", subtotal, "taxAmount", taxAmount, "shippingAmount", shippingAmount,
                "discountAmount", discountAmount, "totalAmount", totalAmount).entrySet()) {
            Check.nonNegativeDecimal(Check.present(amount.getValue(), amount.getKey()), amount.getKey(), 12, 2);
        }
        Check.currency(currency);
        customerInfo = Map.copyOf(Check.present(customerInfo, "customerInfo"));
        tags = List.copyOf(Check.present(tags, "tags"));
        Check.present(orderedAt, "orderedAt");
        Check.present(platformUpdatedAt, "platformUpdatedAt");
        platformData = Map.copyOf(Check.present(platformData, "platformData"));
        lines = List.copyOf(Check.present(lines, "lines"));
        Set<String> seen = new HashSet<>();
        for (OrderLineSnapshot line : lines) {
            if (!seen.add(line.platformLineId())) {
                throw new ValidationException("order " + platformOrderId + " has two lines with id " + line.platformLineId());
            }
        }
    }
}
