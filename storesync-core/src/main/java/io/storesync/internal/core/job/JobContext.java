package io.storesync.internal.core.job;

import io.storesync.api.NotFoundException;
import io.storesync.api.StoreSyncException;
import io.storesync.api.job.Job;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import io.storesync.internal.core.Engine;
import io.storesync.internal.core.store.CredentialCipher;
import io.storesync.internal.core.store.StoreSession;
import io.storesync.internal.core.store.StoresService;
import io.storesync.api.store.StoreCredentials;
import io.storesync.spi.connector.AccessTokenRejectedException;
import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.StoreAccess;
import io.storesync.spi.persistence.JobQueue;
import io.storesync.spi.persistence.LogDetails;
import io.storesync.spi.persistence.TenantTransaction;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What a handler works with while it runs one job: tenant transactions, progress and log lines (each its own short
 * transaction, written only while the lease is held), and rate-limited connector calls. Not thread-safe: one job,
 * one thread.
 */
final class JobContext {
    /** An acquire that took longer than this slept for its token (a free token takes microseconds). */
    private static final long SLEPT_NANOS = 1_000_000;
    private final Engine engine;
    private final PoolState pool;
    private final Job job;
    private final JobQueue.Lease lease;
    private volatile boolean leaseLost;
    private @Nullable StoreSession session;
    private boolean accessTokenRefreshed;
    private boolean progressed;

    JobContext(Engine engine, PoolState pool, Job job, JobQueue.Lease lease) {
        this.engine = engine;
        this.pool = pool;
        this.job = job;
        this.lease = lease;
    }

    /** The lease this job is held under: the token the queue asks for to extend, complete or release it. */
    JobQueue.Lease lease() {
        return lease;
    }

    Job job() {
        return job;
    }

    Engine engine() {
        return engine;
    }

    PoolState pool() {
        return pool;
    }

    OrganizationId organization() {
        return job.organizationId();
    }

    StoreId storeId() {
        StoreId id = job.storeId();
        if (id == null) throw new IllegalStateException(job.type() + " job " + job.id() + " has no store");
        return id;
    }

    /** The run stored work a retry will not redo (a page and its checkpoint): a failure then costs no attempt. */
    void stored() {
        progressed = true;
    }

    boolean progressed() {
        return progressed;
    }

    void loseLease() {
        leaseLost = true;
    }

