package io.storesync.api.compliance;

/** A kind of data with a retention period of its own. */
public enum DataClass {
    /** Finished orders with their lines (by order date); open orders and orders holding stock are never purged. */
    ORDERS,
    /** Finished sync jobs and every sync log line (by completion and by writing time). */
    SYNC_LOGS,
    /** Processed and failed webhook deliveries (by arrival); pending ones are still work and are kept. */
    WEBHOOK_EVENTS,
    /** The audit trail (by the time of the change). */
    AUDIT_TRAIL,
    /** Idempotency keys of stock operations (by first use). */
    IDEMPOTENCY_KEYS
}
