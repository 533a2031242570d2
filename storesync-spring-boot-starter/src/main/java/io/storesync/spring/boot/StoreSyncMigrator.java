package io.storesync.spring.boot;

import io.storesync.jdbi.StoreSyncMigrations;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Migrates StoreSync's schema as the owner role when the context creates it. Boot orders it as a database initializer
 * (see {@link StoreSyncMigratorDatabaseInitializerDetector}), so the {@code StoreSync} bean and anything else marked
 * {@code @DependsOnDatabaseInitialization} start after it. It is deliberately not a {@code Flyway} bean: Boot's own
 * Flyway auto-configuration backs off when one exists, which would silently stop the host's migrations.
 */
public final class StoreSyncMigrator implements InitializingBean {
    private static final Logger LOG = LoggerFactory.getLogger(StoreSyncMigrator.class);
    private final DataSource ownerDataSource;
    private final String schema;
    private final String applicationRole;
    private volatile int applied = -1;

    public StoreSyncMigrator(DataSource ownerDataSource, String schema, String applicationRole) {
        this.ownerDataSource = Objects.requireNonNull(ownerDataSource, "ownerDataSource");
        this.schema = schema;
        this.applicationRole = applicationRole;
    }

    @Override
    public void afterPropertiesSet() {
        applied = StoreSyncMigrations.migrate(ownerDataSource, schema, applicationRole);
        LOG.info("StoreSync schema {} migrated ({} migration(s) applied)", schema, applied);
    }

    /** How many migrations the start applied; -1 before it ran. */
    public int applied() {
        return applied;
    }
}
