package io.storesync.spi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A normalised snapshot of one platform order at {@link #updatedAt()}; order ingestion keeps the newest snapshot.
 *
 * @param status one of StoreSync's order statuses ({@code unpaid}, {@code awaiting_shipment}, {@code shipped},
 *     {@code cancelled}, ... as in {@code orders.status}); {@code unknown} when the platform's has no equivalent
 * @param platformData the platform's own fields worth keeping, as plain text (no personal data beyond the order's)
 */
public record ConnectorOrder(String platformOrderId, @Nullable String orderNumber, String status, String currency,
        BigDecimal subtotal, BigDecimal total, Instant orderedAt, Instant updatedAt, List<ConnectorOrderLine> lines,
        Map<String, String> platformData) {
    public ConnectorOrder {
        Objects.requireNonNull(platformOrderId, "platformOrderId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(subtotal, "subtotal");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(orderedAt, "orderedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        lines = List.copyOf(lines);
        platformData = Map.copyOf(platformData);
    }
}
