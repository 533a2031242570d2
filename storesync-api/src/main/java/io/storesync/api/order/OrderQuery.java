package io.storesync.api.order;

import io.storesync.api.ValidationException;
import io.storesync.api.store.StoreId;
import io.storesync.internal.api.Check;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Filters for listing orders; every filter is optional. {@code text} matches the order number, the platform order id
 * and the customer's details (name, email, phone, address), case-insensitively.
 */
public record OrderQuery(@Nullable StoreId storeId, @Nullable OrderStatus status, @Nullable Instant orderedFrom,
        @Nullable Instant orderedBefore, @Nullable String text) {
    public OrderQuery {
        Check.optionalText(text, "text", 255);
        if (orderedFrom != null && orderedBefore != null && !orderedFrom.isBefore(orderedBefore)) {
            throw new ValidationException("orderedFrom must be before orderedBefore");
        }
    }

    /** Every order. */
    public static OrderQuery all() {
        return new OrderQuery(null, null, null, null, null);
    }

    public OrderQuery withStore(StoreId store) {
        return new OrderQuery(store, status, orderedFrom, orderedBefore, text);
    }

    public OrderQuery withStatus(OrderStatus s) {
        return new OrderQuery(storeId, s, orderedFrom, orderedBefore, text);
    }

    public OrderQuery orderedBetween(Instant from, Instant before) {
        return new OrderQuery(storeId, status, from, before, text);
    }

    public OrderQuery matching(String t) {
        return new OrderQuery(storeId, status, orderedFrom, orderedBefore, t);
    }
}
