package io.storesync.internal.core.job;

import io.storesync.spi.persistence.JobQueue;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * Claims due jobs in batches, only as many as there are free threads plus one batch, so a claimed job starts at once
 * and no thread waits for a round trip. The batch is the configured one, larger while recent jobs are short
 * ({@link ClaimSize}). Claims only the job types this version has handlers for, so during a rolling
 * deploy a job type only newer workers know waits for them instead of failing here. Sleeps until a notification
 * (LISTEN/NOTIFY from any JVM, or a local enqueue), a freed thread, or the poll interval.
 */
final class Dispatcher {
    private final PoolState pool;
    private final JobRunner runner;
    private final Object signal = new Object();
    private boolean signalled;
    private final Thread thread;

    Dispatcher(PoolState pool, JobRunner runner, String threadName) {
        this.pool = pool;
        this.runner = runner;
        this.thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    void wake() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        int threads = pool.options.threads();
        while (!pool.closed) {
            // the batch adapts to recent job durations (ClaimSize); up to one batch waits for a thread
            int batch = pool.claimSize.next();
            int inFlight = pool.inFlight.get();
            int free = threads + batch - inFlight;
            boolean full = false;
            // claim when a thread would otherwise idle, or when at least half a batch has room: a claim per freed
            // slot would cost one round trip per job
            if (free > 0 && (inFlight < threads || 2 * free >= batch)) {
                // the queue clamps a claim to MAX_CLAIM: asking for more would read a full batch as "not full"
                int want = Math.min(Math.min(free, batch), JobQueue.MAX_CLAIM);
                try {
                    List<JobQueue.ClaimedJob> claimed = pool.engine.persistence().queue()
                            .claim(pool.workerId, want, pool.options.lease(), pool.knownTypes);
                    handOver(claimed);
                    full = claimed.size() == want;
                    pool.moreWaiting = full;
                } catch (RuntimeException e) {
                    pool.errors.warn("claiming jobs failed", e);
                }
            }
            // claim again at once while the queue had more and the local buffer has room; otherwise wait for a
            // notification, a freed slot or the poll interval
            if (full && pool.inFlight.get() <= threads) continue;
            awaitSignal(pool.options.pollInterval().toMillis());
        }
    }

    /**
     * Gives the claimed jobs to the runner. A claim that returns after close() began (it was in the database when the
     * pool stopped waiting for this thread) is handed straight back: no thread will run it, and a job left claimed
     * would wait for its lease to expire and the reaper of some other worker set.
     */
    private void handOver(List<JobQueue.ClaimedJob> claimed) {
        int given = 0;
        try {
            for (; given < claimed.size() && !pool.closed; given++) runner.submit(claimed.get(given));
        } catch (RejectedExecutionException e) {
            // the executor shut down between the check and the submit: the job was not taken, release it with the rest
        } finally {
            if (given < claimed.size()) {
                List<JobQueue.Lease> back = claimed.subList(given, claimed.size()).stream().map(JobQueue.ClaimedJob::lease).toList();
                try {
                    pool.engine.persistence().queue().release(back);
                } catch (RuntimeException e) {
                    pool.errors.warn("handing back jobs claimed while closing failed; their leases will expire", e);
                }
            }
        }
    }

    private void awaitSignal(long millis) {
        synchronized (signal) {
            if (!signalled && !pool.closed) {
                try {
                    signal.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    pool.closed = true;
                }
            }
            signalled = false;
        }
    }
}
