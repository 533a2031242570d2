package io.storesync.spring.boot;

import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/** Tells Boot that a {@link StoreSyncMigrator} bean initialises the database (registered in spring.factories). */
public final class StoreSyncMigratorDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(StoreSyncMigrator.class);
    }
}
