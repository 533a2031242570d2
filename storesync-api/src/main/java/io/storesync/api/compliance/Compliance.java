package io.storesync.api.compliance;

/**
 * An organization's retention settings and purges. Reading needs any active member; changing the settings and
 * running a purge need an administrator. Thread-safe.
 */
public interface Compliance {

    /** The organization's periods: its own settings where it has them, the host's defaults elsewhere. */
    RetentionPolicy retention();

    /**
     * Sets the organization's periods.
     *
     * @throws io.storesync.api.ValidationException when a period is outside the host's {@link RetentionBounds}
     * @throws io.storesync.api.AccessDeniedException unless the actor administers the organization
     */
    RetentionPolicy setRetention(RetentionPolicy policy);

    /**
     * Purges now what is past its period, in batches of at most 1,000 rows a statement (each its own short
     * transaction), archiving orders first when the host configured an archive. The same purge runs daily for every
     * organization as a {@code RETENTION_PURGE} job.
     *
     * @throws io.storesync.api.AccessDeniedException unless the actor administers the organization
     */
    PurgeResult purgeExpired();

    /**
     * Everything StoreSync holds about one buyer as one JSON document: their orders with lines, and the webhook
     * deliveries and sync log lines that mention them. The request is audited without the identifiers.
     *
     * @throws io.storesync.api.AccessDeniedException unless the actor administers the organization
     */
    String exportBuyer(BuyerQuery buyer);

    /**
     * Anonymises one buyer: customer details, notes and platform data of their orders, webhook deliveries and log
     * lines that mention them; amounts, lines, statuses and the ledger stay for the financial records. With
     * {@code anonymiseLaterOrders}, orders of this buyer that arrive later are anonymised as they are stored (only a
     * SHA-256 of each identifier is kept for that). Audited without the identifiers.
     *
     * @throws io.storesync.api.AccessDeniedException unless the actor administers the organization
     */
    ErasureResult eraseBuyer(BuyerQuery buyer, boolean anonymiseLaterOrders);

    /**
     * Checks the organization's books without changing anything: every item's counters against its ledger, reserved
     * stock against open order lines, counters' bounds, listings against their variants, order lines' shortfalls,
     * and pending stock pushes. Run it after restoring a backup. Needs an administrator.
     */
    IntegrityReport verify();

    /**
     * Checks as {@link #verify()} does, then fixes what can be fixed without a person's decision, in one transaction:
     * a ledger that disagrees with its counters gets a correcting {@code adjust} row whose note says
     * {@code reason} (the counters are never changed silently), a missing stock push is marked. Audited.
     *
     * @throws io.storesync.api.ValidationException when the reason is blank
     */
    IntegrityReport repair(String reason);
}
