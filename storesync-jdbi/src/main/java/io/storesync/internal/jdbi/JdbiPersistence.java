package io.storesync.internal.jdbi;

import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.Platform;
import io.storesync.internal.jdbi.job.JdbiJobQueue;
import io.storesync.spi.persistence.Persistence;
import io.storesync.spi.persistence.RateLimitBuckets;
import io.storesync.spi.persistence.TenantTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The persistence SPI over JDBI and pgjdbc. */
final class JdbiPersistence implements Persistence {
    private static final Logger LOG = LoggerFactory.getLogger(JdbiPersistence.class);
    /** Deadlocks and serialization failures are the database asking for the whole transaction again. */
    private static final int MAX_ATTEMPTS = 8;
    private static final long BACKOFF_BASE_MILLIS = 5;
    private static final long BACKOFF_CAP_MILLIS = 250;

    private final Jdbi jdbi;
    private final String schema;
    private final JdbiJobQueue queue;
    private final JdbiRateLimitBuckets rateLimitBuckets;

    JdbiPersistence(DataSource dataSource, String schema) {
        // A pool configured autoCommit=false (a common Hibernate tuning) hands out connections JDBI takes to be inside
        // someone else's transaction: inTransaction would neither begin nor commit, and the pool would roll the work
        // back on return. StoreSync's units of work are its own transactions, so each connection starts in
        // auto-commit and JDBI's begin/commit apply; pools restore their configured mode when the connection returns.
        this.jdbi = Jdbi.create(() -> {
            Connection c = dataSource.getConnection();
            try {
                if (!c.getAutoCommit()) c.setAutoCommit(true);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return c;
        });
        this.schema = schema;
        jdbi.installPlugin(new PostgresPlugin());
        // JDBI's default renders the statement with up to 1 KB of bound values into exception messages: buyer emails,
        // addresses, stored headers. Nothing of a statement reaches a message; SqlErrors logs what it needs at DEBUG.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        JdbiMappings.register(jdbi);
        this.queue = new JdbiJobQueue(jdbi, dataSource, schema);
        this.rateLimitBuckets = new JdbiRateLimitBuckets(dataSource, schema);
    }

    @Override
    public io.storesync.spi.persistence.JobQueue queue() {
        return queue;
    }

    @Override
    public Optional<RateLimitBuckets> rateLimitBuckets() {
        return Optional.of(rateLimitBuckets);
    }

    Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public <R> R inTenant(OrganizationId organization, Function<TenantTransaction, R> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(handle -> {
                    enterTenant(handle, organization);
                    return work.apply(new JdbiTenantTransaction(handle, organization));
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
