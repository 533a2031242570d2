package io.storesync.internal.jdbi;

import io.storesync.jdbi.HostTransactions;
import org.jspecify.annotations.Nullable;
import io.storesync.jdbi.StoreSyncMigrations;
import io.storesync.spi.persistence.Persistence;
import io.storesync.spi.persistence.PersistenceProvider;
import javax.sql.DataSource;

/** PostgreSQL through JDBI; registered for {@link java.util.ServiceLoader}. */
public final class JdbiPersistenceProvider implements PersistenceProvider {
    private final @Nullable HostTransactions host;

    /** Without host transactions: every tenant call is a transaction of its own (the {@link java.util.ServiceLoader} form). */
    public JdbiPersistenceProvider() {
        this.host = null;
    }

    /** Tenant calls join the host's transaction when {@code host} answers one; see {@link HostTransactions}. */
    public JdbiPersistenceProvider(HostTransactions host) {
        this.host = java.util.Objects.requireNonNull(host, "host");
    }

    @Override
    public String name() {
        return "jdbi-postgresql";
    }

    @Override
    public Persistence open(DataSource dataSource, String schema) {
        // before anything else: a pool that bypasses row-level security must never do tenant work
        PoolRoleCheck.verify(dataSource, schema);
        return new JdbiPersistence(dataSource, schema, host);
    }

    @Override
    public Persistence open(DataSource dataSource, DataSource readReplica, String schema) {
        // the replica's role is held to the same rule: reports there must be under row-level security too
        PoolRoleCheck.verify(dataSource, schema);
        PoolRoleCheck.verify(readReplica, schema);
        return new JdbiPersistence(dataSource, schema, host, readReplica);
    }

    @Override
    public void migrate(DataSource ownerDataSource, String schema, String applicationRole) {
        StoreSyncMigrations.migrate(ownerDataSource, schema, applicationRole);
    }
}
