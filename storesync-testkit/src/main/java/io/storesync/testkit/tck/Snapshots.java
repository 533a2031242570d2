package io.storesync.testkit.tck;

import io.storesync.api.order.OrderLineSnapshot;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.order.OrderStatusMapping;
import io.storesync.api.store.StoreId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Order snapshots as a connector would produce them. */
public final class Snapshots {
    public static final Instant T0 = Instant.parse("2026-11-20T03:00:00Z");

    private Snapshots() {}

    public static OrderLineSnapshot line(String lineId, String productId, String variantId, String sku, int quantity) {
        BigDecimal price = new BigDecimal("25000.00");
        return new OrderLineSnapshot(lineId, productId, variantId, sku, "Item " + sku, quantity, price, price.multiply(BigDecimal.valueOf(quantity)));
    }

    public static OrderSnapshot order(StoreId store, String platform, String orderId, String status, int minutesAfterT0,
            List<OrderLineSnapshot> lines) {
        BigDecimal subtotal = lines.stream().map(OrderLineSnapshot::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new OrderSnapshot(store, orderId, "#" + orderId, status, OrderStatusMapping.map(platform, status), null, null,
                subtotal, BigDecimal.ZERO, new BigDecimal("9000.00"), BigDecimal.ZERO, subtotal.add(new BigDecimal("9000.00")),
                "IDR", Map.of("name", "Budi Santoso", "email", "budi@example.com", "city", "Jakarta"), List.of("marketplace"),
                null, T0, T0.plusSeconds(60L * minutesAfterT0), Map.of("order_sn", orderId, "order_status", status), lines);
    }
}
