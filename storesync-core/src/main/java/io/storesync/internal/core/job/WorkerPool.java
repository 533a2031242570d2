package io.storesync.internal.core.job;

import io.storesync.api.ConflictException;
import io.storesync.api.StoreSyncException;
import io.storesync.api.ValidationException;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobId;
import io.storesync.api.job.JobStatus;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.job.WorkerOptions;
import io.storesync.api.job.Workers;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import io.storesync.internal.core.Engine;
import io.storesync.internal.core.store.StoresService;
import io.storesync.spi.connector.ConnectorException;
import io.storesync.spi.connector.CredentialsRejectedException;
import io.storesync.spi.connector.RateLimitedException;
import io.storesync.spi.persistence.DueSchedule;
import io.storesync.spi.persistence.JobFailure;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
 * A set of workers: one dispatcher thread claims due jobs in batches (only as many as there are free threads, so a
 * claimed job starts at once), a fixed pool runs them, a scheduled thread heart-beats the leases, and maintenance
 * reaps expired leases, enqueues due schedules and coalesces stock changes. The dispatcher sleeps until a
 * notification (LISTEN/NOTIFY from any JVM, or a local enqueue), a freed thread, or the poll interval.
 */
public final class WorkerPool implements Workers {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    private static final AtomicInteger POOLS = new AtomicInteger();
    /** The schedules' cadence that is not per store. */
    static final Duration RECONCILE_EVERY = Duration.ofDays(1);
    static final Duration REFRESH_RETRY = Duration.ofHours(1);

