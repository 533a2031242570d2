package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The stock ledger can only grow: UPDATE, DELETE and TRUNCATE raise, even for the owner. */
@ExtendWith(StoreSyncDatabaseExtension.class)
class LedgerAppendOnlyIT {

    @Test
    void theApplicationRoleCannotUpdateOrDeleteLedgerRows(TestDatabase db) throws SQLException {
        UUID org = TenantFixture.populate(db.appDataSource(), db.schema());
        for (String sql : new String[] {"UPDATE inventory_transactions SET quantity_change = 500", "DELETE FROM inventory_transactions"}) {
            assertThatThrownBy(() -> execute(db.appDataSource(), db.schema(), org, sql))
                    .as(sql).isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
    }

    @Test
    void evenTheOwnerCannotUpdateDeleteOrTruncateTheLedger(TestDatabase db) throws SQLException {
        UUID org = TenantFixture.populate(db.appDataSource(), db.schema());
        for (String sql : new String[] {"UPDATE inventory_transactions SET quantity_change = 500",
                "DELETE FROM inventory_transactions", "TRUNCATE inventory_transactions"}) {
            assertThatThrownBy(() -> execute(db.ownerDataSource(), db.schema(), org, sql))
                    .as(sql).isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        try (Connection c = tenant(db.ownerDataSource(), db.schema(), org); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sum(quantity_change) FROM inventory_transactions")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(5);
        }
    }

    private static void execute(DataSource ds, String schema, UUID org, String sql) throws SQLException {
        try (Connection c = tenant(ds, schema, org); Statement s = c.createStatement()) {
            s.execute(sql);
            c.commit();
        }
    }

    @Test
    void deletingAnInventoryItemTakesItsLedgerWithIt(TestDatabase db) throws SQLException {
        UUID org = TenantFixture.populate(db.appDataSource(), db.schema());
        // as the owner: since V7 the application role may not delete inventory items (TrustBoundaryIT)
        try (Connection c = tenant(db.ownerDataSource(), db.schema(), org); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("DELETE FROM inventory_items")).isEqualTo(1);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM inventory_transactions")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            c.rollback();
        }
    }

    private static Connection tenant(DataSource ds, String schema, UUID org) throws SQLException {
        return Sql.tenant(ds, schema, org);
    }
}
