package io.storesync.jdbi.tck;

import io.storesync.StoreSync;
import io.storesync.testkit.tck.WebhookInboxCompatibilityKit;
import javax.sql.DataSource;

/** The compatibility kit's {@link WebhookInboxCompatibilityKit} on the JDBI persistence. */
class JdbiWebhookInboxIT extends WebhookInboxCompatibilityKit {
    @Override
    protected StoreSync.Builder storeSyncBuilder(DataSource dataSource, String schema) {
        return JdbiKit.builder(dataSource, schema);
    }
}
