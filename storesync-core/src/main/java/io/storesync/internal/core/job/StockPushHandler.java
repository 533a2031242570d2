package io.storesync.internal.core.job;

import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.store.StoreId;
import io.storesync.internal.core.store.StoreSession;
import io.storesync.spi.connector.ConnectorException;
import io.storesync.spi.connector.CredentialsRejectedException;
import io.storesync.spi.connector.RateLimitedException;
import io.storesync.spi.connector.PushResult;
import io.storesync.spi.connector.StockUpdate;
import io.storesync.spi.persistence.LogDetails;
import io.storesync.spi.persistence.PushCandidate;
import io.storesync.spi.persistence.PushRecord;
import io.storesync.spi.persistence.TenantTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Pushes the current available quantity, minus the store's buffer (per warehouse where the store maps them:
 * {@link StockQuantities}), of every listing whose variant was marked
 * before this run began; marks made during the run are left for the next push (already queued by whoever made
 * them). Quantities are read at run time, so however many changes were coalesced, the pushed value is current.
 *
 * <p>A run that called the platform ends, in the transaction that records its last call, by postponing the store's
 * waiting push, if one was queued meanwhile, to one push window ({@code WorkerOptions.stockPushDelay}) after that
 * call; a push queued later waits for the rest of that window ({@link StockCoalesceHandler}). So no listing is pushed
 * twice within a window, and a change to a store that has not pushed for a window is pushed at once
 * (docs/sync-engine.md, "Stock push window"). A run of one read makes four transactions around its calls: the store,
 * the cutoff with the read, the rate limit's token, and the records with the run's end and log line.
 */
final class StockPushHandler implements JobHandler {
    static final int READ_BATCH = 500;
    /** The dedupe key prefix of the push that follows a hold ({@link #holdUnanswered}). */
    static final String HELD_PUSH_KEY = "STOCK_PUSH_HELD:";

    @Override
    public void run(JobContext ctx) throws Exception {
        StoreSession s = ctx.session();
        StoreId store = s.store().id();
        // a platform may count a push's items differently from its limits (per warehouse, per model): the smaller wins
        int batchSize = Math.max(1, Math.min(s.connector().limits().maxStockBatch(), s.connector().stockSemantics().maxBatch()));
        Totals totals = new Totals();
        // the cutoff and the first read in one transaction (its start is the cutoff); a run with nothing to send also
        // writes its log line there
        Read first = ctx.tx(tx -> {
            Instant at = tx.stockPushes().databaseNow();
            List<PushCandidate> candidates = tx.stockPushes().pushCandidates(store, at, READ_BATCH);
            if (candidates.isEmpty()) log(ctx, tx, totals);
            return new Read(at, candidates);
        });
        if (first.candidates().isEmpty()) return;
        Instant cutoff = first.cutoff();
        List<PushCandidate> read = first.candidates();
        // a mark bumped by a change during this run keeps a marked_at from before the cutoff (the coalescing
        // transaction's start) and would be read again: its variant was pushed in this run and the change's own push
        // waits for the next window, so it is skipped here
        Set<UUID> done = new HashSet<>();
        boolean ended = false;
        while (true) {
            List<PushCandidate> candidates = read.stream().filter(c -> !done.contains(c.variantId())).toList();
            // a read of fewer marks than it asked for took every mark made before the cutoff: a mark committed since by
            // a coalescing run that began before it has its push queued by that run, after this one
            boolean lastRead = read.stream().map(PushCandidate::variantId).distinct().count() < READ_BATCH;
            if (candidates.isEmpty()) {
                // a full read of pushed variants may hide unread marks behind it: the next push takes them
                if (!lastRead) {
                    ctx.tx(tx -> tx.jobs().enqueueNotBefore(NewJob.deduplicated(JobType.STOCK_PUSH, store)
                            .withDelay(ctx.pool().options().stockPushDelay()).withPriority(StockCoalesceHandler.PUSH_PRIORITY)));
                }
                break;
            }
            candidates.forEach(c -> done.add(c.variantId()));
            StockQuantities quantities = StockQuantities.of(ctx, s, candidates);
            List<List<PushCandidate>> batches = Listings.batchesByProduct(candidates, batchSize, PushCandidate::platformProductId);
            for (int b = 0; b < batches.size(); b++) {
                List<PushCandidate> batch = batches.get(b);
                List<StockUpdate> updates = batch.stream().map(quantities).toList();
                List<PushResult> results;
                try {
                    results = ctx.call((c, access) -> c.pushStock(access, updates));
                } catch (RuntimeException e) {
                    holdUnanswered(ctx, store, batch, e);
                    throw e;
                }
                Instant acknowledgedAt = ctx.engine().clock().instant();
                List<Instant> changedAt = new ArrayList<>(batch.size());
                totals.calls++;
                Map<String, PushResult> byKey = new HashMap<>();
                for (PushResult r : results) byKey.put(Listings.key(r.platformProductId(), r.platformVariantId()), r);
                List<PushRecord> records = new ArrayList<>(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    PushCandidate c = batch.get(i);
                    PushResult r = byKey.get(Listings.key(c.platformProductId(), c.platformVariantId()));
                    boolean ok = r != null && r.accepted();
                    String error = r == null ? "the platform returned no result for this listing" : r.error();
                    records.add(new PushRecord(c.mappingId(), c.variantId(), c.markVersion(), updates.get(i).quantity(), ok, error));
                    if (ok) {
                        totals.pushed++;
                        if (c.markedAt() != null) changedAt.add(c.markedAt());
                        if (totals.sample.size() < 20) totals.sample.put(c.platformProductId(), updates.get(i).quantity());
                    } else {
                        totals.failed++;
                    }
                }
                // the run's last call: its records, its end (the store's window starts now) and its log line in one
                // transaction right after the call, so the window is counted from the call, not from later writes
                boolean end = lastRead && b == batches.size() - 1;
                // the marks (deleted by recordPushes) before the store's push lock, as the coalescing run takes them,
                // and as late as possible: a coalescing run marking one of them waits for this commit
                Written written = ctx.tx(tx -> {
                    boolean stillHeld = ctx.progress(tx, totals.pushed + totals.failed, totals.pushed, totals.failed);
                    if (end) log(ctx, tx, totals);
                    tx.stockPushes().recordPushes(store, records);
                    return new Written(stillHeld, end ? pushEnded(ctx, tx, store, totals) : List.of());
                });
                if (end) {
                    ended = true;
                    wake(ctx, written.waits());
                }
                ctx.engine().listener().stockPushed(ctx.organization(), store, batch.size());
                if (!changedAt.isEmpty()) ctx.engine().listener().stockAcknowledged(s.store().platform(), changedAt, acknowledgedAt);
                ctx.stopUnlessHeld(written.stillHeld());
                ctx.checkpoint();
            }
            if (lastRead) break;
            read = ctx.tx(tx -> tx.stockPushes().pushCandidates(store, cutoff, READ_BATCH));
        }
        if (!ended) {
            // the last read found nothing left to send: the run ends after its last call, written here
            wake(ctx, ctx.tx(tx -> {
                log(ctx, tx, totals);
                return pushEnded(ctx, tx, store, totals);
            }));
        }
    }

