package io.storesync.api.job;

import org.jspecify.annotations.Nullable;

/**
 * Wraps job runs and links them to whoever enqueued them: the hook tracing plugs into (storesync-micrometer's
 * Observation support), registered with {@code StoreSync.Builder.jobInterceptor}. {@link io.storesync.api.StoreSyncListener}-style
 * events stay the place for metrics; this one is around-style because a span must be open while the job runs, so
 * that the connector calls it makes become its children.
 *
 * <p>The producer's context is an opaque string of at most {@link #MAX_CONTEXT_LENGTH} characters (for tracing, a W3C
 * {@code traceparent}) stored with the job and handed back when a worker runs it, on whatever instance. It must never
 * carry secrets or personal data. Both methods may be called concurrently from many threads.
 *
 * @see io.storesync.api.StoreSyncListener
 */
public interface JobInterceptor {

    /** The longest producer context stored; a longer one is dropped (the job runs unlinked). */
    int MAX_CONTEXT_LENGTH = 512;

    /** An interceptor that links nothing and runs every job as it is. */
    JobInterceptor NONE = new JobInterceptor() {};

    /**
     * Called on the thread enqueueing a job of {@code type}, inside the enqueueing transaction: the context to store
     * with the job, or null for none. Must be fast and must not block; an exception is logged and the job is stored
     * without a context.
     */
    default @Nullable String producerContext(JobType type) {
        return null;
    }

    /**
     * Runs one job on the worker's thread: must call {@code work.run()} exactly once, on this thread, and let its
     * exception through unchanged (the engine decides from it whether the job is retried, released or failed).
     *
     * @param producerContext what {@link #producerContext} returned when the job was enqueued; null when it returned
     *     none, or for jobs the database schedules itself
     */
    default void around(Job job, @Nullable String producerContext, Work work) throws Exception {
        work.run();
    }

    /** A job's work, as {@link #around} runs it. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }
}
