package io.storesync.jdbi;

import io.storesync.internal.jdbi.JdbiPersistenceProvider;
import io.storesync.spi.persistence.PersistenceProvider;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * How StoreSync joins a transaction the host application has open on the calling thread (Spring's
 * {@code @Transactional}, a JTA transaction, a hand-managed connection). When {@link #current} answers a connection, a
 * tenant call on that thread runs on it, inside the host's transaction: the tenant is set for that transaction, nothing
 * is committed or rolled back by StoreSync, and the host's commit or rollback decides StoreSync's writes too (a
 * reservation, its ledger rows, its pending stock push). A second tenant in the same transaction is refused with
 * {@link CrossTenantTransactionException}.
 *
 * <p>The engine's own work (job claims, workers, webhook routing) always runs on connections of its own in
 * auto-commit, whatever the host has open.
 */
public interface HostTransactions {

    /**
     * The connection of the host's transaction open on this thread for {@code dataSource}, or {@code null} when there
     * is none (StoreSync then runs its own transaction, as without this hook). The connection must not be in
     * auto-commit.
     */
    @Nullable Connection current(DataSource dataSource) throws SQLException;

    /** Hands back a connection {@link #current} returned; the host closes it when its transaction ends. */
    void release(Connection connection, DataSource dataSource) throws SQLException;

    /** The JDBI persistence, joining the host's transactions through {@code host}; give it to the builder. */
    static PersistenceProvider persistence(HostTransactions host) {
        return new JdbiPersistenceProvider(host);
    }
}
