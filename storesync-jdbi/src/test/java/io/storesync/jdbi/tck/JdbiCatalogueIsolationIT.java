package io.storesync.jdbi.tck;

import io.storesync.StoreSync;
import io.storesync.testkit.tck.CatalogueIsolationCompatibilityKit;
import javax.sql.DataSource;

/** The compatibility kit's {@link CatalogueIsolationCompatibilityKit} on the JDBI persistence. */
class JdbiCatalogueIsolationIT extends CatalogueIsolationCompatibilityKit {
    @Override
    protected StoreSync.Builder storeSyncBuilder(DataSource dataSource, String schema) {
        return JdbiKit.builder(dataSource, schema);
    }
}
