package io.storesync.jdbi.tck;

import io.storesync.StoreSync;
import io.storesync.testkit.tck.StoresCompatibilityKit;
import javax.sql.DataSource;

/** The compatibility kit's {@link StoresCompatibilityKit} on the JDBI persistence. */
class JdbiStoresIT extends StoresCompatibilityKit {
    @Override
    protected StoreSync.Builder storeSyncBuilder(DataSource dataSource, String schema) {
        return JdbiKit.builder(dataSource, schema);
    }
}
