package io.storesync.jdbi.tck;

import io.storesync.StoreSync;
import io.storesync.testkit.tck.InventoryCompatibilityKit;
import javax.sql.DataSource;

/** The compatibility kit's {@link InventoryCompatibilityKit} on the JDBI persistence. */
class JdbiInventoryIT extends InventoryCompatibilityKit {
    @Override
    protected StoreSync.Builder storeSyncBuilder(DataSource dataSource, String schema) {
        return JdbiKit.builder(dataSource, schema);
    }
}