    /** What the transaction after a call wrote: whether the job was still held, and the waits {@link #pushEnded} set. */
    private record Written(boolean stillHeld, List<Duration> waits) {}

    /** The first read of a run and the database time it was made at, which is the run's cutoff. */
    private record Read(Instant cutoff, List<PushCandidate> candidates) {}

    /** What a run has sent so far. */
    private static final class Totals {
        int pushed;
        int failed;
        int calls;
        final Map<String, Integer> sample = new HashMap<>();
    }

    /** A run that called the platform postpones the store's waiting pushes to a window from now; returns their waits. */
    private static List<Duration> pushEnded(JobContext ctx, TenantTransaction tx, StoreId store, Totals totals) {
        Duration window = ctx.pool().options().stockPushDelay();
        return totals.calls > 0 && !window.isZero() ? tx.stockPushes().pushEnded(store, window) : List.of();
    }

    /** Wakes the workers when each push {@link #pushEnded} postponed is due (told from the database's clock). */
    private static void wake(JobContext ctx, List<Duration> waits) {
        for (Duration wait : waits) ctx.pool().wakeAllAfter(wait.plusMillis(5));
    }

    private static void log(JobContext ctx, TenantTransaction tx, Totals totals) {
        int p = totals.pushed, f = totals.failed;
        tx.jobs().log(ctx.job().id(), f > 0 ? "warn" : "info", "pushed stock of " + p + " listing(s)" + (f > 0 ? ", " + f + " refused" : ""),
                LogDetails.of("pushed", p, "refused", f, "calls", totals.calls, "quantities", totals.sample.toString()));
    }

    /**
     * A push call failed. If the platform may still apply it ({@link #mayLandLate}), its quantities are those of the
     * moment it was sent and can land after any push made meanwhile, so its listings are pushed again only once the
     * connector's late-write window has passed: the retry leaves them, and a push queued in the same transaction
     * for the end of the window reads the quantities of that moment (docs/sync-engine.md, "A push that went
     * unanswered"). That push has a key of its own, so it neither takes the place of the store's waiting push nor
     * makes this failing one look superseded; a later hold of the store moves it later, as it moves the marks.
     */
    private static void holdUnanswered(JobContext ctx, StoreId store, List<PushCandidate> batch, RuntimeException failure)
            throws InterruptedException {
        Duration hold = ctx.session().connector().lateWriteWindow();
        if (hold.isZero() || hold.isNegative() || !mayLandLate(failure)) return;
        List<UUID> variants = batch.stream().map(PushCandidate::variantId).distinct().toList();
        ctx.tx(tx -> {
            tx.stockPushes().pushAgainAfter(store, variants, hold);
            tx.jobs().enqueueNotBefore(NewJob.of(JobType.STOCK_PUSH, store).withDedupeKey(HELD_PUSH_KEY + store)
                    .withDelay(hold.plusMillis(5)).withPriority(StockCoalesceHandler.PUSH_PRIORITY));
            return null;
        });
        ctx.log("warn", "a stock push went unanswered; its " + variants.size() + " listing(s) are pushed again after "
                + hold.toMillis() + " ms, when it can no longer land", LogDetails.of("error", failure.getMessage()));
    }

    /**
     * Whether a failed call may still have been applied: no answer, a 5xx, or an answer that could not be read. Not
     * when the platform answered with a refusal (a 4xx, its own error code, throttling, a rejected token) or the call
     * was never sent (the engine's own rate limit, a lost lease, a connector refusing the input up front).
     */
    static boolean mayLandLate(RuntimeException failure) {
        if (failure instanceof JobContext.ThrottledException || failure instanceof JobContext.LeaseLostException
                || failure instanceof RateLimitedException || failure instanceof CredentialsRejectedException) {
            return false;
        }
        if (failure instanceof ConnectorException c) {
            if (c.httpStatus() == 0 || c.httpStatus() >= 500) return true;
            return c.httpStatus() < 400 && c.platformCode().isEmpty();
        }
        return !(failure instanceof io.storesync.api.StoreSyncException);
    }
}
