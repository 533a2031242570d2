package io.storesync.jdbi.tck;

import io.storesync.StoreSync;
import io.storesync.testkit.tck.OrderIngestionInvariantsCompatibilityKit;
import javax.sql.DataSource;

/** The compatibility kit's {@link OrderIngestionInvariantsCompatibilityKit} on the JDBI persistence. */
class JdbiOrderIngestionInvariantsIT extends OrderIngestionInvariantsCompatibilityKit {
    @Override
    protected StoreSync.Builder storeSyncBuilder(DataSource dataSource, String schema) {
        return JdbiKit.builder(dataSource, schema);
    }
}
