package io.storesync.jdbi.tck;

import io.storesync.StoreSync;
import io.storesync.testkit.tck.StoreSyncCloseCompatibilityKit;
import javax.sql.DataSource;

/** The compatibility kit's {@link StoreSyncCloseCompatibilityKit} on the JDBI persistence. */
class JdbiStoreSyncCloseIT extends StoreSyncCloseCompatibilityKit {
    @Override
    protected StoreSync.Builder storeSyncBuilder(DataSource dataSource, String schema) {
        return JdbiKit.builder(dataSource, schema);
    }
}
