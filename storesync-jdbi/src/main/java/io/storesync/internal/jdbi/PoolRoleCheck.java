package io.storesync.internal.jdbi;

import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a pool whose role would bypass row-level security: a superuser, a BYPASSRLS role, the owner of the schema
 * or of any of its tables, or a member (direct or indirect, through {@code SET ROLE}) of any such role. Each of those
 * sees every tenant: superusers and BYPASSRLS roles ignore policies, an owner's members may {@code ALTER TABLE ...
 * NO FORCE ROW LEVEL SECURITY} and match the owner's cross-tenant {@code queue_functions} policies.
 */
final class PoolRoleCheck {
    private static final Logger LOG = LoggerFactory.getLogger(PoolRoleCheck.class);

    /**
     * One round trip, about {@code current_user} (whom the policies judge) and {@code session_user} (who logged in): a
     * pool that logs in as a superuser and then {@code SET ROLE}s to the application role can {@code RESET ROLE}.
     */
    private static final String QUERY = """
            SELECT r.rolname,
                   r.rolsuper,
                   r.rolbypassrls,
                   n.oid IS NOT NULL AS schema_exists,
                   coalesce(pg_has_role(r.oid, n.nspowner, 'MEMBER'), false) AS schema_owner,
                   EXISTS (SELECT 1 FROM pg_class c
                           WHERE c.relnamespace = n.oid AND pg_has_role(r.oid, c.relowner, 'MEMBER')) AS table_owner,
                   EXISTS (SELECT 1 FROM pg_roles s
                           WHERE s.oid <> r.oid AND (s.rolsuper OR s.rolbypassrls)
                             AND pg_has_role(r.oid, s.oid, 'MEMBER')) AS member_of_bypassing_role
            FROM pg_roles r
            LEFT JOIN pg_namespace n ON n.nspname = ?
            WHERE r.rolname IN (current_user, session_user)
            ORDER BY r.rolname = current_user DESC
            """;

    private PoolRoleCheck() {}

    /**
     * @throws StoreSyncException with {@link ErrorCode#CONFIGURATION} naming every reason and what to change, or when
     *     the role cannot be inspected at all
     */
    static void verify(DataSource dataSource, String schema) {
        List<String> reasons = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(QUERY)) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                boolean schemaExists = false;
                while (rs.next()) {
                    String role = rs.getString("rolname");
                    roles.add(role);
                    schemaExists = rs.getBoolean("schema_exists");
                    if (rs.getBoolean("rolsuper")) reasons.add(role + " is a superuser");
                    if (rs.getBoolean("rolbypassrls")) reasons.add(role + " has BYPASSRLS");
                    if (rs.getBoolean("schema_owner")) {
                        reasons.add(role + " owns schema " + schema + " or is a member of its owner");
                    }
                    if (rs.getBoolean("table_owner")) {
                        reasons.add(role + " owns tables in schema " + schema + " or is a member of their owner");
                    }
                    if (rs.getBoolean("member_of_bypassing_role")) {
                        reasons.add(role + " is a member of a superuser or BYPASSRLS role");
                    }
                }
                if (roles.isEmpty()) throw configuration("the pool's role could not be found in pg_roles");
                if (reasons.isEmpty() && !schemaExists) {
                    throw configuration("schema " + schema + " does not exist: migrate it first, as the owning role,"
                            + " with StoreSyncMigrations.migrate(ownerDataSource, \"" + schema + "\", \"" + roles.get(0)
                            + "\")");
                }
            }
        } catch (SQLException e) {
            LOG.debug("could not inspect the pool's role", e);
            throw configuration("could not inspect the pool's database role (SQLSTATE " + e.getSQLState() + ")");
        }
        if (!reasons.isEmpty()) {
            throw configuration("the pool connects as role " + String.join(" (logged in as ", roles)
                    + (roles.size() > 1 ? ")" : "") + ", which bypasses row-level security: "
                    + String.join("; ", reasons) + ". Connect the pool as a separate application role"
                    + " (LOGIN NOSUPERUSER NOBYPASSRLS, not granted the owner role) that the migrations granted;"
                    + " migrate as the owner. README.md, \"Database roles\", has the SQL.");
        }
    }

    private static StoreSyncException configuration(String message) {
        return new StoreSyncException(ErrorCode.CONFIGURATION, message);
    }
}
