package io.storesync.spi.connector;

import io.storesync.api.order.OrderSnapshot;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of orders and the cursor of the next page ({@code null} on the last page).
 *
 * @param unreadable the page's orders the connector could not build a snapshot for, each with its reason; the engine
 *     reports them and ingests the rest (a connector builds each snapshot of a page on its own, so one bad order never
 *     fails the call)
 */
public record OrderPage(List<OrderSnapshot> orders, @Nullable String nextCursor, List<UnreadableOrder> unreadable) {
    public OrderPage {
        orders = List.copyOf(orders);
        unreadable = List.copyOf(unreadable);
    }

    /** A page every order of which was read. */
    public OrderPage(List<OrderSnapshot> orders, @Nullable String nextCursor) {
        this(orders, nextCursor, List.of());
    }
}
