package io.storesync.jdbi.tck;

import io.storesync.StoreSync;
import io.storesync.internal.jdbi.JdbiPersistenceProvider;
import javax.sql.DataSource;

/** How the compatibility kit's tests get a StoreSync on the JDBI persistence: named explicitly, not discovered. */
final class JdbiKit {
    private JdbiKit() {}

    static StoreSync.Builder builder(DataSource dataSource, String schema) {
        return StoreSync.builder().dataSource(dataSource).schema(schema).persistence(new JdbiPersistenceProvider());
    }
}
