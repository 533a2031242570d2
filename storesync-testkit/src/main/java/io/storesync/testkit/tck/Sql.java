package io.storesync.testkit.tck;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Plain JDBC for tests that set up or inspect raw rows: a connection in a transaction whose tenant is set exactly as
 * StoreSync sets it (transaction-local), and one-line statements.
 */
public final class Sql {
    private Sql() {}

    /** A connection, auto-commit off, with schema and tenant set for its current transaction only. */
    public static Connection tenant(DataSource ds, String schema, UUID org) throws SQLException {
        Connection c = ds.getConnection();
        c.setAutoCommit(false);
        exec(c, "SELECT set_config('search_path', ?, true), set_config('storesync.organization_id', ?, true)",
                schema, org.toString());
        return c;
    }

    public static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = bind(c, sql, args)) {
            ps.execute();
        }
    }

    /** The UUID in the first column of the first row. */
    public static UUID id(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = bind(c, sql, args); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getObject(1, UUID.class);
        }
    }

    /** The number in the first column of the first row. */
    public static long scalar(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = bind(c, sql, args); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static PreparedStatement bind(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
        return ps;
    }
}
