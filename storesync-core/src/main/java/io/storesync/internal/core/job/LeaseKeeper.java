package io.storesync.internal.core.job;

import io.storesync.api.job.JobId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Extends the leases of held jobs on a scheduler of its own: slow maintenance or coalescing must never delay a
 * heartbeat, or held jobs would be reaped and run twice. Tells a job whose lease is gone to stop.
 */
final class LeaseKeeper {
    private final PoolState pool;
    private final ScheduledExecutorService timer;
    private volatile long lastHeartbeatNanos = System.nanoTime();

    LeaseKeeper(PoolState pool, String threadName) {
        this.pool = pool;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        long every = pool.options.heartbeatInterval().toMillis();
        timer.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    }

    void stop() {
        timer.shutdownNow();
    }

    void heartbeat() {
        try {
            List<JobContext> held = new ArrayList<>(pool.held.values());
            if (held.isEmpty()) {
                lastHeartbeatNanos = System.nanoTime();
                return;
            }
            Set<JobId> still = pool.engine.persistence().queue()
                    .heartbeat(held.stream().map(JobContext::lease).toList(), pool.options.lease());
            lastHeartbeatNanos = System.nanoTime();
            for (JobContext ctx : held) {
                if (!still.contains(ctx.job().id())) ctx.loseLease();
            }
        } catch (RuntimeException e) {
            pool.errors.warn("heart-beating leases failed", e);
            if (Duration.ofNanos(System.nanoTime() - lastHeartbeatNanos).compareTo(pool.options.lease()) > 0) {
                // our leases have expired by now: whatever we finish, someone else may be running too
                pool.held.values().forEach(JobContext::loseLease);
            }
        }
    }
}
