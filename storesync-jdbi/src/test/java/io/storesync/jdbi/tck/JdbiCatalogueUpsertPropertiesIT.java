package io.storesync.jdbi.tck;

import io.storesync.StoreSync;
import io.storesync.testkit.tck.CatalogueUpsertPropertiesCompatibilityKit;
import javax.sql.DataSource;

/** The compatibility kit's {@link CatalogueUpsertPropertiesCompatibilityKit} on the JDBI persistence. */
class JdbiCatalogueUpsertPropertiesIT extends CatalogueUpsertPropertiesCompatibilityKit {
    @Override
    protected StoreSync.Builder storeSyncBuilder(DataSource dataSource, String schema) {
        return JdbiKit.builder(dataSource, schema);
    }
}
