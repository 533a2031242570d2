package io.storesync.internal.core.job;

import io.storesync.api.job.JobId;
import io.storesync.api.job.JobType;
import io.storesync.api.job.WorkerOptions;
import io.storesync.internal.core.Engine;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the parts of one worker pool share: who they are, their options, the job types they can run, and the jobs
 * they hold (each with its lease token). Kept in one place so that each part reads the same counters instead of
 * asking the others.
 */
final class PoolState {
    final Engine engine;
    final WorkerOptions options;
    final String workerId;
    /** The types this version has handlers for: the only ones it claims. */
    final Set<JobType> knownTypes;
    /** Claimed and not yet completed or failed: what the heartbeat keeps leased. */
    final Map<JobId, JobContext> held = new ConcurrentHashMap<>();
    /** Claimed and not yet handed back by a thread (running or waiting for one): what the dispatcher may add to. */
    final AtomicInteger inFlight = new AtomicInteger();
    final ThrottledLog errors = new ThrottledLog();
    /** The next claim's size, from the configured batch and recent job durations. */
    final ClaimSize claimSize;
    private final ScheduledExecutorService timers;
    volatile boolean closed;
    /** The last claim filled up: the queue probably holds more, so a freed thread should wake the dispatcher. */
    volatile boolean moreWaiting;

    PoolState(Engine engine, WorkerOptions options, String workerId, Set<JobType> knownTypes, ScheduledExecutorService timers) {
        this.engine = engine;
        this.options = options;
        this.workerId = workerId;
        this.knownTypes = Set.copyOf(knownTypes);
        this.claimSize = new ClaimSize(options.claimBatch(), options.threads(), options.adaptiveClaimBatch());
        this.timers = timers;
    }

    String workerId() {
        return workerId;
    }

    WorkerOptions options() {
        return options;
    }

    /** Wakes every JVM's workers after {@code delay}, for jobs enqueued with a delay. */
    void wakeAllAfter(Duration delay) {
        try {
            timers.schedule(engine::jobsQueued, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the pool is stopping; whoever runs next polls anyway
        }
    }
}
