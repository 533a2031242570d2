package io.storesync.spi.persistence;

import javax.sql.DataSource;

/**
 * Creates the storage StoreSync runs on. Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.storesync.spi.persistence.PersistenceProvider}) or passed to the builder explicitly.
 *
 * <p>Implementations must be thread-safe; {@link #open} is called once per {@code StoreSync} instance.
 */
public interface PersistenceProvider {

    /** A short name for diagnostics, such as {@code "jdbi-postgresql"}. */
    String name();

    /**
     * Opens storage over a pool whose connections use the application role (not the schema owner, not a superuser),
     * so that row-level security applies.
     *
     * @param dataSource the host's pool
     * @param schema the schema StoreSync's tables live in
     * @throws io.storesync.api.StoreSyncException with {@code CONFIGURATION} when the schema is missing or outdated, or
     *     when the pool's role would bypass row-level security (superuser, BYPASSRLS, owner or member of the owner)
     */
    Persistence open(DataSource dataSource, String schema);

    /**
     * As {@link #open(DataSource, String)}, with reports and searches ({@link Persistence#inTenantReadOnly}) served by
     * {@code readReplica}: a pool on a replica of the same database, as a role under row-level security like the
     * primary's. The default refuses, so that a replica is never silently ignored.
     *
     * @throws io.storesync.api.StoreSyncException with {@code CONFIGURATION} when this storage cannot use a replica,
     *     or as {@link #open(DataSource, String)} for either pool
     */
    default Persistence open(DataSource dataSource, DataSource readReplica, String schema) {
        throw new io.storesync.api.StoreSyncException(io.storesync.api.ErrorCode.CONFIGURATION,
                "the persistence " + name() + " does not support a read replica");
    }

    /**
     * Brings the schema up to date. May block for as long as the migrations take; runs as the schema owner.
     *
     * @param ownerDataSource connections as the role that owns (or will own) the schema
     * @param schema the schema to migrate, created when missing
     * @param applicationRole the existing role the host's pool connects as; it is granted what StoreSync needs
     */
    void migrate(DataSource ownerDataSource, String schema, String applicationRole);
}
