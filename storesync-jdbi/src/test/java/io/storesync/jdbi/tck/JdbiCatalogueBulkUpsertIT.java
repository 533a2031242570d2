package io.storesync.jdbi.tck;

import io.storesync.StoreSync;
import io.storesync.testkit.tck.CatalogueBulkUpsertCompatibilityKit;
import javax.sql.DataSource;

/** The compatibility kit's {@link CatalogueBulkUpsertCompatibilityKit} on the JDBI persistence. */
class JdbiCatalogueBulkUpsertIT extends CatalogueBulkUpsertCompatibilityKit {
    @Override
    protected StoreSync.Builder storeSyncBuilder(DataSource dataSource, String schema) {
        return JdbiKit.builder(dataSource, schema);
    }
}
