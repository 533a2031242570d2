package io.storesync.api.job;

/**
 * A running set of job workers, started with {@code StoreSync.startWorkers}. Any number of sets, in any number of
 * JVMs, may share one database: a job is held by one worker at a time under a lease.
 *
 * <p>Thread-safe. {@link #close()} is graceful: it stops claiming, lets running jobs finish within the shutdown
 * timeout, then interrupts the rest and hands their jobs back to the queue without counting the attempt.
 */
public interface Workers extends AutoCloseable {

    /** This set's worker id, written as the lease owner of the jobs it holds. */
    String workerId();

    /** Jobs this set is running now. */
    int running();

    /** Whether {@link #close()} has been called. */
    boolean closed();

    /** Stops gracefully; blocks for at most the shutdown timeout plus a moment. Idempotent. */
    @Override
    void close();
}
