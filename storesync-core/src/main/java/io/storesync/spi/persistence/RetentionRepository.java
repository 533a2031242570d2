package io.storesync.spi.persistence;

import io.storesync.api.compliance.DataClass;
import io.storesync.api.order.OrderId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Retention settings and bounded deletes of one organization. Every purge method deletes at most {@code limit}
 * (1 to 1,000) of the oldest rows older than {@code before}, skips rows another transaction holds locked (so it never
 * waits behind the hot paths), and returns how many it deleted. Same contract as {@link ProductRepository}: the
 * transaction's thread only, may block, only the transaction's organization, failures are StoreSync exceptions.
 */
public interface RetentionRepository {

    /** The periods the organization set itself; classes it never set are absent. */
    Map<DataClass, Duration> settings();

    /** Stores the organization's periods (whole days). */
    void saveSettings(Map<DataClass, Duration> periods);

    /** Deletes sync log lines written before {@code before}. */
    int purgeSyncLogs(Instant before, int limit);

    /** Deletes finished (completed, failed, cancelled) jobs that finished before {@code before}; their logs cascade. */
    int purgeFinishedJobs(Instant before, int limit);

    /** Deletes processed and failed webhook events that arrived before {@code before}; pending ones are kept. */
    int purgeWebhookEvents(Instant before, int limit);

    /** Deletes idempotency keys first used before {@code before}. */
    int purgeIdempotencyKeys(Instant before, int limit);

    /** Deletes audit rows older than {@code before} (never younger than a year: the database's floor). */
    int purgeAuditTrail(Instant before, int limit);

    /**
     * Locks and returns up to {@code limit} finished orders ordered before {@code before} that hold no reservation,
     * each as one JSON object with its lines, skipping orders another transaction holds.
     */
    List<ExpiredOrder> expiredOrders(Instant before, int limit);

    /** Deletes these orders (lines cascade; the ledger keeps its rows); returns how many were deleted. */
    int deleteOrders(List<OrderId> ids);

    /** Records what one purge removed of one class. */
    void recordPurge(DataClass dataClass, Instant cutoff, int removed, int archived, Instant at);

    /** Makes the organization's next daily purge due now: this one stopped at its bound with rows left. */
    void purgeAgainSoon();

    /** An order past its period: its id and its whole row with lines as JSON. */
    record ExpiredOrder(OrderId id, String json) {}
}
