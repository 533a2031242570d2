package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.Sql;
import java.sql.Connection;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 14 (the ledger decision, docs/compliance.md): what a ledger row costs on disk, table and indexes together, so
 * "keep it forever" is a measured choice. 50,000 rows in the shape the engine writes (an order's reserve: a
 * reference, no note), then {@code pg_total_relation_size} after {@code VACUUM}.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class LedgerGrowthIT {
    private static final int ROWS = 50_000;

    @Test
    void aLedgerRowCostsAFewHundredBytesWithItsIndexes(TestDatabase db) throws Exception {
        UUID org = TenantFixture.populate(db.appDataSource(), db.schema());
        long before;
        try (Connection c = db.ownerDataSource().getConnection()) {
            c.setAutoCommit(true);
            Sql.exec(c, "SET search_path = " + db.schema());
            Sql.exec(c, "VACUUM inventory_transactions");
            before = Sql.scalar(c, "SELECT pg_total_relation_size('inventory_transactions')");
        }
        try (Connection c = Sql.tenant(db.appDataSource(), db.schema(), org)) {
            Sql.exec(c, "INSERT INTO inventory_transactions (organization_id, inventory_item_id, transaction_type,"
                    + " quantity_change, reserved_change, reference_type, reference_id)"
                    + " SELECT ?, (SELECT id FROM inventory_items LIMIT 1), 'reserve', 0, 1, 'order_item', gen_random_uuid()"
                    + " FROM generate_series(1, " + ROWS + ")", org);
            c.commit();
        }
        long after;
        try (Connection c = db.ownerDataSource().getConnection()) {
            c.setAutoCommit(true);
            Sql.exec(c, "SET search_path = " + db.schema());
            Sql.exec(c, "VACUUM ANALYZE inventory_transactions");
            after = Sql.scalar(c, "SELECT pg_total_relation_size('inventory_transactions')");
        }
        double perRow = (after - before) / (double) ROWS;
        System.out.printf("[ledger growth] %d rows: %d bytes (table and indexes), %.0f bytes a row, %.2f GB a million rows%n",
                ROWS, after - before, perRow, perRow * 1_000_000 / 1e9);
        assertThat(perRow).isBetween(100.0, 2_000.0);
    }
}
