package io.storesync.samples.quickstart;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.Member;
import io.storesync.api.NewMember;
import io.storesync.api.NewOrganization;
import io.storesync.api.Organization;
import io.storesync.api.Platform;
import io.storesync.api.Role;
import io.storesync.api.Tenant;
import io.storesync.api.UserId;
import io.storesync.jdbi.StoreSyncMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The one-command demo, written the way a host application embeds StoreSync: a schema owner migrates, the
 * application connects as a weaker role, and all tenant work goes through {@code storeSync.tenant(org, actor)}.
 * Here PostgreSQL is embedded; a real host points the same code at its own server.
 */
public final class Quickstart {
    private Quickstart() {}

    public static void main(String[] args) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            run(postgres.getPostgresDatabase(), postgres.getJdbcUrl("postgres", "postgres"), System.out);
        }
    }

    /** Sets up roles, migrates, and walks through the SDK; {@code admin} must be allowed to create roles. */
    static void run(DataSource admin, String jdbcUrl, PrintStream out) throws SQLException {
        out.println("StoreSync quickstart");
        createRoles(admin);
        out.println("1. PostgreSQL is up: " + jdbcUrl);

        try (HikariDataSource owner = pool(jdbcUrl, "storesync_owner"); HikariDataSource app = pool(jdbcUrl, "storesync_app")) {
            int applied = StoreSyncMigrations.migrate(owner, "storesync", "storesync_app");
            out.println("2. Migrated schema 'storesync' as storesync_owner: " + applied + " migration(s) applied");

            StoreSync storeSync = StoreSync.builder().dataSource(app).build();
            out.println("3. StoreSync opened on a pool connected as storesync_app (row-level security applies)");
            out.println("   Platforms: " + storeSync.platforms().stream().map(Platform::displayName).toList());

            UserId ownerId = UserId.random();
            Organization org = storeSync.createOrganization(
                    NewOrganization.of("Toko Kopi Nusantara", "toko-kopi-nusantara", ownerId, "ayu@tokokopi.example", "Ayu Lestari"));
            out.println("4. Created organization '" + org.name() + "' (" + org.slug() + ", plan " + org.subscriptionPlan()
                    + ") with id " + org.id());

            Tenant asOwner = storeSync.tenant(org.id(), Actor.user(ownerId));
            Member staff = asOwner.members().add(new NewMember(UserId.random(), "budi@tokokopi.example", "Budi Santoso", Role.MEMBER));
            Member auditor = asOwner.members().add(new NewMember(UserId.random(), "citra@tokokopi.example", "Citra", Role.VIEWER));
            asOwner.members().touchActivity();
            out.println("5. The owner added members:");
            for (Member m : asOwner.members().list()) {
                out.println("   - " + m.email() + " (" + m.role().dbValue() + (m.lastActive().isPresent() ? ", active just now" : "") + ")");
            }

            try {
                storeSync.tenant(org.id(), Actor.user(auditor.id())).members().add(
                        new NewMember(UserId.random(), "mallory@example.com", null, Role.ADMIN));
            } catch (io.storesync.api.AccessDeniedException e) {
                out.println("6. A viewer tried to add an admin and was refused: " + e.getMessage());
            }
            out.println("   " + staff.fullName() + " is a " + staff.role().dbValue() + "; done.");
        }
    }

    private static void createRoles(DataSource admin) throws SQLException {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN"
                    + " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'storesync_owner') THEN"
                    + "   CREATE ROLE storesync_owner LOGIN PASSWORD 'owner-demo'; END IF;"
                    + " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'storesync_app') THEN"
                    + "   CREATE ROLE storesync_app LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD 'app-demo'; END IF;"
                    + " END $$");
            s.execute("GRANT CREATE ON DATABASE " + c.getCatalog() + " TO storesync_owner");
        }
    }

    private static HikariDataSource pool(String jdbcUrl, String role) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(role);
        config.setPassword(role.equals("storesync_owner") ? "owner-demo" : "app-demo");
        config.setMaximumPoolSize(4);
        config.setPoolName("quickstart-" + role);
        return new HikariDataSource(config);
    }
}
