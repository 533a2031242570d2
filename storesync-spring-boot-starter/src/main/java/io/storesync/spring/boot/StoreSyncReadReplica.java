package io.storesync.spring.boot;

import java.util.Objects;
import javax.sql.DataSource;

/**
 * The pool StoreSync's reports and searches read from (see {@code StoreSync.Builder.readReplica}). The starter makes
 * one from {@code storesync.read-replica.*}; a host with its own replica pool declares a bean of this type instead.
 * It is deliberately not a {@code DataSource} bean: a second one would make Boot's own DataSource back off.
 */
public final class StoreSyncReadReplica {
    private final DataSource dataSource;
    private final boolean owned;

    private StoreSyncReadReplica(DataSource dataSource, boolean owned) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.owned = owned;
    }

    /** The host's replica pool; the host closes it. */
    public static StoreSyncReadReplica of(DataSource dataSource) {
        return new StoreSyncReadReplica(dataSource, false);
    }

    /** A pool the starter made; closed with the context. */
    static StoreSyncReadReplica owned(DataSource dataSource) {
        return new StoreSyncReadReplica(dataSource, true);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Closes the pool when the starter made it (the context's destroy method). */
    public void close() throws Exception {
        if (owned && dataSource instanceof AutoCloseable closeable) closeable.close();
    }
}
