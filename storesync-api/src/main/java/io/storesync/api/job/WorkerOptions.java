package io.storesync.api.job;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Check;
import java.time.Duration;

/**
 * How a set of workers runs. Defaults suit production; tests shorten the lease and intervals.
 *
 * @param threads jobs run at once by this set (1 to 256)
 * @param claimBatch jobs claimed per round trip (1 to 1000); up to this many claimed jobs wait in memory for a free
 *     thread, under lease and heart-beaten like running ones, so a thread never waits for a round trip
 * @param lease how long a claim holds without a heartbeat; a worker that stops heart-beating loses its jobs after it
 * @param heartbeatInterval how often held leases are extended; well under {@code lease}
 * @param pollInterval how often the queue is polled when no notification arrives (the fallback)
 * @param maintenanceInterval how often expired leases are reaped and schedules checked
 * @param stockCoalesceInterval how often inventory changes are turned into stock pushes
 * @param stockPushDelay the stock push window: the least time between the end of one stock push of a store and the
 *     start of its next, so a listing is pushed at most once per window however many changes it has; a change to a
 *     store that has not pushed within the last window is pushed at once (zero: every push at once, no window)
 * @param retryPolicy backoff between attempts
 * @param shutdownTimeout how long closing waits for running jobs before interrupting and releasing them
 * @param jobRetention no longer read: finished jobs, logs and webhook events follow the organization's retention
 *     ({@code io.storesync.api.compliance.RetentionPolicy}); kept for compatibility
 * @param listen whether to wait on LISTEN/NOTIFY (needs a connection held from the pool); polling only otherwise
 * @param missedWebhookSweepInterval how often the workers collect the webhooks platforms failed to deliver and keep
 *     for collection (Shopee's lost pushes), store them like delivered ones and confirm them; zero: never (the host
 *     calls {@code StoreSync.sweepMissedWebhooks()} itself, or another set of workers sweeps). Sweeps of several sets
 *     or JVMs at once are harmless: deliveries are deduplicated
 * @param adaptiveClaimBatch whether claims may grow past {@code claimBatch} (up to 128 jobs) while the recent jobs
 *     are short, never holding more than about 50 ms of the threads' work; with long jobs a claim stays at
 *     {@code claimBatch}. On in {@link #defaults(int)}; {@link #withClaimBatch(int)} turns it off, so a batch a host
 *     sets is the batch it gets
 */
