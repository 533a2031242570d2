package io.storesync.jdbi.tck;

import io.storesync.StoreSync;
import io.storesync.testkit.tck.CatalogueCompatibilityKit;
import javax.sql.DataSource;

/** The compatibility kit's {@link CatalogueCompatibilityKit} on the JDBI persistence. */
class JdbiCatalogueIT extends CatalogueCompatibilityKit {
    @Override
    protected StoreSync.Builder storeSyncBuilder(DataSource dataSource, String schema) {
        return JdbiKit.builder(dataSource, schema);
    }
}
