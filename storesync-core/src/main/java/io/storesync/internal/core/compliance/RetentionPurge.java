package io.storesync.internal.core.compliance;

import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import io.storesync.api.compliance.DataClass;
import io.storesync.api.compliance.PurgeResult;
import io.storesync.api.compliance.RetentionPolicy;
import io.storesync.api.order.OrderId;
import io.storesync.api.organization.OrganizationId;
import io.storesync.internal.core.Engine;
import io.storesync.spi.archive.OrderArchive;
import io.storesync.spi.persistence.Persistence;
import io.storesync.spi.persistence.RetentionRepository;
import io.storesync.spi.persistence.RetentionRepository.ExpiredOrder;
import java.io.IOException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * One organization's purge: every class in batches of at most {@link #BATCH} rows, each batch its own short
 * transaction that skips locked rows, so no hot path ever waits behind it; orders go to the archive first, in the
 * transaction that deletes them. Stops a class after {@link #MAX_BATCHES} batches and asks for another run soon.
 */
public final class RetentionPurge {
    /** Rows a statement deletes at most. */
    public static final int BATCH = 1000;
    /** Orders archived and deleted per transaction (each with its lines). */
    static final int ORDER_BATCH = 200;
    /** Batches per class and run; what remains is purged by the next run, due at once. */
    static final int MAX_BATCHES = 500;

    /**
     * After each full batch the purge rests as long as that batch took (at most this long): it then holds a
     * connection, a core and the write-ahead log at most half of the time, so reservations and pushes running
     * alongside keep most of a small machine (PurgeUnderLoadBenchmark). A million rows take about twice as long.
     */
    static final long MAX_REST_MILLIS = 500;

    /** Called between batches: stops the purge when its job lost the lease or the pool stops. */
    public interface Checkpoint {
        void check() throws InterruptedException;
    }

    private RetentionPurge() {}

    public static PurgeResult run(Engine engine, OrganizationId org, Checkpoint checkpoint) throws InterruptedException {
        Persistence db = engine.persistence();
        Instant now = engine.clock().instant();
        RetentionPolicy policy = Retention.effective(engine.retentionBounds(), db.inTenant(org, tx -> tx.retention().settings()));
        Map<DataClass, Integer> removed = new EnumMap<>(DataClass.class);
        Map<DataClass, Instant> cutoffs = new EnumMap<>(DataClass.class);
        boolean complete = true;
        for (DataClass c : DataClass.values()) cutoffs.put(c, Retention.cutoff(policy, c, now));

        int[] logs = batches(db, org, checkpoint, (r, n) -> r.purgeSyncLogs(cutoffs.get(DataClass.SYNC_LOGS), n));
        int[] jobs = batches(db, org, checkpoint, (r, n) -> r.purgeFinishedJobs(cutoffs.get(DataClass.SYNC_LOGS), n));
        removed.put(DataClass.SYNC_LOGS, logs[0] + jobs[0]);
        complete &= logs[1] == 0 && jobs[1] == 0;
        for (DataClass c : List.of(DataClass.WEBHOOK_EVENTS, DataClass.IDEMPOTENCY_KEYS, DataClass.AUDIT_TRAIL)) {
            Instant cutoff = cutoffs.get(c);
            int[] r = batches(db, org, checkpoint, switch (c) {
                case WEBHOOK_EVENTS -> (RetentionRepository x, Integer n) -> x.purgeWebhookEvents(cutoff, n);
                case IDEMPOTENCY_KEYS -> (RetentionRepository x, Integer n) -> x.purgeIdempotencyKeys(cutoff, n);
                default -> (RetentionRepository x, Integer n) -> x.purgeAuditTrail(cutoff, n);
            });
            removed.put(c, r[0]);
            complete &= r[1] == 0;
        }
        int[] orders = orders(db, org, engine.orderArchive(), cutoffs.get(DataClass.ORDERS), checkpoint);
        removed.put(DataClass.ORDERS, orders[0]);
        complete &= orders[2] == 0;
        boolean done = complete;
        int archived = orders[1];
        db.inTenant(org, tx -> {
            for (DataClass c : DataClass.values()) {
                int n = removed.get(c);
                if (n > 0) tx.retention().recordPurge(c, cutoffs.get(c), n, c == DataClass.ORDERS ? archived : 0, now);
            }
            if (!done) tx.retention().purgeAgainSoon();
            return null;
        });
        return new PurgeResult(removed, archived, cutoffs, done);
    }

    /** Deletes in batches until one comes back short; returns {removed, 1 if stopped at the bound}. */
    private static int[] batches(Persistence db, OrganizationId org, Checkpoint checkpoint,
            BiFunction<RetentionRepository, Integer, Integer> purge) throws InterruptedException {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            checkpoint.check();
            long started = System.nanoTime();
            int n = db.inTenant(org, tx -> purge.apply(tx.retention(), BATCH));
            total += n;
            if (n < BATCH) return new int[] {total, 0};
            rest(started);
        }
        return new int[] {total, 1};
    }

    /** Returns {deleted, archived, 1 if stopped at the bound}. */
    private static int[] orders(Persistence db, OrganizationId org, @Nullable OrderArchive archive, Instant cutoff,
            Checkpoint checkpoint) throws InterruptedException {
        int deleted = 0;
        int archived = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            checkpoint.check();
            long started = System.nanoTime();
            int[] r = db.inTenant(org, tx -> {
                List<ExpiredOrder> batch = tx.retention().expiredOrders(cutoff, ORDER_BATCH);
                if (batch.isEmpty()) return new int[] {0, 0, 0};
                if (archive != null) {
                    try {
                        archive.archive(org, batch.stream().map(ExpiredOrder::json).toList());
                    } catch (IOException e) {
                        throw new StoreSyncException(ErrorCode.INTERNAL, "the order archive failed; nothing was deleted", e);
                    }
                }
                List<OrderId> ids = batch.stream().map(ExpiredOrder::id).toList();
                return new int[] {batch.size(), tx.retention().deleteOrders(ids), archive == null ? 0 : batch.size()};
            });
            deleted += r[1];
            archived += Math.min(r[2], r[1]);
            // a short batch, or one the database's floor kept back, ends the class for this run
            if (r[0] < ORDER_BATCH || r[1] < r[0]) return new int[] {deleted, archived, 0};
            rest(started);
        }
        return new int[] {deleted, archived, 1};
    }

    private static void rest(long batchStartedNanos) throws InterruptedException {
        long took = (System.nanoTime() - batchStartedNanos) / 1_000_000;
        if (took > 0) Thread.sleep(Math.min(MAX_REST_MILLIS, took));
    }
}
