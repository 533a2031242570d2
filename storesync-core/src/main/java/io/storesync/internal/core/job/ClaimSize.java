package io.storesync.internal.core.job;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many jobs the next claim asks for. The configured {@code claimBatch} while jobs take long or nothing is known
 * yet; more while the recent jobs are short, so that a deep queue of short jobs costs fewer claims (each claim has a
 * fixed cost of some round trips' worth of database work, and one dispatcher claims at a time), yet the jobs a batch
 * holds in memory are never more than {@link #BUDGET_NANOS} of this pool's threads' work. A host with long jobs holds
 * no more than the configured batch. Only with {@code WorkerOptions.adaptiveClaimBatch} (the defaults); a batch set
 * with {@code withClaimBatch} is fixed.
 *
 * <p>The estimate of a job's run time rises to any longer run at once and comes down slowly (by a sixteenth of the
 * difference per shorter run), so one slow job shrinks the next claims at once and a few fast ones do not undo it.
 */
final class ClaimSize {
    /** The most work, in thread time divided by threads, that one claim may hand to this pool beyond its threads. */
    static final long BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** The largest adaptive claim: past it a claim's fixed cost is a few percent of its per-job cost. */
    static final int MAX = 128;
    private static final long UNKNOWN = -1;

    private final int configured;
    private final int threads;
    private final boolean adaptive;
    private final AtomicLong estimateNanos = new AtomicLong(UNKNOWN);

    /** {@code adaptive} false: always {@code configured} (a batch the host set is the batch it gets). */
    ClaimSize(int configured, int threads, boolean adaptive) {
        this.configured = configured;
        this.threads = threads;
        this.adaptive = adaptive;
    }

    /** Records one run of a job, however it ended. */
    void ran(long nanos) {
        long sample = Math.max(0, nanos);
        estimateNanos.accumulateAndGet(sample, (est, s) -> est == UNKNOWN || s >= est ? s : est - (est - s) / 16);
    }

    /** The size of the next claim: the configured batch, or more while recent jobs are short. */
    int next() {
        long est = estimateNanos.get();
        if (!adaptive || est == UNKNOWN || configured >= MAX) return configured;
        long fits = BUDGET_NANOS * threads / Math.max(est, 1);
        return (int) Math.max(configured, Math.min(MAX, fits));
    }
}
