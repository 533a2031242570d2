package io.storesync.jpa;

import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;
import org.jspecify.annotations.Nullable;

/**
 * Hands Hibernate connections of the host's pool that bind the session's tenant <em>per transaction</em>.
 *
 * <p>A Hibernate resource-local transaction begins with {@code setAutoCommit(false)} on its connection. The
 * connections this provider hands out run, right after that call and inside the transaction it opens,
 * {@code set_config('storesync.organization_id', tenant, true)} (and the schema as {@code search_path}, also
 * transaction-local), exactly as StoreSync's engine does. Nothing is set when the connection is checked out, so a
 * connection that outlives its transaction (Spring's {@code DELAYED_ACQUISITION_AND_HOLD}, open-session-in-view, a
 * pool) carries no tenant into the next one: every transaction is bound anew, and its setting dies at its commit or
 * rollback. A session whose tenant is {@link StoreSyncJpa#NO_TENANT} gets an empty setting, under which row-level
 * security shows no row.
 *
 * <p>The pool must hand out connections in auto-commit mode (JDBC's default, and HikariCP's): a connection that is
 * already in a transaction when checked out would never see a begin, so it is refused with
 * {@link ErrorCode#CONFIGURATION} rather than silently showing nothing.
 */
public final class TenantConnectionProvider implements MultiTenantConnectionProvider<UUID> {
    private final DataSource dataSource;
    private final @Nullable String schema;

    /**
     * @param dataSource the host's pool, connecting as the application role
     * @param schema StoreSync's schema, set as the transaction's {@code search_path} (for native queries); or null
     *     to leave the search path alone
     */
    public TenantConnectionProvider(DataSource dataSource, @Nullable String schema) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.schema = schema;
    }

    @Override
    public Connection getAnyConnection() throws SQLException {
        // metadata and schema validation only: no tenant, so row-level security shows no tenant row
        return dataSource.getConnection();
    }

    @Override
    public void releaseAnyConnection(Connection connection) throws SQLException {
        connection.close();
    }

    @Override
    public Connection getConnection(UUID tenant) throws SQLException {
        Objects.requireNonNull(tenant, "tenant");
        Connection connection = dataSource.getConnection();
        if (!connection.getAutoCommit()) {
            connection.close();
            throw new StoreSyncException(ErrorCode.CONFIGURATION, "storesync-jpa needs the pool to hand out connections"
                    + " in auto-commit mode (JDBC's default): the tenant is bound when a transaction begins, and a"
                    + " connection already in a transaction never shows that begin");
        }
        return (Connection) Proxy.newProxyInstance(TenantConnectionProvider.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Binding(connection, tenant, schema));
    }

    @Override
    public void releaseConnection(UUID tenant, Connection connection) throws SQLException {
        connection.close();
    }

    @Override
    public boolean supportsAggressiveRelease() {
        return false;
    }

    @Override
    public boolean isUnwrappableAs(Class<?> type) {
        return type.isInstance(this) || type.isInstance(dataSource);
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(this)) return type.cast(this);
        if (type.isInstance(dataSource)) return type.cast(dataSource);
        throw new IllegalArgumentException("cannot unwrap " + type.getName());
    }

    /** The value {@code storesync.organization_id} gets for {@code tenant}: empty for no tenant. */
    static String setting(UUID tenant) {
        return StoreSyncJpa.NO_TENANT.equals(tenant) ? "" : tenant.toString();
    }

    private static final class Binding implements InvocationHandler {
        private final Connection target;
        private final UUID tenant;
        private final @Nullable String schema;

        Binding(Connection target, UUID tenant, @Nullable String schema) {
            this.target = target;
            this.tenant = tenant;
            this.schema = schema;
        }

        @Override
        public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("unwrap") && args != null && ((Class<?>) args[0]).isInstance(target)) return target;
            if (name.equals("isWrapperFor") && args != null && ((Class<?>) args[0]).isInstance(target)) return true;
            if (name.equals("toString") && method.getParameterCount() == 0) return "TenantBoundConnection[" + target + "]";
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (name.equals("setAutoCommit") && args != null && Boolean.FALSE.equals(args[0])) bind();
            return result;
        }

        /** Runs first in the transaction that setAutoCommit(false) just opened. */
        private void bind() throws SQLException {
            String sql = schema == null
                    ? "SELECT set_config('storesync.organization_id', ?, true)"
                    : "SELECT set_config('storesync.organization_id', ?, true), set_config('search_path', ?, true)";
            try (PreparedStatement ps = target.prepareStatement(sql)) {
                ps.setString(1, setting(tenant));
                if (schema != null) ps.setString(2, schema);
                ps.execute();
            }
        }
    }
}
