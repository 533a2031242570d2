package io.storesync.jdbi.tck;

import io.storesync.StoreSync;
import io.storesync.testkit.tck.SchedulesCompatibilityKit;
import javax.sql.DataSource;

/** The compatibility kit's {@link SchedulesCompatibilityKit} on the JDBI persistence. */
class JdbiSchedulesIT extends SchedulesCompatibilityKit {
    @Override
    protected StoreSync.Builder storeSyncBuilder(DataSource dataSource, String schema) {
        return JdbiKit.builder(dataSource, schema);
    }
}
