package io.storesync.internal.core.job;

import io.storesync.api.job.WorkerOptions;
import io.storesync.api.job.Workers;
import io.storesync.internal.core.Engine;
import java.lang.management.ManagementFactory;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of workers, assembled from parts that each do one thing: the {@link Dispatcher} claims, the
 * {@link JobRunner} runs on a fixed pool, the {@link BatchCompleter} completes, the {@link LeaseKeeper} heart-beats
 * on a thread of its own, {@link Maintenance} and the {@link StockCoalescer} share a scheduler, and the missed-webhook
 * sweep, which waits on platforms, has a thread of its own. This class starts and stops them.
 */
public final class WorkerPool implements Workers {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final PoolState pool;
    private final ExecutorService executor;
    private final ScheduledExecutorService timers;
    private final Dispatcher dispatcher;
    private final BatchCompleter completer;
    private final LeaseKeeper leases;
    private final Maintenance maintenance;
    private final StockCoalescer coalescer;
    /** The missed-webhook sweep's own thread: it waits on platforms' APIs, which must delay neither upkeep nor pushes. */
    private final @Nullable ScheduledExecutorService sweeper;
    private @Nullable AutoCloseable listening;

    public WorkerPool(Engine engine, WorkerOptions options) {
        int n = POOLS.incrementAndGet();
        HandlerRegistry handlers = HandlerRegistry.standard();
        this.timers = Executors.newScheduledThreadPool(2, named("storesync-maint-" + n + "-"));
        this.pool = new PoolState(engine, options, host() + ":" + UUID.randomUUID().toString().substring(0, 8) + ":" + n,
                handlers.types(), timers);
        this.executor = Executors.newFixedThreadPool(options.threads(), named("storesync-job-" + n + "-"));
        this.completer = new BatchCompleter(pool, "storesync-complete-" + n + "-1");
        // the runner wakes the dispatcher through this pool: it only does so once jobs run, after construction
        JobRunner runner = new JobRunner(pool, handlers, new FailurePolicy(options.retryPolicy()),
                completer, executor, this::wake);
        this.dispatcher = new Dispatcher(pool, runner, "storesync-dispatch-" + n + "-1");
        this.leases = new LeaseKeeper(pool, "storesync-heartbeat-" + n);
        this.maintenance = new Maintenance(pool, dispatcher::wake);
        this.coalescer = new StockCoalescer(pool);
        this.sweeper = options.missedWebhookSweepInterval().isZero() ? null
                : Executors.newSingleThreadScheduledExecutor(named("storesync-sweep-" + n + "-"));
    }

    /** {@code pid@host}, in the characters the queue accepts in a worker name (it refuses others). */
    private static String host() {
        String name = ManagementFactory.getRuntimeMXBean().getName().replaceAll("[^A-Za-z0-9._:@/+-]", "_");
        return name.length() > 120 ? name.substring(0, 120) : name;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public void start() {
        WorkerOptions options = pool.options;
        if (options.listen()) {
            try {
                listening = pool.engine.persistence().queue().listen(this::wake);
            } catch (RuntimeException e) {
                LOG.warn("LISTEN is unavailable; workers {} poll every {} ms", pool.workerId, options.pollInterval().toMillis(), e);
            }
        }
        dispatcher.start();
        completer.start();
        leases.start();
        long maint = options.maintenanceInterval().toMillis();
        timers.scheduleWithFixedDelay(maintenance::run, 0, maint, TimeUnit.MILLISECONDS);
        long coalesce = options.stockCoalesceInterval().toMillis();
        timers.scheduleWithFixedDelay(coalescer::run, coalesce, coalesce, TimeUnit.MILLISECONDS);
        if (sweeper != null) {
            // first after one interval: a restart loop must not turn into a burst of platform calls
            long sweep = Math.max(1, options.missedWebhookSweepInterval().toMillis());
            sweeper.scheduleWithFixedDelay(this::sweepMissedWebhooks, sweep, sweep, TimeUnit.MILLISECONDS);
        }
        LOG.info("started {} job worker(s) as {}", options.threads(), pool.workerId);
    }

    @Override
    public String workerId() {
        return pool.workerId;
    }

    @Override
    public int running() {
        return pool.inFlight.get();
    }

    @Override
    public boolean closed() {
        return pool.closed;
    }

    private void sweepMissedWebhooks() {
        if (pool.closed) return;
        try {
            pool.engine.missedWebhooks().sweepScheduled();
        } catch (RuntimeException e) {
            // it logs its own failures; this only keeps the schedule alive whatever happens
            pool.errors.warn("sweeping missed webhooks failed", e);
        }
    }

    public void wake() {
        dispatcher.wake();
    }

    private static long remainingMillis(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    @Override
    public void close() {
        if (pool.closed) return;
        pool.closed = true;
        wake();
        // one deadline for the dispatcher's claim in flight and the running jobs: a claim still in the database is
        // waited for (its jobs are then handed back by the dispatcher, see Dispatcher.handOver), within the same timeout
        long deadline = System.nanoTime() + pool.options.shutdownTimeout().toNanos();
        try {
            dispatcher.join(Math.max(1, remainingMillis(deadline)));
            executor.shutdown();
            if (!executor.awaitTermination(remainingMillis(deadline), TimeUnit.MILLISECONDS)) {
                LOG.info("interrupting {} running job(s) of {} at shutdown; they are handed back", pool.held.size(), pool.workerId);
                // jobs still queued for a thread never run, so nothing else counts them out of running()
                pool.inFlight.addAndGet(-executor.shutdownNow().size());
                executor.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            pool.inFlight.addAndGet(-executor.shutdownNow().size());
            Thread.currentThread().interrupt();
        } finally {
            try {
                completer.stop(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!pool.held.isEmpty()) {
                try {
                    pool.engine.persistence().queue().release(pool.held.values().stream().map(JobContext::lease).toList());
                } catch (RuntimeException e) {
                    LOG.warn("could not release {} job(s) at shutdown; their leases will expire", pool.held.size(), e);
                }
            }
            leases.stop();
            timers.shutdownNow();
            if (sweeper != null) sweeper.shutdownNow();
            if (listening != null) {
                try {
                    listening.close();
                } catch (Exception e) {
                    LOG.debug("closing the listener failed", e);
                }
            }
            pool.engine.forget(this);
            LOG.info("stopped job workers {}", pool.workerId);
        }
    }
}
