package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Row-level security, table by table: with organization A set, B's rows can be neither seen nor written; with no
 * organization set nothing is visible or writable; the setting dies with its transaction on a pooled connection.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationIT {
    private DataSource app;
    private String schema;
    private UUID orgA;
    private UUID orgB;
    private List<String> tenantTables;

    @BeforeAll
    void populate(TestDatabase db) throws SQLException {
        app = db.appDataSource();
        schema = db.schema();
        orgA = TenantFixture.populate(app, schema);
        orgB = TenantFixture.populate(app, schema);
        tenantTables = new ArrayList<>();
        try (Connection c = db.ownerDataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.columns"
                     + " WHERE table_schema = ? AND column_name = 'organization_id' ORDER BY table_name")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) tenantTables.add(rs.getString(1));
            }
        }
        tenantTables.add("organizations");
    }

    @Test
    void coversEveryTenantTable() {
        assertThat(tenantTables).containsExactlyInAnyOrder("organizations", "users", "stores", "products",
                "product_variants", "store_product_mappings", "inventory_locations", "inventory_items",
                "inventory_transactions", "orders", "order_items", "sync_jobs", "sync_logs", "webhook_endpoints",
                "webhook_events", "stock_changes", "stock_idempotency_keys", "store_sync_state", "stock_push_pending", "listing_sync_state",
                "retention_settings", "retention_purges", "audit_events", "erased_buyers");
    }

    @Test
    void applicationRoleIsNeitherSuperuserNorOwnerNorBypassingRls(TestDatabase db) throws SQLException {
        try (Connection c = app.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT rolsuper, rolbypassrls, current_user,"
                     + " (SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "' AND tableowner = current_user) AS owned"
                     + " FROM pg_roles WHERE rolname = current_user")) {
            rs.next();
            assertThat(rs.getBoolean("rolsuper")).isFalse();
            assertThat(rs.getBoolean("rolbypassrls")).isFalse();
            assertThat(rs.getInt("owned")).isZero();
            assertThat(rs.getString("current_user")).isEqualTo(db.applicationRole());
        }
    }

    @Test
    void eachOrganizationSeesExactlyItsOwnRowsInEveryTable() throws SQLException {
        for (String table : tenantTables) {
            String orgColumn = orgColumn(table);
            assertThat(count(orgA, "SELECT count(*) FROM " + table)).as(table + " visible to A").isPositive();
            assertThat(count(orgA, "SELECT count(*) FROM " + table + " WHERE " + orgColumn + " <> '" + orgA + "'"))
                    .as(table + ": A sees nothing of another organization").isZero();
            assertThat(count(orgB, "SELECT count(*) FROM " + table + " WHERE " + orgColumn + " = '" + orgA + "'"))
                    .as(table + ": B sees nothing of A").isZero();
        }
    }

    @Test
    void anotherOrganizationsRowsCannotBeUpdatedOrDeleted() throws SQLException {
        for (String table : tenantTables) {
            String orgColumn = orgColumn(table);
            assertThat(changed(orgA, "UPDATE " + table + " SET " + orgColumn + " = " + orgColumn
                    + " WHERE " + orgColumn + " = '" + orgB + "'")).as(table + " update of B's rows").isZero();
            assertThat(changed(orgA, "DELETE FROM " + table + " WHERE " + orgColumn + " = '" + orgB + "'"))
                    .as(table + " delete of B's rows").isZero();
        }
        assertThat(count(orgB, "SELECT count(*) FROM products")).isPositive();
    }

    @Test
    void rowsCannotBeWrittenIntoAnotherOrganization() throws SQLException {
        for (String table : tenantTables) {
            String json = oneRowAsJson(orgB, table);
            String columns = insertableColumns(table);
            // A copy of B's row with a fresh id, written with A set: the policy's WITH CHECK refuses it.
            String sql = "INSERT INTO " + table + " (" + columns + ") SELECT " + columns
                    + " FROM json_populate_record(null::" + table + ", ?::json)";
            String withFreshIds = json.replaceFirst("\"id\":\"[0-9a-f-]+\"", "\"id\":\"" + UUID.randomUUID() + "\"");
            assertThatThrownBy(() -> changed(orgA, sql, withFreshIds))
                    .as(table).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
        }
    }

    /**
     * A log may point only at a job of its own organization (V23's trigger, which replaced a composite foreign key):
     * A's log naming B's job is refused exactly like one naming no job at all, so the refusal tells A nothing of B.
     */
    @Test
    void aLogCannotPointAtAnotherOrganizationsJob() throws SQLException {
        UUID jobOfA = UUID.fromString(field(orgA, "sync_jobs", "id"));
        UUID jobOfB = UUID.fromString(field(orgB, "sync_jobs", "id"));
        UUID logOfA = UUID.fromString(field(orgA, "sync_logs", "id"));
        String insert = "INSERT INTO sync_logs (organization_id, sync_job_id, level, message) VALUES (?, ?, 'info', 'x')";
        assertThat(changed(orgA, insert, orgA, jobOfA)).isEqualTo(1);
        int refused = 0;
        List<String> messages = new ArrayList<>();
        for (UUID job : List.of(jobOfB, UUID.randomUUID())) {
            for (String sql : List.of(insert, "UPDATE sync_logs SET sync_job_id = ? WHERE organization_id = ? AND id = ?")) {
                Object[] args = sql.startsWith("INSERT") ? new Object[] {orgA, job} : new Object[] {job, orgA, logOfA};
                SQLException e = catchThrowableOfType(SQLException.class, () -> changed(orgA, sql, args));
                assertThat((Object) e).as(sql + " with job " + (job.equals(jobOfB) ? "of B" : "unknown")).isNotNull();
                assertThat(e.getSQLState()).isEqualTo("23503");
                assertThat(e.getMessage()).contains("sync_logs_job_same_org").doesNotContain(job.toString());
                messages.add(e.getMessage().lines().findFirst().orElseThrow());
                refused++;
            }
        }
        assertThat(refused).isEqualTo(4);
        assertThat(messages).containsOnly(messages.get(0));
        assertThat(count(orgA, "SELECT count(*) FROM sync_logs WHERE sync_job_id = '" + jobOfB + "'")).isZero();
    }

    @Test
    void withNoOrganizationSetNothingIsVisibleOrWritable() throws SQLException {
        try (Connection c = app.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET search_path = " + schema);
            for (String table : tenantTables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    assertThat(rs.getInt(1)).as(table + " without tenant").isZero();
                }
            }
            assertThatThrownBy(() -> s.executeUpdate(
                    "INSERT INTO products (organization_id, sku, name) VALUES ('" + orgA + "', 'X', 'x')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("row-level security");
            assertThatThrownBy(() -> s.executeUpdate(
                    "INSERT INTO organizations (name, slug) VALUES ('Ghost', 'ghost')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("row-level security");
        }
    }

    @Test
    void theTenantSettingDoesNotOutliveItsTransactionOnAPooledConnection(TestDatabase db) throws SQLException {
        DataSource single = db.newAppPool(1);
        try (Connection c = single.getConnection()) {
            c.setAutoCommit(false);
            Sql.exec(c, "SELECT set_config('search_path', ?, true), set_config('storesync.organization_id', ?, true)",
                    schema, orgA.toString());
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM products")) {
                rs.next();
                assertThat(rs.getInt(1)).isPositive();
            }
            c.commit();
        }
        // the pool hands out the same physical connection again
        try (Connection c = single.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET search_path = " + schema);
            try (ResultSet rs = s.executeQuery("SELECT current_setting('storesync.organization_id', true),"
                    + " (SELECT count(*) FROM products), current_organization_id()")) {
                rs.next();
                assertThat(rs.getString(1)).isEmpty();
                assertThat(rs.getInt(2)).isZero();
                assertThat(rs.getObject(3)).isNull();
            }
        }
    }

    private static String orgColumn(String table) {
        return table.equals("organizations") ? "id" : "organization_id";
    }

    private String insertableColumns(String table) throws SQLException {
        try (Connection c = app.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum)"
                     + " FROM pg_attribute WHERE attrelid = (? || '.' || ?)::regclass AND attnum > 0"
                     + " AND NOT attisdropped AND attgenerated = ''")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private String oneRowAsJson(UUID org, String table) throws SQLException {
        try (Connection c = tenantConnection(org); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT row_to_json(t)::text FROM " + table + " t LIMIT 1")) {
            assertThat(rs.next()).as(table + " has a row").isTrue();
            String json = rs.getString(1);
            c.commit();
            return json;
        }
    }

    private String field(UUID org, String table, String column) throws SQLException {
        try (Connection c = tenantConnection(org); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + column + "::text FROM " + table + " LIMIT 1")) {
            assertThat(rs.next()).as(table + " has a row").isTrue();
            String value = rs.getString(1);
            c.commit();
            return value;
        }
    }

    private int count(UUID org, String sql) throws SQLException {
        try (Connection c = tenantConnection(org); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            int n = rs.getInt(1);
            c.commit();
            return n;
        }
    }

    private int changed(UUID org, String sql, Object... args) throws SQLException {
        try (Connection c = tenantConnection(org)) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
                int n = ps.executeUpdate();
                c.rollback();
                return n;
            } catch (SQLException e) {
                c.rollback();
                // the ledger is append-only for the application role: an UPDATE or DELETE is refused outright
                if ("42501".equals(e.getSQLState()) && e.getMessage().contains("permission denied")) return 0;
                throw e;
            }
        }
    }

    private Connection tenantConnection(UUID org) throws SQLException {
        return Sql.tenant(app, schema, org);
    }
}
