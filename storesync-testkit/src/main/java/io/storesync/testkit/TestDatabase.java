package io.storesync.testkit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.storesync.StoreSync;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A freshly migrated StoreSync database of one's own, cloned from a template migrated once per JVM.
 *
 * <p>{@link #appDataSource()} connects as the application role — not a superuser, not the owner, not BYPASSRLS —
 * so every test exercises row-level security; {@link #ownerDataSource()} connects as the schema owner for setup
 * and inspection. Closing drops the database.
 */
public final class TestDatabase implements AutoCloseable {
    private final PostgresServer server;
    private final String databaseName;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<String> extraRoles = new ArrayList<>();
    private final HikariDataSource app;
    private final HikariDataSource owner;

    TestDatabase(PostgresServer server, String databaseName) {
        this.server = server;
        this.databaseName = databaseName;
        this.app = pool(server.appUser(), server.appPassword(), 16);
        this.owner = pool(server.ownerUser(), server.ownerPassword(), 4);
    }

    /** A new migrated database on the configured server (embedded unless configured otherwise). */
    public static TestDatabase create() {
        return PostgresServer.current().newDatabase();
    }

    /**
     * A database on a PostgreSQL 17 container of its own (Testcontainers), whatever the JVM's default backend is.
     * Check {@link #dockerAvailable()} first; the container stops when the database closes.
     */
    public static TestDatabase onTestcontainers() {
        return PostgresServer.startContainer().newDatabase();
    }

    /** Whether a Docker engine answers, so that {@link #onTestcontainers()} can work. */
    public static boolean dockerAvailable() {
        return ContainerServer.dockerAvailable();
    }

    /** A pool of connections as the application role. */
    public DataSource appDataSource() {
        return app;
    }

    /** A pool of connections as the schema owner (subject to RLS too, since tables FORCE it). */
    public DataSource ownerDataSource() {
        return owner;
    }

    /** A new, separate pool as the application role, closed with this database; for tests of pooling itself. */
    public DataSource newAppPool(int maximumSize) {
        return pool(server.appUser(), server.appPassword(), maximumSize);
    }

    /**
     * A pool as a new login role made for this test, with {@code attributes} (for example {@code "BYPASSRLS"} or
     * {@code "SUPERUSER"}) and granted {@code memberOf} (for example {@link #ownerRole()}). For tests of what StoreSync
     * refuses to run on; the role is dropped when this database closes.
     */
    public DataSource newPoolAsNewRole(String attributes, String... memberOf) {
        String role = server.createExtraRole(attributes, memberOf);
        synchronized (this) {
            extraRoles.add(role);
        }
        return pool(role, server.extraRolePassword(role), 2);
    }

    /** The schema owner's role name. */
    public String ownerRole() {
        return server.ownerUser();
    }

    /** The schema StoreSync's tables are in. */
    public String schema() {
        return PostgresServer.SCHEMA;
    }

    /** The application role's name. */
    public String applicationRole() {
        return server.appUser();
    }

    /** The JDBC URL of this database. */
    public String jdbcUrl() {
        return server.jdbcUrl(databaseName);
    }

    /** Which kind of server this database lives on: {@code embedded}, {@code external} or {@code testcontainers}. */
    public String serverKind() {
        return server.kind();
    }

    /** A StoreSync built on {@link #appDataSource()}, with the persistence found on the classpath. */
    public StoreSync storeSync() {
        return StoreSync.builder().dataSource(app).schema(schema()).build();
    }

    /** A StoreSync builder preset with {@link #appDataSource()} and the schema, for further configuration. */
    public StoreSync.Builder storeSyncBuilder() {
        return StoreSync.builder().dataSource(app).schema(schema());
    }

    private synchronized HikariDataSource pool(String user, String password, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl());
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setPoolName("storesync-test-" + user + "-" + pools.size());
        HikariDataSource ds = new HikariDataSource(config);
        pools.add(ds);
        return ds;
    }

    @Override
    public synchronized void close() {
        pools.forEach(HikariDataSource::close);
        pools.clear();
        server.dropDatabase(databaseName);
        extraRoles.forEach(server::dropExtraRole);
        extraRoles.clear();
    }

    @Override
    public String toString() {
        return "TestDatabase[" + server.kind() + " " + Objects.toString(databaseName) + "]";
    }
}
