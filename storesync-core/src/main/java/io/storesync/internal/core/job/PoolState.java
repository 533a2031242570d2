package io.storesync.internal.core.job;

import io.storesync.api.job.JobId;
import io.storesync.api.job.WorkerOptions;
import io.storesync.internal.core.Engine;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the parts of one worker pool share: who they are, their options, and the jobs they hold. Kept in one place
 * so that each part reads the same counters instead of asking the others.
 */
final class PoolState {
    final Engine engine;
    final WorkerOptions options;
    final String workerId;
    /** Claimed and not yet completed or failed: what the heartbeat keeps leased. */
    final Map<JobId, JobContext> held = new ConcurrentHashMap<>();
    /** Claimed and not yet handed back by a thread (running or waiting for one): what the dispatcher may add to. */
    final AtomicInteger inFlight = new AtomicInteger();
    final ThrottledLog errors = new ThrottledLog();
    volatile boolean closed;
    /** The last claim filled up: the queue probably holds more, so a freed thread should wake the dispatcher. */
    volatile boolean moreWaiting;

    PoolState(Engine engine, WorkerOptions options, String workerId) {
        this.engine = engine;
        this.options = options;
        this.workerId = workerId;
    }

    String workerId() {
        return workerId;
    }

    WorkerOptions options() {
        return options;
    }
}
