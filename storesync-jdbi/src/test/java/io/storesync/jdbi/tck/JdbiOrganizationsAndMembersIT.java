package io.storesync.jdbi.tck;

import io.storesync.StoreSync;
import io.storesync.testkit.tck.OrganizationsAndMembersCompatibilityKit;
import javax.sql.DataSource;

/** The compatibility kit's {@link OrganizationsAndMembersCompatibilityKit} on the JDBI persistence. */
class JdbiOrganizationsAndMembersIT extends OrganizationsAndMembersCompatibilityKit {
    @Override
    protected StoreSync.Builder storeSyncBuilder(DataSource dataSource, String schema) {
        return JdbiKit.builder(dataSource, schema);
    }
}
