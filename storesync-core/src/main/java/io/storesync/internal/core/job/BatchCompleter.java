package io.storesync.internal.core.job;

import io.storesync.api.job.Job;
import io.storesync.api.job.JobId;
import io.storesync.spi.persistence.JobQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks finished jobs completed, many per round trip, on a thread of its own so a job thread never waits for the
 * write. A batch that cannot be written is left to lease expiry and a re-run (handlers are idempotent).
 */
final class BatchCompleter {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    private static final int MAX_BATCH = 1000;

    private final PoolState pool;
    private final BlockingQueue<Done> done = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean stop;

    BatchCompleter(PoolState pool, String threadName) {
        this.pool = pool;
        this.thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
    }

    private record Done(JobContext ctx, long startedNanos) {}

    void start() {
        thread.start();
    }

    /** Queues a job whose handler returned; it stays held (and heart-beaten) until written. */
    void finished(JobContext ctx, long startedNanos) {
        done.add(new Done(ctx, startedNanos));
    }

    /** Writes what is queued, then stops. */
    void stop(long millis) throws InterruptedException {
        stop = true;
        thread.join(millis);
    }

    private void loop() {
        List<Done> batch = new ArrayList<>();
        while (true) {
            try {
                Done first = done.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (stop) return;
                    continue;
                }
                batch.add(first);
                done.drainTo(batch, MAX_BATCH - 1);
                flush(batch);
            } catch (InterruptedException e) {
                if (stop) return;
            } finally {
                batch.clear();
            }
        }
    }

    private void flush(List<Done> batch) throws InterruptedException {
        List<JobId> ids = batch.stream().map(d -> d.ctx().job().id()).toList();
        List<JobQueue.Lease> leases = batch.stream().map(d -> d.ctx().lease()).toList();
        Set<JobId> completed = null;
        for (int attempt = 1; completed == null; attempt++) {
            try {
                completed = pool.engine.persistence().queue().complete(leases);
            } catch (RuntimeException e) {
                if (attempt >= 3) {
                    pool.errors.warn("completing " + ids.size() + " job(s) failed; their leases will expire and they run again", e);
                    ids.forEach(pool.held::remove);
                    return;
                }
                Thread.sleep(50L * attempt);
            }
        }
        long now = System.nanoTime();
        for (Done d : batch) {
            Job job = d.ctx().job();
            pool.held.remove(job.id());
            if (completed.contains(job.id())) {
                pool.engine.listener().jobFinished(job, Duration.ofNanos(now - d.startedNanos()));
            } else {
                LOG.debug("job {} finished but was no longer held by {} (cancelled, or its lease expired)", job.id(), pool.workerId);
            }
        }
    }
}
