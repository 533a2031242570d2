package io.storesync.internal.jdbi;

import io.storesync.jdbi.StoreSyncMigrations;
import io.storesync.spi.persistence.Persistence;
import io.storesync.spi.persistence.PersistenceProvider;
import javax.sql.DataSource;

/** PostgreSQL through JDBI; registered for {@link java.util.ServiceLoader}. */
public final class JdbiPersistenceProvider implements PersistenceProvider {

    @Override
    public String name() {
        return "jdbi-postgresql";
    }

    @Override
    public Persistence open(DataSource dataSource, String schema) {
        // before anything else: a pool that bypasses row-level security must never do tenant work
        PoolRoleCheck.verify(dataSource, schema);
        return new JdbiPersistence(dataSource, schema);
    }

    @Override
    public void migrate(DataSource ownerDataSource, String schema, String applicationRole) {
        StoreSyncMigrations.migrate(ownerDataSource, schema, applicationRole);
    }
}
