package io.storesync.jdbi.tck;

import io.storesync.StoreSync;
import io.storesync.testkit.tck.OrdersCompatibilityKit;
import javax.sql.DataSource;

/** The compatibility kit's {@link OrdersCompatibilityKit} on the JDBI persistence. */
class JdbiOrdersIT extends OrdersCompatibilityKit {
    @Override
    protected StoreSync.Builder storeSyncBuilder(DataSource dataSource, String schema) {
        return JdbiKit.builder(dataSource, schema);
    }
}
