package io.storesync.jdbi.tck;

import io.storesync.StoreSync;
import io.storesync.testkit.tck.PagingCompatibilityKit;
import javax.sql.DataSource;

/** The compatibility kit's {@link PagingCompatibilityKit} on the JDBI persistence. */
class JdbiPagingIT extends PagingCompatibilityKit {
    @Override
    protected StoreSync.Builder storeSyncBuilder(DataSource dataSource, String schema) {
        return JdbiKit.builder(dataSource, schema);
    }
}
