package io.storesync.jdbi.tck;

import io.storesync.StoreSync;
import io.storesync.testkit.tck.JobQueueCompatibilityKit;
import javax.sql.DataSource;

/** The compatibility kit's {@link JobQueueCompatibilityKit} on the JDBI persistence. */
class JdbiJobQueueIT extends JobQueueCompatibilityKit {
    @Override
    protected StoreSync.Builder storeSyncBuilder(DataSource dataSource, String schema) {
        return JdbiKit.builder(dataSource, schema);
    }
}
