package io.storesync.jdbi.tck;

import io.storesync.StoreSync;
import io.storesync.testkit.tck.OrderPollToStockPushCompatibilityKit;
import javax.sql.DataSource;

/** The compatibility kit's {@link OrderPollToStockPushCompatibilityKit} on the JDBI persistence. */
class JdbiOrderPollToStockPushIT extends OrderPollToStockPushCompatibilityKit {
    @Override
    protected StoreSync.Builder storeSyncBuilder(DataSource dataSource, String schema) {
        return JdbiKit.builder(dataSource, schema);
    }
}
