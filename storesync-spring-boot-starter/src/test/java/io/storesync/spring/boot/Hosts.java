package io.storesync.spring.boot;

import com.zaxxer.hikari.HikariDataSource;
import io.storesync.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What the starter's tests share: the owner's credentials as properties, and counts read as the owner. */
final class Hosts {
    private Hosts() {}

    /** The migration properties for the test database's owner role. */
    static String[] ownerMigration(TestDatabase db) {
        HikariDataSource owner = (HikariDataSource) db.ownerDataSource();
        return new String[] {"storesync.migration.user=" + owner.getUsername(),
                "storesync.migration.password=" + owner.getPassword(), "storesync.schema=" + db.schema()};
    }

    /** A count as the owner, which sees every tenant's queue rows (the queue functions' policy). */
    static long ownerCount(TestDatabase db, String sql) throws SQLException {
        return Long.parseLong(ownerText(db, sql));
    }

    /** One value as text, read as the owner: what a failing assertion says about the queue. */
    static String ownerText(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.ownerDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET search_path = " + db.schema() + ", public");
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return String.valueOf(rs.getString(1));
            }
        }
    }
}