public record WorkerOptions(int threads, int claimBatch, Duration lease, Duration heartbeatInterval,
        Duration pollInterval, Duration maintenanceInterval, Duration stockCoalesceInterval, Duration stockPushDelay,
        RetryPolicy retryPolicy, Duration shutdownTimeout, Duration jobRetention, boolean listen,
        Duration missedWebhookSweepInterval, boolean adaptiveClaimBatch) {

    /** The missed-webhook sweep's default interval: Shopee keeps lost pushes three days, the order poll runs meanwhile. */
    public static final Duration DEFAULT_MISSED_WEBHOOK_SWEEP_INTERVAL = Duration.ofMinutes(5);

    public WorkerOptions {
        if (threads < 1 || threads > 256) throw new ValidationException("threads must be 1 to 256, got " + threads);
        if (claimBatch < 1 || claimBatch > 1000) throw new ValidationException("claimBatch must be 1 to 1000, got " + claimBatch);
        positive(lease, "lease");
        positive(heartbeatInterval, "heartbeatInterval");
        if (heartbeatInterval.compareTo(lease) >= 0) throw new ValidationException("heartbeatInterval must be shorter than lease");
        positive(pollInterval, "pollInterval");
        positive(maintenanceInterval, "maintenanceInterval");
        positive(stockCoalesceInterval, "stockCoalesceInterval");
        Check.present(stockPushDelay, "stockPushDelay");
        if (stockPushDelay.isNegative()) throw new ValidationException("stockPushDelay must not be negative");
        Check.present(retryPolicy, "retryPolicy");
        Check.present(shutdownTimeout, "shutdownTimeout");
        positive(jobRetention, "jobRetention");
        Check.present(missedWebhookSweepInterval, "missedWebhookSweepInterval");
        if (missedWebhookSweepInterval.isNegative()) throw new ValidationException("missedWebhookSweepInterval must not be negative");
    }

    /**
     * The options as they were before the missed-webhook sweep and the adaptive claim batch, kept for compatibility:
     * missed webhooks are collected every five minutes and the claim batch is fixed, as it was.
     */
    public WorkerOptions(int threads, int claimBatch, Duration lease, Duration heartbeatInterval, Duration pollInterval,
            Duration maintenanceInterval, Duration stockCoalesceInterval, Duration stockPushDelay, RetryPolicy retryPolicy,
            Duration shutdownTimeout, Duration jobRetention, boolean listen) {
        this(threads, claimBatch, lease, heartbeatInterval, pollInterval, maintenanceInterval, stockCoalesceInterval,
                stockPushDelay, retryPolicy, shutdownTimeout, jobRetention, listen,
                DEFAULT_MISSED_WEBHOOK_SWEEP_INTERVAL, false);
    }

    private static void positive(Duration d, String field) {
        Check.present(d, field);
        if (d.isNegative() || d.isZero()) throw new ValidationException(field + " must be positive, got " + d);
    }

    /**
     * Production defaults for {@code threads} workers: claims of {@code max(16, 2 × threads)} jobs (at most 100),
     * more while jobs are short ({@code adaptiveClaimBatch}), 5-minute leases heart-beaten every 30 s, a 2 s poll
     * fallback behind LISTEN/NOTIFY, stock changes picked up every 50 ms and pushed with a 100 ms window per store,
     * missed webhooks collected every five minutes.
     */
    public static WorkerOptions defaults(int threads) {
        return new WorkerOptions(threads, Math.min(100, Math.max(16, threads * 2)), Duration.ofMinutes(5), Duration.ofSeconds(30),
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMillis(100),
                RetryPolicy.DEFAULT, Duration.ofSeconds(30), Duration.ofDays(30), true,
                DEFAULT_MISSED_WEBHOOK_SWEEP_INTERVAL, true);
    }

    /** These options with another lease and heartbeat interval. */
    public WorkerOptions withLease(Duration newLease, Duration newHeartbeat) {
        return new WorkerOptions(threads, claimBatch, newLease, newHeartbeat, pollInterval, maintenanceInterval,
                stockCoalesceInterval, stockPushDelay, retryPolicy, shutdownTimeout, jobRetention, listen,
                missedWebhookSweepInterval, adaptiveClaimBatch);
    }

    /** These options with other poll and maintenance intervals. */
    public WorkerOptions withIntervals(Duration poll, Duration maintenance) {
        return new WorkerOptions(threads, claimBatch, lease, heartbeatInterval, poll, maintenance,
                stockCoalesceInterval, stockPushDelay, retryPolicy, shutdownTimeout, jobRetention, listen,
                missedWebhookSweepInterval, adaptiveClaimBatch);
    }

    /** These options with another stock coalescing interval and push window ({@code stockPushDelay}). */
    public WorkerOptions withStockTiming(Duration coalesce, Duration pushDelay) {
        return new WorkerOptions(threads, claimBatch, lease, heartbeatInterval, pollInterval, maintenanceInterval,
                coalesce, pushDelay, retryPolicy, shutdownTimeout, jobRetention, listen,
                missedWebhookSweepInterval, adaptiveClaimBatch);
    }

    /** These options with another retry policy. */
    public WorkerOptions withRetryPolicy(RetryPolicy policy) {
        return new WorkerOptions(threads, claimBatch, lease, heartbeatInterval, pollInterval, maintenanceInterval,
                stockCoalesceInterval, stockPushDelay, policy, shutdownTimeout, jobRetention, listen,
                missedWebhookSweepInterval, adaptiveClaimBatch);
    }

    /** These options with another shutdown timeout. */
    public WorkerOptions withShutdownTimeout(Duration timeout) {
        return new WorkerOptions(threads, claimBatch, lease, heartbeatInterval, pollInterval, maintenanceInterval,
                stockCoalesceInterval, stockPushDelay, retryPolicy, timeout, jobRetention, listen,
                missedWebhookSweepInterval, adaptiveClaimBatch);
    }

    /** These options with another claim batch size, fixed: claims no longer grow while jobs are short. */
    public WorkerOptions withClaimBatch(int batch) {
        return new WorkerOptions(threads, batch, lease, heartbeatInterval, pollInterval, maintenanceInterval,
                stockCoalesceInterval, stockPushDelay, retryPolicy, shutdownTimeout, jobRetention, listen,
                missedWebhookSweepInterval, false);
    }

    /** These options with LISTEN/NOTIFY on or off. */
    public WorkerOptions withListen(boolean on) {
        return new WorkerOptions(threads, claimBatch, lease, heartbeatInterval, pollInterval, maintenanceInterval,
                stockCoalesceInterval, stockPushDelay, retryPolicy, shutdownTimeout, jobRetention, on, missedWebhookSweepInterval,
                adaptiveClaimBatch);
    }

    /** These options with another missed-webhook sweep interval (zero: the workers never sweep). */
    public WorkerOptions withMissedWebhookSweepInterval(Duration interval) {
        return new WorkerOptions(threads, claimBatch, lease, heartbeatInterval, pollInterval, maintenanceInterval,
                stockCoalesceInterval, stockPushDelay, retryPolicy, shutdownTimeout, jobRetention, listen, interval,
                adaptiveClaimBatch);
    }
}
