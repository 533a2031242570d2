package io.storesync.jdbi.tck;

import io.storesync.StoreSync;
import io.storesync.testkit.tck.StockPropagationCompatibilityKit;
import javax.sql.DataSource;

/** The compatibility kit's {@link StockPropagationCompatibilityKit} on the JDBI persistence. */
class JdbiStockPropagationIT extends StockPropagationCompatibilityKit {
    @Override
    protected StoreSync.Builder storeSyncBuilder(DataSource dataSource, String schema) {
        return JdbiKit.builder(dataSource, schema);
    }
}
