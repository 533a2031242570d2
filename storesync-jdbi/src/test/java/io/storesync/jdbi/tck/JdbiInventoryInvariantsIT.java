package io.storesync.jdbi.tck;

import io.storesync.StoreSync;
import io.storesync.testkit.tck.InventoryInvariantsCompatibilityKit;
import javax.sql.DataSource;

/** The compatibility kit's {@link InventoryInvariantsCompatibilityKit} on the JDBI persistence. */
class JdbiInventoryInvariantsIT extends InventoryInvariantsCompatibilityKit {
    @Override
    protected StoreSync.Builder storeSyncBuilder(DataSource dataSource, String schema) {
        return JdbiKit.builder(dataSource, schema);
    }
}
