package com.example.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.storesync.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** What a host gets from the README's dependency block: the testkit's embedded server is PostgreSQL 17 and migrates. */
class ReadmeHostTest {

    @Test
    void theTestkitStartsEmbeddedPostgresql17AndMigrates() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            assertEquals("embedded", db.serverKind());
            try (Connection c = db.ownerDataSource().getConnection(); Statement s = c.createStatement()) {
                try (ResultSet r = s.executeQuery("SHOW server_version_num")) {
                    r.next();
                    int version = Integer.parseInt(r.getString(1));
                    assertTrue(version >= 170000 && version < 180000, "embedded PostgreSQL is 17, got " + version);
                }
                try (ResultSet r = s.executeQuery("SELECT count(*), bool_and(success) FROM "
                        + db.schema() + ".storesync_schema_history")) {
                    r.next();
                    assertTrue(r.getInt(1) > 0, "migrations applied");
                    assertTrue(r.getBoolean(2), "every migration succeeded");
                }
            }
        }
    }
}
