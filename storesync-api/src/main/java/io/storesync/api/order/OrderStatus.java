package io.storesync.api.order;

/**
 * The unified order status. Every platform status maps to one of these ({@link OrderStatusMapping}); the platform's
 * own text is always kept beside it, and a status StoreSync does not know maps to {@link #UNKNOWN} without failing.
 */
public enum OrderStatus {
    /** Placed, not paid yet. Stock is reserved: marketplaces count unpaid orders against stock. */
    UNPAID,
    /** Accepted but held (pre-order, fraud review, invoice pending). Stock is reserved. */
    ON_HOLD,
    /** Paid and waiting for the seller to ship (including packed and awaiting pick-up). Stock is reserved. */
    AWAITING_SHIPMENT,
    /** Some packages left, others not yet. Stock stays reserved until everything has shipped. */
    PARTIALLY_SHIPPED,
    /** Handed to the carrier. Stock is committed: on hand and reserved both down. */
    SHIPPED,
    /** Received by the buyer. */
    DELIVERED,
    /** Closed; no more returns. */
    COMPLETED,
    /** The buyer or seller asked to cancel; until it is decided the stock stays reserved. */
    CANCEL_REQUESTED,
    /** Cancelled. Reserved stock is released; goods already shipped come back as a return. */
    CANCELLED,
    /** A return is in progress; the goods are still out. */
    RETURN_REQUESTED,
    /** Returned. Goods are restocked when the store's settings say so ({@code restockOnReturn}). */
    RETURNED,
    /** A platform status StoreSync does not know; the order keeps the stock effect it had. */
    UNKNOWN
}
