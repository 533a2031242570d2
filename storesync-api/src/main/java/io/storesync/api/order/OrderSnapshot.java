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
    /**
     * The most lines one order may have. No marketplace allows more than a few hundred; the bound keeps an order's
     * summed quantities ({@value #MAX_LINES} x {@link OrderLineSnapshot#MAX_QUANTITY}) inside an {@code int}.
     */
    public static final int MAX_LINES = 1_000;

    /**
     * Refuses with a {@link ValidationException} naming the field whatever PostgreSQL could not store as given: text
     * with U+0000 or half a surrogate pair, JSON with NaN or infinities, times outside years 1970 to 9999. Times are
     * truncated to microseconds, what the database keeps, so a redelivery compares equal to what was stored.
     */
    public OrderSnapshot {
        Check.present(storeId, "storeId");
        Check.storableRequired(platformOrderId, "platformOrderId", 255);
        Check.storableText(orderNumber, "orderNumber", 255);
        Check.storableRequired(platformStatus, "platformStatus", 100);
        Check.present(status, "status");
        for (var amount : Map.of("subtotal", subtotal, "taxAmount", taxAmount, "shippingAmount", shippingAmount,
                "discountAmount", discountAmount, "totalAmount", totalAmount).entrySet()) {
            Check.nonNegativeDecimal(Check.present(amount.getValue(), amount.getKey()), amount.getKey(), 12, 2);
        }
        Check.currency(currency);
        customerInfo = Check.jsonObject(customerInfo, "customerInfo");
        tags = Check.textList(tags, "tags");
        Check.storableText(notes, "notes", Integer.MAX_VALUE);
        orderedAt = Check.instant(orderedAt, "orderedAt");
        platformUpdatedAt = Check.instant(platformUpdatedAt, "platformUpdatedAt");
        platformData = Check.jsonObject(platformData, "platformData");
        lines = List.copyOf(Check.present(lines, "lines"));
        if (lines.size() > MAX_LINES) {
            throw new ValidationException("order " + Check.quote(platformOrderId) + " has " + lines.size()
                    + " lines; at most " + MAX_LINES + " are accepted");
        }
        Set<String> seen = new HashSet<>();
        for (OrderLineSnapshot line : lines) {
            if (!seen.add(line.platformLineId())) {
                throw new ValidationException("order " + Check.quote(platformOrderId) + " has two lines with id "
                        + Check.quote(line.platformLineId()));
            }
        }
    }
}
