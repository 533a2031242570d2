package io.storesync.jdbi.tck;

import io.storesync.StoreSync;
import io.storesync.testkit.tck.ListingsCompatibilityKit;
import javax.sql.DataSource;

/** The compatibility kit's {@link ListingsCompatibilityKit} on the JDBI persistence. */
class JdbiListingsIT extends ListingsCompatibilityKit {
    @Override
    protected StoreSync.Builder storeSyncBuilder(DataSource dataSource, String schema) {
        return JdbiKit.builder(dataSource, schema);
    }
}
