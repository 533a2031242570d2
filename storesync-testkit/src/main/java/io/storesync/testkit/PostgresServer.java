package io.storesync.testkit;

import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import io.storesync.spi.persistence.PersistenceProvider;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL server per JVM, chosen once: external when {@value #URL_VARIABLE} is set, Testcontainers when the
 * system property {@value #KIND_PROPERTY} is {@code testcontainers}, embedded otherwise. Migrates a template
 * database once; every {@link TestDatabase} is a cheap copy of it.
 */
abstract class PostgresServer {
    static final String URL_VARIABLE = "STORESYNC_TEST_JDBC_URL";
    static final String USER_VARIABLE = "STORESYNC_TEST_USER";
    static final String PASSWORD_VARIABLE = "STORESYNC_TEST_PASSWORD";
    static final String KIND_PROPERTY = "storesync.test.database";
    static final String SCHEMA = "storesync";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final String OWNER = "storesync_owner";
    private static final String APP = "storesync_app";

    private static @Nullable PostgresServer current;

    private final AtomicInteger databases = new AtomicInteger();
    private final AtomicInteger extraRoles = new AtomicInteger();
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private @Nullable String template;
    private boolean stopWithLastDatabase;

    static synchronized PostgresServer current() {
        if (current == null) {
            PostgresServer server = choose();
            server.prepare();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "storesync-testkit-shutdown"));
            current = server;
        }
        return current;
    }

    /** A dedicated Testcontainers server, outside the per-JVM choice; stopped when its one database closes. */
    static PostgresServer startContainer() {
        PostgresServer server = new ContainerServer();
        server.prepare();
        server.stopWithLastDatabase = true;
        return server;
    }

    private static PostgresServer choose() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return new ExternalServer(url, envOr(USER_VARIABLE, "postgres"), envOr(PASSWORD_VARIABLE, ""));
        }
        String kind = System.getProperty(KIND_PROPERTY, "embedded").toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "embedded" -> new EmbeddedServer();
            case "testcontainers" -> new ContainerServer();
            default -> throw new StoreSyncException(ErrorCode.CONFIGURATION,
                    KIND_PROPERTY + " must be embedded or testcontainers, got '" + kind + "'");
        };
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    abstract String kind();

    /** JDBC URL of {@code database} on this server. */
    abstract String jdbcUrl(String database);

    abstract String adminUser();

    abstract String adminPassword();

    /** The database the admin connects to for server-wide statements. */
    String adminDatabase() {
        return "postgres";
    }

    void stop() {}

    String ownerUser() {
        return OWNER;
    }

    String ownerPassword() {
        return OWNER + "-test-password";
    }

    String appUser() {
        return APP;
    }

    String appPassword() {
        return APP + "-test-password";
    }

    private void prepare() {
        long started = System.nanoTime();
        // The owner owns the schema; the application role is deliberately weak: RLS must apply to it.
        createRole(OWNER, ownerPassword(), "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS");
        createRole(APP, appPassword(), "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT");
        String name = "storesync_tpl_" + runId;
        admin("CREATE DATABASE " + name + " OWNER " + OWNER);
        PGSimpleDataSource owner = new PGSimpleDataSource();
        owner.setUrl(jdbcUrl(name));
        owner.setUser(OWNER);
        owner.setPassword(ownerPassword());
        persistence().migrate(owner, SCHEMA, APP);
        template = name;
        LOG.info("StoreSync test database ready on {} PostgreSQL in {} ms", kind(), (System.nanoTime() - started) / 1_000_000);
    }

    private static PersistenceProvider persistence() {
        for (PersistenceProvider p : ServiceLoader.load(PersistenceProvider.class)) return p;
        throw new StoreSyncException(ErrorCode.CONFIGURATION,
                "no PersistenceProvider on the test classpath: add io.storesync:storesync-jdbi");
    }

    /**
     * A new login role with {@code attributes} (such as {@code BYPASSRLS}), member of {@code memberOf}, made by the
     * server's administrator; its name is unique to this run and its password is {@link #extraRolePassword}.
     */
    String createExtraRole(String attributes, String... memberOf) {
        String role = "storesync_extra_" + runId + "_" + extraRoles.incrementAndGet();
        admin("CREATE ROLE " + role + " LOGIN PASSWORD '" + extraRolePassword(role) + "' " + attributes);
        for (String granted : memberOf) admin("GRANT " + granted + " TO " + role);
        return role;
    }

    String extraRolePassword(String role) {
        return role + "-test-password";
    }

    /** Drops a role from {@link #createExtraRole}; it owns nothing, so nothing else goes with it. */
    void dropExtraRole(String role) {
        if (stopWithLastDatabase) return; // the server, roles and all, is gone
        admin("DROP ROLE IF EXISTS " + role);
    }

    TestDatabase newDatabase() {
        String name = "storesync_test_" + runId + "_" + databases.incrementAndGet();
        admin("CREATE DATABASE " + name + " TEMPLATE " + template + " OWNER " + OWNER);
        return new TestDatabase(this, name);
    }

    void dropDatabase(String name) {
        if (stopWithLastDatabase) {
            stop();
            return;
        }
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void shutdown() {
        try {
            if (template != null) dropDatabase(template);
        } catch (RuntimeException e) {
            LOG.debug("could not drop template database", e);
        } finally {
            stop();
        }
    }

    private void createRole(String role, String password, String options) {
        try {
            admin("CREATE ROLE " + role + " " + options);
        } catch (StoreSyncException e) {
            // Another JVM (or an earlier run on an external server) made it already; make sure it is as weak as meant.
            admin("ALTER ROLE " + role + " " + options);
        }
        admin("ALTER ROLE " + role + " PASSWORD '" + password + "'");
    }

    void admin(String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(adminDatabase()), adminUser(), adminPassword());
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new StoreSyncException(ErrorCode.CONFIGURATION,
                    "test database setup failed (" + e.getSQLState() + "): " + e.getMessage(), e);
        }
    }
}
