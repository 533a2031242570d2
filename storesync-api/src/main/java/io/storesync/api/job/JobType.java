package io.storesync.api.job;

/** What a sync job does. Each handler is idempotent: running a job twice leaves the same result as running it once. */
public enum JobType {
    /** Pages through a store's listings and maps them to variants by SKU. */
    CATALOGUE_IMPORT(true),
    /** Reads orders changed since the store's watermark and hands them to order ingestion. */
    ORDER_POLL(true),
    /** Pushes the current available quantity (minus the store's buffer) of the store's changed variants. */
    STOCK_PUSH(true),
    /** Compares what a store shows with what it should show and pushes where they differ. */
    STOCK_DRIFT_CHECK(true),
    /** Pushes listing prices that differ from what was last pushed. */
    PRICE_PUSH(true),
    /** Processes one stored webhook delivery. */
    WEBHOOK_PROCESS(true),
    /** Refreshes a store's access token before it expires. */
    CREDENTIAL_REFRESH(true),
    /**
     * The daily retention purge of one organization (every data class at its own period, see
     * {@code io.storesync.api.compliance}) and a report-only integrity check; queued for every organization.
     */
    RETENTION_PURGE(false),
    /** Does nothing; for health checks and benchmarks of the queue itself. */
    NO_OP(false),
    /**
     * Turns the organization's due store schedules into jobs (order polls, the daily reconcile, credential
     * refreshes). Enqueued by the workers' maintenance, one per organization with due schedules, so that the
     * organizations with work are found inside the database and their ids never handed out.
     */
    SCHEDULES_DUE(false),
    /**
     * Turns the organization's pending inventory changes into coalesced {@link #STOCK_PUSH} jobs, one per store.
     * Enqueued by the workers, one per organization with changes, like {@link #SCHEDULES_DUE}.
     */
    STOCK_COALESCE(false);

    private final boolean needsStore;

    JobType(boolean needsStore) {
        this.needsStore = needsStore;
    }

    /** Whether jobs of this type belong to a store. */
    public boolean needsStore() {
        return needsStore;
    }
}
