package io.storesync.internal.core.job;

import io.storesync.api.ConflictException;
import io.storesync.api.StoreSyncException;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobStatus;
import io.storesync.internal.core.store.StoresService;
import io.storesync.spi.connector.CredentialsRejectedException;
import io.storesync.spi.persistence.HeldJob;
import io.storesync.spi.persistence.JobQueue;
import io.storesync.spi.persistence.JobTransition;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs claimed jobs on the pool's threads: a success goes to the batch completer, a failure is classified by the
 * failure policy and its transition recorded, and a run cut short by shutdown is handed back without counting.
 */
final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    private final PoolState pool;
    private final HandlerRegistry handlers;
    private final FailurePolicy failures;
    private final BatchCompleter completer;
    private final ExecutorService executor;
    private final Runnable wake;

    JobRunner(PoolState pool, HandlerRegistry handlers, FailurePolicy failures, BatchCompleter completer,
            ExecutorService executor, Runnable wake) {
        this.pool = pool;
        this.handlers = handlers;
        this.failures = failures;
        this.completer = completer;
        this.executor = executor;
        this.wake = wake;
    }

    /** Holds a claimed job and queues it for a thread; called by the dispatcher only. */
    void submit(JobQueue.ClaimedJob claimed) {
        Job job = claimed.job();
        JobContext ctx = new JobContext(pool.engine, pool, job, claimed.lease());
        pool.held.put(job.id(), ctx);
        pool.inFlight.incrementAndGet();
        try {
            executor.execute(() -> run(ctx, claimed.producerContext()));
        } catch (RejectedExecutionException e) {
            // closing: the dispatcher hands the job back itself
            pool.held.remove(job.id());
            pool.inFlight.decrementAndGet();
            throw e;
        }
    }

    private void run(JobContext ctx, @Nullable String producerContext) {
        Job job = ctx.job();
        long started = System.nanoTime();
        boolean succeeded = false;
        try {
            if (pool.closed) throw new InterruptedException("worker is shutting down");
            pool.engine.listener().jobStarted(job);
            JobHandler handler = handlers.handlerFor(job.type());
            pool.engine.jobInterceptor().around(job, producerContext, () -> handler.run(ctx));
            ctx.checkpoint();
            completer.finished(ctx, started);
            succeeded = true;
        } catch (JobContext.LeaseLostException e) {
            LOG.debug("{}", e.getMessage());
        } catch (InterruptedException e) {
            release(ctx);
        } catch (Throwable t) {
            if (pool.closed && (Thread.currentThread().isInterrupted() || causedByInterrupt(t))) {
                release(ctx);
            } else {
                failed(ctx, t);
            }
        } finally {
            if (!succeeded) pool.held.remove(job.id());
            pool.claimSize.ran(System.nanoTime() - started);
            pool.inFlight.decrementAndGet();
            Thread.interrupted(); // the pool thread is reused; an interrupt for this job must not leak into the next
            if (pool.moreWaiting || pool.closed) wake.run();
        }
    }

    private static boolean causedByInterrupt(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InterruptedException || c instanceof java.io.InterruptedIOException) return true;
        }
        return false;
    }

    private void release(JobContext ctx) {
        try {
            pool.engine.persistence().queue().release(List.of(ctx.lease()));
        } catch (RuntimeException e) {
            LOG.warn("could not release job {}; its lease will expire instead", ctx.job().id(), e);
        }
    }

    /** Decides what a failed run means for the job, records it, and tells the listener. */
    private void failed(JobContext ctx, Throwable t) {
        Job job = ctx.job();
        JobFailure failure = failures.classify(job, t);
        boolean credentialsRejected = t instanceof CredentialsRejectedException;
        if (failure.kind() == JobFailure.Kind.RESCHEDULE) {
            LOG.debug("job {} rescheduled: {}", job.id(), failure.message());
        } else {
            LOG.warn("job {} ({}, attempt {}/{}) failed: {}", job.id(), job.type(), job.attempt(),
                    job.maxAttempts(), failure.message(), t instanceof StoreSyncException ? null : t);
        }
        Optional<JobStatus> status = Optional.empty();
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                status = ctx.txCheckingItsOwnHold(tx -> {
                    Optional<HeldJob> held = tx.jobs().holdFailed(job.id(), pool.workerId);
                    if (held.isEmpty()) return Optional.<JobStatus>empty();
                    JobTransition next = FailurePolicy.next(held.get(), failure, ctx.progressed());
                    tx.jobs().recordFailure(job.id(), next);
                    if (credentialsRejected && job.storeId() != null) StoresService.flag(tx, job.storeId(), failure.message());
                    return Optional.of(next.status());
                });
                break;
            } catch (ConflictException e) {
                // a job with the same dedupe key was enqueued between our check and our write: try once more,
                // the check then sees it and supersedes this one
                if (attempt == 2) LOG.warn("could not record failure of job {}", job.id(), e);
            } catch (RuntimeException e) {
                LOG.warn("could not record failure of job {}; its lease will expire and it will be retried", job.id(), e);
                return;
            }
        }
        status.ifPresent(s -> pool.engine.listener().jobFailed(job, failure.message(),
                s == JobStatus.RETRYING || s == JobStatus.PENDING));
    }
}
