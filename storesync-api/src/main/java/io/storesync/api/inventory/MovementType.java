package io.storesync.api.inventory;

/** Why stock moved; each value is one kind of row in the stock ledger ({@code inventory_transactions}). */
public enum MovementType {
    /** Goods arrived: on hand up. */
    RECEIVE,
    /** A correction by a delta: on hand up or down. */
    ADJUST,
    /** A stock take set on hand to what was counted; the row holds the difference. */
    COUNT,
    /** Goods left for another location: on hand down here. */
    TRANSFER_OUT,
    /** Goods came from another location: on hand up here. */
    TRANSFER_IN,
    /** Units promised to an order: reserved up, available down. */
    RESERVE,
    /** A promise withdrawn: reserved down, available up. */
    RELEASE,
    /** Promised units shipped: on hand and reserved both down. */
    COMMIT,
    /** Returned goods put back: on hand up. */
    RESTOCK
}
