package io.storesync.internal.jdbi;

import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import io.storesync.api.job.JobType;
import io.storesync.api.organization.Member;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.Platform;
import io.storesync.internal.jdbi.job.JdbiJobQueue;
import io.storesync.internal.jdbi.organization.JdbiMemberRepository;
import io.storesync.spi.persistence.Persistence;
import io.storesync.spi.persistence.RateLimitBuckets;
import io.storesync.spi.persistence.TenantTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import javax.sql.DataSource;
import io.storesync.jdbi.CrossTenantTransactionException;
import io.storesync.jdbi.HostTransactions;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The persistence SPI over JDBI and pgjdbc. */
final class JdbiPersistence implements Persistence {
    private static final Logger LOG = LoggerFactory.getLogger(JdbiPersistence.class);
    private static final String ENTER_AS = "SELECT set_config('search_path', ?, true), set_config('storesync.organization_id', ?, true);"
            + JdbiMemberRepository.FIND;
    /** Deadlocks and serialization failures are the database asking for the whole transaction again. */
    private static final int MAX_ATTEMPTS = 8;
    private static final long BACKOFF_BASE_MILLIS = 5;
    private static final long BACKOFF_CAP_MILLIS = 250;

    private final Jdbi jdbi;
    /** Reports and searches when a read replica is configured; null without one. */
    private final @Nullable Jdbi replica;
    private final String schema;
    private final JdbiJobQueue queue;
    private final JdbiRateLimitBuckets rateLimitBuckets;
    private final DataSource dataSource;
    private final @Nullable HostTransactions host;
    /** Tenant work inside the host's transaction; null without a {@link HostTransactions} hook. */
    private final @Nullable Jdbi hostJdbi;
    /** Each enqueued job's producer context (the host's JobInterceptor through the engine); none by default. */
    private volatile Function<JobType, @Nullable String> producerContext = type -> null;
    /** The host's connection while this thread's tenant call runs inside the host's transaction. */
    private final ThreadLocal<Connection> joined = new ThreadLocal<>();

    JdbiPersistence(DataSource dataSource, String schema) {
        this(dataSource, schema, null);
    }

    JdbiPersistence(DataSource dataSource, String schema, @Nullable HostTransactions host) {
        this(dataSource, schema, host, null);
    }

    JdbiPersistence(DataSource dataSource, String schema, @Nullable HostTransactions host,
            @Nullable DataSource readReplica) {
        this.jdbi = ownTransactions(dataSource);
        this.replica = readReplica == null ? null : ownTransactions(readReplica);
        if (replica != null) configure(replica);
        this.schema = schema;
        this.dataSource = dataSource;
        this.host = host;
        configure(jdbi);
        if (host != null) {
            // The host's connection is in its transaction (auto-commit off): JDBI neither begins nor commits on it, and
            // closing the handle gives the connection back to the host, which ends the transaction.
            this.hostJdbi = Jdbi.create(new ConnectionFactory() {
                @Override
                public Connection openConnection() {
                    return Objects.requireNonNull(joined.get(), "no host connection on this thread");
                }

                @Override
                public void closeConnection(Connection connection) throws SQLException {
                    host.release(connection, dataSource);
                }
            });
            configure(hostJdbi);
            hostJdbi.getConfig(Handles.class).setForceEndTransactions(false);
        } else {
            this.hostJdbi = null;
        }
        this.queue = new JdbiJobQueue(jdbi, dataSource, schema);
        this.rateLimitBuckets = new JdbiRateLimitBuckets(dataSource, schema);
    }

