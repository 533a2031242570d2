package io.storesync.internal.core.job;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One platform page read on a thread of its own while the worker ingests the previous page, so a poll's pace is the
 * slower of reading and ingesting instead of their sum. The read's failure (a platform error, a throttle, a lost
 * lease) is thrown by {@link #await()}, where the worker would have made the call itself.
 */
final class PageFetch<T> {
    private final FutureTask<T> task;

    private PageFetch(Callable<T> read, String name) {
        this.task = new FutureTask<>(read);
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    static <T> PageFetch<T> start(String name, Callable<T> read) {
        return new PageFetch<>(read, name);
    }

    /** The page, or the read's failure as the worker would have seen it. */
    T await() throws Exception {
        try {
            return task.get();
        } catch (InterruptedException e) {
            cancel();
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception x) throw x;
            if (cause instanceof Error x) throw x;
            throw e;
        }
    }

    /** Stops waiting for a page no longer wanted (the ingestion failed, the worker stops). */
    void cancel() {
        task.cancel(true);
    }
}