    private final Engine engine;
    private final WorkerOptions options;
    private final String workerId;
    private final Map<JobType, JobHandler> handlers;
    /** Claimed and not yet completed or failed: what the heartbeat keeps leased. */
    private final Map<JobId, Running> running = new ConcurrentHashMap<>();
    /** Claimed and not yet handed back by a thread (running or waiting for one): what the dispatcher may add to. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final java.util.concurrent.BlockingQueue<Done> completions = new java.util.concurrent.LinkedBlockingQueue<>();
    private final Thread completer;
    private volatile boolean completerStop;
    private final Object signal = new Object();
    private boolean signalled;
    private volatile boolean closed;
    private volatile boolean moreWaiting;
    private final ExecutorService executor;
    private final ScheduledExecutorService timers;
    private final Thread dispatcher;
    private @Nullable AutoCloseable listening;
    private volatile long lastHeartbeatNanos = System.nanoTime();
    private final ThrottledLog errors = new ThrottledLog();

    public WorkerPool(Engine engine, WorkerOptions options) {
        this.engine = engine;
        this.options = options;
        int n = POOLS.incrementAndGet();
        this.workerId = host() + ":" + UUID.randomUUID().toString().substring(0, 8) + ":" + n;
        this.handlers = handlers();
        this.executor = Executors.newFixedThreadPool(options.threads(), named("storesync-job-" + n + "-"));
        this.timers = Executors.newScheduledThreadPool(2, named("storesync-maint-" + n + "-"));
        this.dispatcher = named("storesync-dispatch-" + n + "-").newThread(this::dispatch);
        this.completer = named("storesync-complete-" + n + "-").newThread(this::completeLoop);
    }

    private static String host() {
        String name = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
        return name.length() > 120 ? name.substring(0, 120) : name;
    }

    private static Map<JobType, JobHandler> handlers() {
        Map<JobType, JobHandler> m = new EnumMap<>(JobType.class);
        m.put(JobType.NO_OP, ctx -> {});
        m.put(JobType.CATALOGUE_IMPORT, new Handlers.CatalogueImport());
        m.put(JobType.ORDER_POLL, new Handlers.OrderPoll());
        m.put(JobType.STOCK_PUSH, new Handlers.StockPush());
        m.put(JobType.STOCK_DRIFT_CHECK, new Handlers.DriftCheck());
        m.put(JobType.PRICE_PUSH, new Handlers.PricePush());
        m.put(JobType.WEBHOOK_PROCESS, new Handlers.WebhookProcess());
        m.put(JobType.CREDENTIAL_REFRESH, new Handlers.CredentialRefresh());
        m.put(JobType.RETENTION_PURGE, new Handlers.RetentionPurge());
        return m;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    WorkerOptions options() {
        return options;
    }

    public void start() {
        if (options.listen()) {
            try {
                listening = engine.persistence().queue().listen(this::wake);
            } catch (RuntimeException e) {
                LOG.warn("LISTEN is unavailable; workers {} poll every {} ms", workerId, options.pollInterval().toMillis(), e);
            }
        }
        dispatcher.start();
        completer.start();
        long hb = options.heartbeatInterval().toMillis();
        timers.scheduleWithFixedDelay(this::heartbeat, hb, hb, TimeUnit.MILLISECONDS);
        long maint = options.maintenanceInterval().toMillis();
        timers.scheduleWithFixedDelay(this::maintain, 0, maint, TimeUnit.MILLISECONDS);
        long coalesce = options.stockCoalesceInterval().toMillis();
        timers.scheduleWithFixedDelay(this::coalesceStock, coalesce, coalesce, TimeUnit.MILLISECONDS);
        LOG.info("started {} job worker(s) as {}", options.threads(), workerId);
    }

    @Override
    public String workerId() {
        return workerId;
    }

    @Override
    public int running() {
        return inFlight.get();
    }

    @Override
    public boolean closed() {
        return closed;
    }

    public void wake() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    // ------------------------------------------------------------------------------------------------ dispatching

    private void dispatch() {
        int capacity = options.threads() + options.claimBatch();
        while (!closed) {
            int free = capacity - inFlight.get();
            boolean full = false;
            if (free > 0) {
                int want = Math.min(free, options.claimBatch());
                try {
                    List<Job> claimed = engine.persistence().queue().claim(workerId, want, options.lease());
                    for (Job job : claimed) {
                        Running r = new Running(new JobContext(engine, this, job));
                        running.put(job.id(), r);
                        inFlight.incrementAndGet();
                        executor.execute(() -> run(r));
                    }
                    full = claimed.size() == want;
                    moreWaiting = full;
                } catch (RuntimeException e) {
                    errors.warn("claiming jobs failed", e);
                }
            }
            // claim again at once while the queue had more and the local buffer has room; otherwise wait for a
            // notification, a freed slot or the poll interval
            if (full && inFlight.get() <= options.threads()) continue;
            awaitSignal(options.pollInterval().toMillis());
        }
    }

    private void awaitSignal(long millis) {
        synchronized (signal) {
            if (!signalled && !closed) {
                try {
                    signal.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closed = true;
                }
            }
            signalled = false;
        }
    }

    // ------------------------------------------------------------------------------------------------ running a job

    private void run(Running r) {
        JobContext ctx = r.ctx;
        Job job = ctx.job();
        r.thread = Thread.currentThread();
        long started = System.nanoTime();
        boolean succeeded = false;
        try {
            if (closed) throw new InterruptedException("worker is shutting down");
            engine.listener().jobStarted(job);
            JobHandler handler = handlers.get(job.type());
            handler.run(ctx);
            ctx.checkpoint();
            // completion is batched: the completer marks many finished jobs completed in one round trip
            completions.add(new Done(r, started));
            succeeded = true;
        } catch (JobContext.LeaseLostException e) {
            LOG.debug("{}", e.getMessage());
        } catch (InterruptedException e) {
            release(job.id());
        } catch (Throwable t) {
            if (closed && (Thread.currentThread().isInterrupted() || causedByInterrupt(t))) {
                release(job.id());
            } else {
                failed(ctx, t);
            }
        } finally {
            if (!succeeded) running.remove(job.id());
            inFlight.decrementAndGet();
            Thread.interrupted(); // the pool thread is reused; an interrupt for this job must not leak into the next
            if (moreWaiting || closed) wake();
        }
    }

    private record Done(Running running, long startedNanos) {}

    /** Completes finished jobs in batches; a batch that cannot be written is left to lease expiry and a re-run. */
    private void completeLoop() {
        List<Done> batch = new java.util.ArrayList<>();
        while (true) {
            try {
                Done first = completions.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (completerStop) return;
                    continue;
                }
                batch.add(first);
                completions.drainTo(batch, 999);
                flush(batch);
            } catch (InterruptedException e) {
                if (completerStop) return;
            } finally {
                batch.clear();
            }
        }
    }

    private void flush(List<Done> batch) throws InterruptedException {
        List<JobId> ids = batch.stream().map(d -> d.running().ctx.job().id()).toList();
        Set<JobId> completed = null;
        for (int attempt = 1; completed == null; attempt++) {
            try {
                completed = engine.persistence().queue().complete(workerId, ids);
            } catch (RuntimeException e) {
                if (attempt >= 3) {
                    errors.warn("completing " + ids.size() + " job(s) failed; their leases will expire and they run again", e);
                    ids.forEach(running::remove);
                    return;
                }
                Thread.sleep(50L * attempt);
            }
        }
        long now = System.nanoTime();
        for (Done d : batch) {
            Job job = d.running().ctx.job();
            running.remove(job.id());
            if (completed.contains(job.id())) {
                engine.listener().jobFinished(job, Duration.ofNanos(now - d.startedNanos()));
            } else {
                LOG.debug("job {} finished but was no longer held by {} (cancelled, or its lease expired)", job.id(), workerId);
            }
        }
    }

    private static boolean causedByInterrupt(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InterruptedException || c instanceof java.io.InterruptedIOException) return true;
        }
        return false;
    }

    private void release(JobId id) {
        try {
            engine.persistence().queue().release(workerId, List.of(id));
        } catch (RuntimeException e) {
            LOG.warn("could not release job {}; its lease will expire instead", id, e);
        }
    }

    /** Decides what a failed run means for the job, records it, and tells the listener. */
    private void failed(JobContext ctx, Throwable t) {
        Job job = ctx.job();
        JobFailure failure = classify(job, t);
        boolean credentialsRejected = t instanceof CredentialsRejectedException;
        if (failure.kind() == JobFailure.Kind.RETRY || failure.kind() == JobFailure.Kind.GIVE_UP) {
            LOG.warn("job {} ({}, attempt {}/{}) failed: {}", job.id(), job.type(), job.attempt(),
                    job.maxAttempts(), failure.message(), t instanceof StoreSyncException ? null : t);
        } else {
            LOG.debug("job {} rescheduled: {}", job.id(), failure.message());
        }
        Optional<JobStatus> status = Optional.empty();
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                status = ctx.tx(tx -> {
                    Optional<JobStatus> s = tx.jobs().fail(job.id(), workerId, failure);
                    if (s.isPresent() && credentialsRejected && job.storeId() != null) {
                        StoresService.flag(tx, job.storeId(), failure.message());
                    }
                    return s;
                });
                break;
            } catch (ConflictException e) {
                // a job with the same dedupe key was enqueued between our check and our write: try once more,
                // the repository then sees it and supersedes this one
                if (attempt == 2) LOG.warn("could not record failure of job {}", job.id(), e);
            } catch (RuntimeException e) {
                LOG.warn("could not record failure of job {}; its lease will expire and it will be retried", job.id(), e);
                return;
            }
        }
        status.ifPresent(s -> engine.listener().jobFailed(job, failure.message(),
                s == JobStatus.RETRYING || s == JobStatus.PENDING));
    }

    JobFailure classify(Job job, Throwable t) {
        String message = describe(t);
        if (t instanceof JobContext.ThrottledException th) {
            return new JobFailure(JobFailure.Kind.RESCHEDULE, th.wait, message, null);
        }
        if (t instanceof RateLimitedException rl) {
            Duration after = rl.retryAfter().orElse(options.retryPolicy().delay(Math.max(1, job.attempt())));
            return new JobFailure(JobFailure.Kind.RESCHEDULE, after, message, null);
        }
        if (t instanceof CredentialsRejectedException) {
            return new JobFailure(JobFailure.Kind.GIVE_UP, Duration.ZERO, message, "credentials_rejected");
        }
        if (t instanceof JobContext.StoreUnavailableException) {
            return new JobFailure(JobFailure.Kind.GIVE_UP, Duration.ZERO, message, "cancelled");
        }
        if (t instanceof Handlers.RejectedException) {
            return new JobFailure(JobFailure.Kind.GIVE_UP, Duration.ZERO, message, "rejected");
        }
        if (t instanceof ConnectorException ce) {
            if (!ce.retryable()) return new JobFailure(JobFailure.Kind.GIVE_UP, Duration.ZERO, message, "rejected");
            Duration delay = options.retryPolicy().delay(job.attempt());
            Duration after = ce.retryAfter().filter(a -> a.compareTo(delay) > 0).orElse(delay);
            return new JobFailure(JobFailure.Kind.RETRY, after, message, null);
        }
        if (t instanceof ValidationException) {
            // bad data does not get better by waiting
            return new JobFailure(JobFailure.Kind.GIVE_UP, Duration.ZERO, message, "rejected");
        }
        return new JobFailure(JobFailure.Kind.RETRY, options.retryPolicy().delay(job.attempt()), message, null);
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        if (t instanceof StoreSyncException) return m == null ? t.getClass().getSimpleName() : m;
        String text = t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    // ------------------------------------------------------------------------------------------------ leases

    private void heartbeat() {
        try {
            Set<JobId> held = new HashSet<>(running.keySet());
            if (held.isEmpty()) {
                lastHeartbeatNanos = System.nanoTime();
                return;
            }
            Set<JobId> still = engine.persistence().queue().heartbeat(workerId, held, options.lease());
            lastHeartbeatNanos = System.nanoTime();
            for (JobId id : held) {
                if (!still.contains(id)) {
                    Running r = running.get(id);
                    if (r != null) r.ctx.loseLease();
                }
            }
        } catch (RuntimeException e) {
            errors.warn("heart-beating leases failed", e);
            if (Duration.ofNanos(System.nanoTime() - lastHeartbeatNanos).compareTo(options.lease()) > 0) {
                // our leases have expired by now: whatever we finish, someone else may be running too
                running.values().forEach(r -> r.ctx.loseLease());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ maintenance

    private void maintain() {
        if (closed) return;
        try {
            int reaped = engine.persistence().queue().reap(500);
            if (reaped > 0) {
                LOG.info("took back {} expired job lease(s)", reaped);
                wake();
            }
            boolean queued = false;
            for (OrganizationId org : engine.persistence().queue().organizationsWithDueSchedules(200)) {
                queued |= engine.persistence().inTenant(org, this::enqueueDueSchedules);
            }
            if (queued) engine.jobsQueued();
        } catch (RuntimeException e) {
            errors.warn("queue maintenance failed", e);
        }
    }

    private boolean enqueueDueSchedules(io.storesync.spi.persistence.TenantTransaction tx) {
        boolean queued = false;
        for (DueSchedule due : tx.sync().dueSchedules(100)) {
            StoreId store = due.storeId();
            if (due.orderPollDue()) queued |= tx.jobs().enqueue(NewJob.deduplicated(JobType.ORDER_POLL, store)).created();
            if (due.catalogReconcileDue()) {
                queued |= tx.jobs().enqueue(NewJob.deduplicated(JobType.CATALOGUE_IMPORT, store)).created();
                queued |= tx.jobs().enqueue(NewJob.deduplicated(JobType.STOCK_DRIFT_CHECK, store)).created();
                queued |= tx.jobs().enqueue(NewJob.of(JobType.RETENTION_PURGE, null).withDedupeKey("retention.purge")
                        .withPriority(500)).created();
            }
            if (due.credentialRefreshDue()) {
                queued |= tx.jobs().enqueue(NewJob.deduplicated(JobType.CREDENTIAL_REFRESH, store).withPriority(10)).created();
            }
            tx.sync().reschedule(store, due.orderPollDue() ? due.orderPollInterval() : null,
                    due.catalogReconcileDue() ? RECONCILE_EVERY : null, due.credentialRefreshDue() ? REFRESH_RETRY : null);
        }
        return queued;
    }

    private void coalesceStock() {
        if (closed) return;
        try {
            boolean queued = false;
            for (OrganizationId org : engine.persistence().queue().organizationsWithStockChanges(200)) {
                queued |= engine.persistence().inTenant(org, tx -> {
                    boolean any = false;
                    for (StoreId store : tx.sync().coalesceStockChanges(5000)) {
                        any |= tx.jobs().enqueue(NewJob.deduplicated(JobType.STOCK_PUSH, store)
                                .withDelay(options.stockPushDelay()).withPriority(50)).created();
                    }
                    return any;
                });
            }
            if (queued) {
                engine.jobsQueued();
                if (!options.stockPushDelay().isZero()) {
                    timers.schedule(this::wakeAll, options.stockPushDelay().toMillis() + 5, TimeUnit.MILLISECONDS);
                }
            }
        } catch (RuntimeException e) {
            errors.warn("coalescing stock changes failed", e);
        }
    }

    /** A delayed job becomes due later: wake everyone then, instead of waiting for the poll interval. */
    private void wakeAll() {
        engine.jobsQueued();
    }

    // ------------------------------------------------------------------------------------------------ shutdown

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        wake();
        try {
            dispatcher.join(5_000);
            executor.shutdown();
            if (!executor.awaitTermination(options.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.info("interrupting {} running job(s) of {} at shutdown; they are handed back", running.size(), workerId);
                executor.shutdownNow();
                executor.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            completerStop = true;
            try {
                completer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!running.isEmpty()) {
                try {
                    engine.persistence().queue().release(workerId, Set.copyOf(running.keySet()));
                } catch (RuntimeException e) {
                    LOG.warn("could not release {} job(s) at shutdown; their leases will expire", running.size(), e);
                }
            }
            timers.shutdownNow();
            if (listening != null) {
                try {
                    listening.close();
                } catch (Exception e) {
                    LOG.debug("closing the listener failed", e);
                }
            }
            engine.forget(this);
            LOG.info("stopped job workers {}", workerId);
        }
    }

    private static final class Running {
        final JobContext ctx;
        volatile @Nullable Thread thread;

        Running(JobContext ctx) {
            this.ctx = ctx;
        }
    }

    /** Repeated failures of a background loop (the database is down) log once a minute, not once a poll. */
    private static final class ThrottledLog {
        private final Map<String, Long> last = new ConcurrentHashMap<>();

        void warn(String what, Throwable e) {
            long now = System.nanoTime();
            Long previous = last.get(what);
            if (previous == null || now - previous > TimeUnit.MINUTES.toNanos(1)) {
                last.put(what, now);
                LOG.warn("{} (repeats are logged at debug for a minute)", what, e);
            } else {
                LOG.debug("{}", what, e);
            }
        }
    }
}