    /** Stops the handler when the lease was lost (cancelled, or reaped after missed heartbeats) or the pool stops. */
    void checkpoint() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) throw new InterruptedException("worker is shutting down");
        if (leaseLost) throw new LeaseLostException(job.id());
    }

    /**
     * Runs {@code work} in the job's organization. Once the pool is closing, the transaction commits only while this
     * worker still holds the job (checked under a lock on the job's row): close() hands back a job that is still
     * blocked in the database when its timeout passes, and that job's work, whenever the database lets it go on, must
     * roll back rather than commit beside the worker that runs it next. Outside shutdown it costs nothing.
     */
    <R> R tx(Function<TenantTransaction, R> work) {
        return tx(work, true);
    }

    /**
     * {@link #tx} for work that checks the hold itself, first, under a lock on the job's row (recording a failure:
     * {@code holdFailed}), and then changes the job's status: the closing check, made after the work, would find the
     * job no longer running and roll the failure back, leaving the job claimed by a closed worker.
     */
    <R> R txCheckingItsOwnHold(Function<TenantTransaction, R> work) {
        return tx(work, false);
    }

    private <R> R tx(Function<TenantTransaction, R> work, boolean checkHeldWhenClosing) {
        try {
            return engine.persistence().inTenant(job.organizationId(), t -> {
                R result = work.apply(t);
                if (checkHeldWhenClosing && pool.closed && !t.jobs().stillHeld(job.id(), pool.workerId())) {
                    throw new LeaseLostException(job.id());
                }
                return result;
            });
        } catch (StoreSyncException e) {
            if (e.getCause() instanceof LeaseLostException lost) {
                leaseLost = true;
                throw lost;
            }
            throw e;
        }
    }

    void progress(int total, int processed, int failed) throws InterruptedException {
        checkpoint();
        stopUnlessHeld(tx(t -> progress(t, total, processed, failed)));
    }

    /**
     * Writes the job's progress in a transaction of the caller's, beside its other writes; whether the worker still
     * holds the job. Hand the answer to {@link #stopUnlessHeld} once the transaction has committed.
     */
    boolean progress(TenantTransaction tx, int total, int processed, int failed) {
        return tx.jobs().progress(job.id(), pool.workerId(), total, processed, failed);
    }

    /** Stops the handler when a write that checks the hold (progress, checkpoint) found the job no longer held. */
    void stopUnlessHeld(boolean held) {
        if (!held) {
            leaseLost = true;
            throw new LeaseLostException(job.id());
        }
    }

    void log(String level, String message, @Nullable LogDetails details) {
        tx(t -> {
            t.jobs().log(job.id(), level, message, details);
            return null;
        });
    }

    /** The job's store, decrypted credentials and connector; refuses stores that must not be synced now. */
    StoreSession session() {
        if (session == null) {
            StoreSession s;
            try {
                s = tx(t -> engine.session(t, storeId()));
            } catch (CredentialCipher.UndecryptableCredentialsException e) {
                if (e.wrongKey()) {
                    // retrying cannot help and the seller must re-authorise: flag the store (which cancels its
                    // waiting jobs) so a person sees it, instead of failing this store's every job for ever
                    tx(t -> StoresService.flag(t, storeId(), "stored credentials cannot be decrypted with the configured"
                            + " key; re-authorise the store"));
                }
                throw new RejectedException(e.getMessage(), e);
            }
            if (!s.store().active() || !s.store().status().scheduled()) {
                throw new StoreUnavailableException("store " + s.store().id() + " is "
                        + (s.store().active() ? s.store().status().name().toLowerCase(java.util.Locale.ROOT) : "inactive") + "; the job is not run");
            }
            session = s;
        }
        return session;
    }

    /** A connector call within the store's rate limit. */
    <T> T call(Function<Connector, T> call) throws InterruptedException {
        checkpoint();
        StoreSession s = session();
        long before = System.nanoTime();
        Duration wait = engine.rateLimiters().acquire(s.store().platform(), s.store().id(), s.connector().limits());
        if (!wait.isZero()) {
            engine.listener().rateLimited(s.store().platform(), wait, true);
            throw new ThrottledException(wait);
        }
        long slept = System.nanoTime() - before;
        if (slept > SLEPT_NANOS) engine.listener().rateLimited(s.store().platform(), Duration.ofNanos(slept), false);
        return call.apply(s.connector());
    }

    /**
     * A connector call with the store's access, within the store's rate limit. When the platform refuses the access
     * token ({@link AccessTokenRejectedException}), the credentials are refreshed once per run under the store's
     * credential lock and stored, and the call is made again with them; a second refusal, or a refused refresh, is
     * thrown as it came (a {@link io.storesync.spi.connector.CredentialsRejectedException}: the store is flagged).
     */
    <T> T call(BiFunction<Connector, StoreAccess, T> call) throws InterruptedException {
        try {
            return call(c -> call.apply(c, session().access()));
        } catch (AccessTokenRejectedException e) {
            if (accessTokenRefreshed) throw e;
            accessTokenRefreshed = true;
            StoreSession s = session();
            StoreCredentials fresh = CredentialRefreshHandler.refreshLocked(this, s.access().credentials()).credentials();
            session = new StoreSession(s.store(), new StoreAccess(s.access().storeId(), s.access().platformStoreId(),
                    fresh), s.connector());
            log("info", "the platform refused the access token; the call is made again with refreshed credentials", null);
            return call(c -> call.apply(c, session().access()));
        }
    }

    /** The lease is gone; the handler must stop and leave the job to whoever holds it now. */
    static final class LeaseLostException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LeaseLostException(io.storesync.api.job.JobId id) {
            super("job " + id + " is no longer held by this worker (cancelled, or its lease expired)", null, false, false);
        }
    }

    /** The local rate limiter asked for a wait too long to sleep through: reschedule without counting an attempt. */
    static final class ThrottledException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Duration wait;

        ThrottledException(Duration wait) {
            super("rate limit reached; next call allowed in " + wait.toMillis() + " ms", null, false, false);
            this.wait = wait;
        }
    }

    /** The store is inactive, paused or flagged: the job is cancelled rather than retried. */
    static final class StoreUnavailableException extends NotFoundException {
        private static final long serialVersionUID = 1L;

        StoreUnavailableException(String message) {
            super(message);
        }
    }
}
