package io.storesync.spi.connector;

import io.storesync.api.order.OrderSnapshot;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of orders and the cursor of the next page ({@code null} on the last page). */
public record OrderPage(List<OrderSnapshot> orders, @Nullable String nextCursor) {
    public OrderPage {
        orders = List.copyOf(orders);
    }
}
