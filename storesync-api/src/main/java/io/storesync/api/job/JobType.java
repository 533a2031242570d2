package io.storesync.api.job;

import io.storesync.api.ValidationException;

/** What a sync job does. Each handler is idempotent: running a job twice leaves the same result as running it once. */
public enum JobType {
    /** Pages through a store's listings and maps them to variants by SKU. */
    CATALOGUE_IMPORT("catalog.import", true),
    /** Reads orders changed since the store's watermark and hands them to order ingestion. */
    ORDER_POLL("order.poll", true),
    /** Pushes the current available quantity (minus the store's buffer) of the store's changed variants. */
    STOCK_PUSH("stock.push", true),
    /** Compares what a store shows with what it should show and pushes where they differ. */
    STOCK_DRIFT_CHECK("stock.drift_check", true),
    /** Pushes listing prices that differ from what was last pushed. */
    PRICE_PUSH("price.push", true),
    /** Processes one stored webhook delivery. */
    WEBHOOK_PROCESS("webhook.process", true),
    /** Refreshes a store's access token before it expires. */
    CREDENTIAL_REFRESH("credentials.refresh", true),
    /** Deletes finished jobs, their logs and processed webhook deliveries past the retention period. */
    RETENTION_PURGE("retention.purge", false),
    /** Does nothing; for health checks and benchmarks of the queue itself. */
    NO_OP("noop", false);

    private final String dbValue;
    private final boolean needsStore;

    JobType(String dbValue, boolean needsStore) {
        this.dbValue = dbValue;
        this.needsStore = needsStore;
    }

    /** The value stored in {@code sync_jobs.job_type}. */
    public String dbValue() {
        return dbValue;
    }

    /** Whether jobs of this type belong to a store. */
    public boolean needsStore() {
        return needsStore;
    }

    /** Parses a stored value; unknown text is a {@link ValidationException}. */
    public static JobType fromDbValue(String value) {
        for (JobType t : values()) {
            if (t.dbValue.equals(value)) return t;
        }
        throw new ValidationException("unknown job type '" + value + "'");
    }
}
