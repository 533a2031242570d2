package io.storesync.testkit.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One order of a simulated shop, as the shop reports it.
 *
 * @param status the shop's own status text (sent verbatim)
 */
public record SimulatedOrder(String id, @Nullable String number, String status, String currency, BigDecimal total,
        Map<String, Object> customer, Instant createdAt, Instant updatedAt, List<Line> lines) {
    public SimulatedOrder {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(total, "total");
        customer = Map.copyOf(customer);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        lines = List.copyOf(lines);
    }

    /** One order line. */
    public record Line(String id, String productId, @Nullable String variantId, @Nullable String sku, String name,
            int quantity, BigDecimal unitPrice) {
        public Line {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(productId, "productId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(unitPrice, "unitPrice");
        }
    }

    /** A copy with another status, changed at {@code at}. */
    public SimulatedOrder withStatus(String value, Instant at) {
        return new SimulatedOrder(id, number, value, currency, total, customer, createdAt, at, lines);
    }
}
