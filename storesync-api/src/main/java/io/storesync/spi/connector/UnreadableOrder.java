package io.storesync.spi.connector;

import java.util.Objects;

/**
 * An order of a page that the connector could not turn into an {@link io.storesync.api.order.OrderSnapshot}: the
 * platform sent something StoreSync cannot store (U+0000 in a buyer field, a quantity out of range, an id longer than
 * 255 characters) or a body the connector could not read for this one order. The engine reports it (the poll job's
 * log, its {@code itemsFailed}) and goes on with the rest of the page; the window still advances.
 *
 * @param platformOrderId the platform's order id as received (may itself be what was wrong: the engine quotes at most
 *     40 characters of it)
 * @param reason why it could not be read, typically the {@code ValidationException}'s message; never personal data
 */
public record UnreadableOrder(String platformOrderId, String reason) {
    public UnreadableOrder {
        Objects.requireNonNull(platformOrderId, "platformOrderId");
        Objects.requireNonNull(reason, "reason");
    }
}