    /**
     * A pool configured autoCommit=false (a common Hibernate tuning) hands out connections JDBI takes to be inside
     * someone else's transaction: inTransaction would neither begin nor commit, and the pool would roll the work back
     * on return. StoreSync's units of work are its own transactions, so each connection starts in auto-commit and
     * JDBI's begin/commit apply; pools restore their configured mode when the connection returns.
     */
    private static Jdbi ownTransactions(DataSource dataSource) {
        return Jdbi.create(() -> {
            Connection c = dataSource.getConnection();
            try {
                if (!c.getAutoCommit()) c.setAutoCommit(true);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return c;
        });
    }

    private static void configure(Jdbi jdbi) {
        jdbi.installPlugin(new PostgresPlugin());
        // JDBI's default renders the statement with up to 1 KB of bound values into exception messages: buyer emails,
        // addresses, stored headers. Nothing of a statement reaches a message; SqlErrors logs what it needs at DEBUG.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        JdbiMappings.register(jdbi);
    }

    @Override
    public io.storesync.spi.persistence.JobQueue queue() {
        return queue;
    }

    @Override
    public Optional<RateLimitBuckets> rateLimitBuckets() {
        return Optional.of(rateLimitBuckets);
    }

    @Override
    public void producerContext(Function<JobType, @Nullable String> source) {
        this.producerContext = Objects.requireNonNull(source, "source");
    }

    Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public <R> R inTenant(OrganizationId organization, Function<TenantTransaction, R> work) {
        Connection host = hostConnection();
        if (host != null) return inHostTransaction(host, organization, work);
        return inOwnTransaction(jdbi, false, organization, handle -> {
            enterTenant(handle, organization);
            return work.apply(new JdbiTenantTransaction(handle, organization, producerContext));
        });
    }

    @Override
    public <R> R inTenantAs(OrganizationId organization, UserId user, BiFunction<TenantTransaction, Optional<Member>, R> work) {
        Connection host = hostConnection();
        if (host != null) return inHostTransaction(host, organization, tx -> work.apply(tx, tx.members().find(user)));
        return inOwnTransaction(jdbi, false, organization, handle -> {
            Optional<Member> member = enterTenantAs(handle, organization, user);
            return work.apply(new JdbiTenantTransaction(handle, organization, producerContext), member);
        });
    }

    @Override
    public <R> R inTenantReadOnly(OrganizationId organization, Function<TenantTransaction, R> work) {
        // inside the host's transaction the read must see the host's own uncommitted writes: the primary, joined
        if (replica == null || joined.get() != null || hostTransactionOpen()) return inTenant(organization, work);
        return inOwnTransaction(replica, true, organization, handle -> {
            enterTenant(handle, organization);
            return work.apply(new JdbiTenantTransaction(handle, organization, producerContext));
        });
    }

    @Override
    public boolean ownTransactionHere() {
        return joined.get() == null && !hostTransactionOpen();
    }

    /** The host's connection when this call is to join the host's transaction; null to run in a transaction of our own. */
    private @Nullable Connection hostConnection() {
        if (hostJdbi == null || joined.get() != null) return null;
        try {
            return Objects.requireNonNull(host).current(dataSource);
        } catch (SQLException e) {
            throw new StoreSyncException(ErrorCode.INTERNAL, "joining the host's transaction failed", e);
        }
    }

    private boolean hostTransactionOpen() {
        if (host == null) return false;
        try {
            Connection c = host.current(dataSource);
            if (c == null) return false;
            host.release(c, dataSource);
            return true;
        } catch (SQLException e) {
            throw new StoreSyncException(ErrorCode.INTERNAL, "joining the host's transaction failed", e);
        }
    }

    /**
     * One unit of work in a transaction of StoreSync's own, run again on a deadlock or serialization failure (on a
     * hot standby, also a query cancelled by a conflict with recovery). {@code readOnly} makes it a read-only
     * transaction, so a replica pool pointed at the primary by mistake still writes nothing.
     */
    private <R> R inOwnTransaction(Jdbi on, boolean readOnly, OrganizationId organization,
            HandleCallback<R, RuntimeException> body) {
        for (int attempt = 1; ; attempt++) {
            try {
                return on.inTransaction(handle -> {
                    if (readOnly) handle.execute("SET TRANSACTION READ ONLY");
                    return body.withHandle(handle);
                });
            } catch (StoreSyncException e) {
                throw e;
            } catch (RuntimeException e) {
                if (attempt < MAX_ATTEMPTS && SqlErrors.isTransient(e)) {
                    LOG.debug("retrying transaction for organization {} after a transient failure (attempt {})",
                            organization, attempt);
                    backOff(attempt);
                    continue;
                }
                throw SqlErrors.translate(e);
            }
        }
    }

    /**
     * Runs tenant work inside the host's transaction on its connection: no retry (only the host can run its transaction
     * again), no commit. The tenant is set for the rest of the host's transaction, so that a second organization is
     * refused; the search path is put back afterwards, so the host's own unqualified names resolve as before.
     */
    private <R> R inHostTransaction(Connection c, OrganizationId organization, Function<TenantTransaction, R> work) {
        joined.set(c);
        try (Handle handle = Objects.requireNonNull(hostJdbi).open()) {
            String bound = handle.createQuery("SELECT coalesce(current_setting('storesync.organization_id', true), '')")
                    .mapTo(String.class).one();
            if (!bound.isEmpty() && !bound.equals(organization.value().toString())) {
                throw new CrossTenantTransactionException();
            }
            String searchPath = handle.createQuery("SELECT current_setting('search_path')").mapTo(String.class).one();
            enterTenant(handle, organization);
            try {
                return work.apply(new JdbiTenantTransaction(handle, organization, producerContext));
            } finally {
                handle.createQuery("SELECT set_config('search_path', :path, true)").bind("path", searchPath)
                        .mapTo(String.class).one();
            }
        } catch (StoreSyncException e) {
            throw e;
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e);
        } finally {
            joined.remove();
        }
    }

