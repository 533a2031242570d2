package io.storesync.internal.jdbi.job;

import io.storesync.api.job.Job;
import io.storesync.api.job.JobId;
import io.storesync.api.job.JobType;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import io.storesync.api.webhook.WebhookEndpointId;
import io.storesync.internal.jdbi.SqlErrors;
import io.storesync.spi.persistence.JobQueue;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cross-tenant queue operations, each one call of a SECURITY DEFINER function of migrations V5 and V6 (the
 * application role has no cross-tenant policy of its own), plus LISTEN/NOTIFY wake-ups on channel
 * {@code <schema>_jobs}. Each call commits before returning, on auto-commit and non-auto-commit pools alike.
 */
public final class JdbiJobQueue implements JobQueue {
    private static final Logger LOG = LoggerFactory.getLogger(JdbiJobQueue.class);

    private final Jdbi jdbi;
    private final DataSource dataSource;
    private final String schema;
    private final String channel;

    public JdbiJobQueue(Jdbi jdbi, DataSource dataSource, String schema) {
        this.jdbi = jdbi;
        this.dataSource = dataSource;
        this.schema = schema;
        this.channel = schema + "_jobs";
    }

    /**
     * Runs one queue call as its own transaction: every statement here is a single call of a queue function. The
     * connection starts in auto-commit even on a pool configured {@code autoCommit=false}, because the Jdbi it comes
     * from is {@code JdbiPersistence}'s, whose connection factory switches it on (see there why).
     */
    private <R> R call(Function<Handle, R> work) {
        try {
            return jdbi.withHandle(work::apply);
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    @Override
    public List<ClaimedJob> claim(String worker, int limit, Duration lease, Set<JobType> types) {
        if (types.isEmpty()) return List.of();
        String[] codes = types.stream().map(JobCodes::code).toArray(String[]::new);
        return call(h -> h.createQuery("SELECT " + JobRows.COLUMNS + ", lease_token, trace_context FROM " + schema
                        + ".claim_sync_jobs(:worker, :limit, :lease, :types)")
                .bind("worker", worker).bind("limit", limit).bind("lease", seconds(lease)).bind("types", codes)
                .map((rs, ctx) -> {
                    Job job = JobRows.MAPPER.map(rs, ctx);
                    return new ClaimedJob(job, new Lease(job.id(), rs.getObject("lease_token", UUID.class)),
                            rs.getString("trace_context"));
                }).list());
    }

    private static UUID[] ids(Collection<Lease> leases) {
        return leases.stream().map(l -> l.id().value()).toArray(UUID[]::new);
    }

    private static UUID[] tokens(Collection<Lease> leases) {
        return leases.stream().map(Lease::token).toArray(UUID[]::new);
    }

    @Override
    public Set<JobId> heartbeat(Collection<Lease> leases, Duration lease) {
        if (leases.isEmpty()) return Set.of();
        return call(h -> new HashSet<>(h.createQuery("SELECT * FROM " + schema + ".heartbeat_sync_jobs(:ids, :tokens, :lease)")
                .bind("ids", ids(leases)).bind("tokens", tokens(leases)).bind("lease", seconds(lease))
                .map((rs, ctx) -> new JobId(rs.getObject(1, UUID.class))).list()));
    }

    @Override
    public Set<JobId> complete(Collection<Lease> leases) {
        if (leases.isEmpty()) return Set.of();
        return call(h -> new HashSet<>(h.createQuery("SELECT * FROM " + schema + ".complete_sync_jobs(:ids, :tokens)")
                .bind("ids", ids(leases)).bind("tokens", tokens(leases))
                .map((rs, ctx) -> new JobId(rs.getObject(1, UUID.class))).list()));
    }

    @Override
    public int release(Collection<Lease> leases) {
        if (leases.isEmpty()) return 0;
        return call(h -> h.createQuery("SELECT " + schema + ".release_sync_jobs(:ids, :tokens)")
                .bind("ids", ids(leases)).bind("tokens", tokens(leases)).mapTo(Integer.class).one());
    }

    @Override
    public int reap(int limit) {
        return call(h -> h.createQuery("SELECT " + schema + ".reap_sync_jobs(:limit)").bind("limit", limit)
                .mapTo(Integer.class).one());
    }

    @Override
    public Optional<Route> routeWebhook(WebhookEndpointId endpoint) {
        return call(h -> h.createQuery("SELECT * FROM " + schema + ".route_webhook_endpoint(:id)")
                .bind("id", endpoint.value())
                .map((rs, ctx) -> new Route(new OrganizationId(rs.getObject("organization_id", UUID.class)),
                        new StoreId(rs.getObject("store_id", UUID.class))))
                .findOne());
    }

    @Override
    public List<Route> routeAppWebhook(String platform, String platformStoreId) {
        return call(h -> h.createQuery("SELECT organization_id, store_id FROM " + schema + ".route_app_webhook(:platform, :shop)")
                .bind("platform", platform).bind("shop", platformStoreId)
                .map((rs, ctx) -> new Route(new OrganizationId(rs.getObject("organization_id", UUID.class)),
                        new StoreId(rs.getObject("store_id", UUID.class))))
                .list());
    }

    @Override
    public int enqueueScheduleJobs(int limit) {
        return call(h -> h.createQuery("SELECT " + schema + ".enqueue_schedule_jobs(:limit)").bind("limit", limit)
                .mapTo(Integer.class).one());
    }

    @Override
    public int enqueueStockCoalesceJobs(int limit) {
        return call(h -> h.createQuery("SELECT " + schema + ".enqueue_stock_coalesce_jobs(:limit)").bind("limit", limit)
                .mapTo(Integer.class).one());
    }

    @Override
    public int enqueueRetentionJobs(int limit) {
        return call(h -> h.createQuery("SELECT " + schema + ".enqueue_retention_jobs(:limit)").bind("limit", limit)
                .mapTo(Integer.class).one());
    }

    @Override
    public void notifyQueued() {
        call(h -> h.createQuery("SELECT pg_notify(:channel, '')").bind("channel", channel).mapToMap().one());
    }

    @Override
    public AutoCloseable listen(Runnable onSignal) {
        Listener listener = new Listener(onSignal);
        listener.thread.start();
        return listener;
    }

    /**
     * Holds one connection (taken from the pool for as long as the workers run, so it is in effect dedicated) in
     * LISTEN and waits on it with {@link PGConnection#getNotifications(int)}; reconnects after failures. Any
     * notification, or a reconnect (which may have missed some), wakes the workers.
     */
    private final class Listener implements AutoCloseable {
        private final Runnable onSignal;
        private final Thread thread;
        private volatile boolean closed;
        private volatile Connection connection;

        Listener(Runnable onSignal) {
            this.onSignal = onSignal;
            this.thread = new Thread(this::loop, "storesync-listen-" + channel);
            this.thread.setDaemon(true);
        }

        private void loop() {
            long backoff = 100;
            while (!closed) {
                try (Connection c = dataSource.getConnection()) {
                    connection = c;
                    c.setAutoCommit(true);
                    try (Statement s = c.createStatement()) {
                        s.execute("LISTEN \"" + channel + "\"");
                    }
                    PGConnection pg = c.unwrap(PGConnection.class);
                    try {
                        backoff = 100;
                        onSignal.run();
                        while (!closed) {
                            PGNotification[] notifications = pg.getNotifications(500);
                            if (notifications != null && notifications.length > 0) onSignal.run();
                        }
                    } finally {
                        unlisten(c, pg);
                    }
                } catch (SQLException | RuntimeException e) {
                    if (closed) return;
                    LOG.debug("LISTEN connection failed; reconnecting in {} ms", backoff, e);
                    try {
                        Thread.sleep(backoff);
                    } catch (InterruptedException ie) {
                        return;
                    }
                    backoff = Math.min(backoff * 2, 5_000);
                }
            }
        }

        /**
         * The connection goes back to the pool: unsubscribed, or the driver would buffer every later notification
         * on it unread for whoever borrows it next; what is already buffered is drained. A connection that cannot
         * unlisten is broken, and the pool discards it.
         */
        private void unlisten(Connection c, PGConnection pg) {
            boolean interrupted = Thread.interrupted(); // close() interrupts the thread; the statement must still run
            try (Statement s = c.createStatement()) {
                s.execute("UNLISTEN *");
                pg.getNotifications();
            } catch (SQLException | RuntimeException e) {
                LOG.debug("could not UNLISTEN before returning the connection", e);
            } finally {
                if (interrupted) Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            closed = true;
            thread.interrupt();
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
