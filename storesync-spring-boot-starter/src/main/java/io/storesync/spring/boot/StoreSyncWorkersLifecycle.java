package io.storesync.spring.boot;

import io.storesync.StoreSync;
import io.storesync.api.job.WorkerOptions;
import io.storesync.api.job.Workers;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * StoreSync's job workers as a {@link SmartLifecycle}. Its phase, {@link #PHASE}, is below the web server's graceful
 * shutdown ({@code Integer.MAX_VALUE - 1024}) and the web server's stop ({@code - 2048}): on shutdown the web server
 * drains first, so webhook requests in flight still land in the inbox, and then the workers stop: they claim nothing
 * more, running jobs finish within {@code storesync.worker.shutdown-timeout}, and any still running after it are
 * interrupted and handed back to the queue (their attempt not counted) for another instance. All of this happens
 * before the DataSource is closed.
 */
public final class StoreSyncWorkersLifecycle implements SmartLifecycle {
    /** Stops after the web server (higher phases stop first), starts before it. */
    public static final int PHASE = Integer.MAX_VALUE - 4096;
    private static final Logger LOG = LoggerFactory.getLogger(StoreSyncWorkersLifecycle.class);

    private final StoreSync storeSync;
    private final WorkerOptions options;
    private volatile @Nullable Workers workers;
    private volatile boolean stopping;

    public StoreSyncWorkersLifecycle(StoreSync storeSync, WorkerOptions options) {
        this.storeSync = Objects.requireNonNull(storeSync, "storeSync");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options the workers start with, as the properties made them. */
    public WorkerOptions options() {
        return options;
    }

    @Override
    public synchronized void start() {
        if (workers != null) return;
        stopping = false;
        workers = storeSync.startWorkers(options);
        LOG.info("StoreSync workers started ({} threads)", options.threads());
    }

    @Override
    public void stop() {
        Workers w;
        synchronized (this) {
            w = workers;
            if (w == null) return;
            stopping = true;
        }
        try {
            w.close();
        } finally {
            synchronized (this) {
                workers = null;
                stopping = false;
            }
        }
    }

    @Override
    public void stop(Runnable callback) {
        // close() blocks for at most the shutdown timeout; a thread of its own lets other beans of this phase stop too
        Thread t = new Thread(() -> {
            try {
                stop();
            } finally {
                callback.run();
            }
        }, "storesync-workers-shutdown");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public boolean isRunning() {
        return workers != null;
    }

    /** Whether the workers are being stopped (draining). */
    public boolean isStopping() {
        return stopping;
    }

    /** Jobs running now in this instance. */
    public int running() {
        Workers w = workers;
        return w == null ? 0 : w.running();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