    /**
     * Waits a random time that doubles with each attempt before a deadlocked or serialisation-failed unit of work runs
     * again: retrying at once puts the same transactions back in the same lock race, and under load they lose it again
     * until the attempts run out.
     */
    private static void backOff(int attempt) {
        long ceilingMillis = Math.min(BACKOFF_CAP_MILLIS, BACKOFF_BASE_MILLIS << (attempt - 1));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceilingMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreSyncException(ErrorCode.INTERNAL, "interrupted while retrying a transaction");
        }
    }

    /**
     * Sets the tenant and the schema for this transaction only ({@code is_local = true}): both end with the
     * transaction, so a pooled connection never carries them to its next user.
     */
    void enterTenant(Handle handle, OrganizationId organization) {
        handle.createQuery("SELECT set_config('search_path', :schema, true) AS search_path,"
                        + " set_config('storesync.organization_id', :org, true) AS organization_id")
                .bind("schema", schema)
                .bind("org", organization.value().toString())
                .mapToMap()
                .one();
    }

    /**
     * {@link #enterTenant} and the member's row in one round trip: pgjdbc sends both statements of one prepared
     * statement before a single sync, and the server runs them in order, so the member is read after the tenant is
     * set, under row-level security, in this transaction (and the unqualified name resolves in the schema just set).
     */
    private Optional<Member> enterTenantAs(Handle handle, OrganizationId organization, UserId user) {
        try (PreparedStatement ps = handle.getConnection().prepareStatement(ENTER_AS)) {
            ps.setString(1, schema);
            ps.setString(2, organization.value().toString());
            ps.setObject(3, organization.value());
            ps.setObject(4, user.value());
            ps.execute();
            if (!ps.getMoreResults()) throw new IllegalStateException("the member lookup returned no result");
            try (ResultSet rs = ps.getResultSet()) {
                return rs.next() ? Optional.of(JdbiMemberRepository.member(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    @Override
    public List<Platform> platforms() {
        try {
            return jdbi.inTransaction(handle -> {
                handle.createQuery("SELECT set_config('search_path', :schema, true)").bind("schema", schema)
                        .mapTo(String.class).one();
                return handle.createQuery("SELECT name, display_name, is_active, created_at FROM platforms ORDER BY name")
                        .map((rs, ctx) -> new Platform(rs.getString("name"), rs.getString("display_name"), rs.getBoolean("is_active"),
                                JdbiMappings.instant(rs, "created_at")))
                        .list();
            });
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }
}
