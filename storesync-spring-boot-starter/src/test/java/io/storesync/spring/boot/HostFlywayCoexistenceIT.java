package io.storesync.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.storesync.StoreSync;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A host with its own Flyway migrations, run by Boot's Flyway auto-configuration with the Flyway version Boot manages
 * (this module's tests run on it): both its migrations and StoreSync's run, each with its own history table, and
 * StoreSync starts after both. StoreSync migrates a fresh schema here, so every StoreSync migration runs on that Flyway.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class HostFlywayCoexistenceIT {
    private final TestDatabase db;

    HostFlywayCoexistenceIT(TestDatabase db) {
        this.db = db;
    }

    @Test
    void theHostsFlywayMigrationsStillRunBesideStoreSyncsAndStoreSyncStartsAfterBoth() {
        HikariDataSource owner = (HikariDataSource) db.ownerDataSource();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class, StoreSyncAutoConfiguration.class))
                .withBean(DataSource.class, () -> db.newAppPool(4))
                .withPropertyValues(
                        "spring.flyway.url=" + db.jdbcUrl(), "spring.flyway.user=" + owner.getUsername(),
                        "spring.flyway.password=" + owner.getPassword(), "spring.flyway.schemas=host",
                        "spring.flyway.locations=classpath:host/db/migration",
                        "storesync.schema=boot_fresh", "storesync.migration.user=" + owner.getUsername(),
                        "storesync.migration.password=" + owner.getPassword(), "storesync.worker.enabled=false")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed().hasSingleBean(Flyway.class).hasSingleBean(StoreSync.class);
                    // Boot's Flyway did not back off: the host's migration ran, in the host's schema and history
                    assertThat(Hosts.ownerCount(db, "SELECT count(*) FROM host.host_items")).isOne();
                    assertThat(Hosts.ownerCount(db, "SELECT count(*) FROM host.flyway_schema_history WHERE success AND version = '1'")).isOne();
                    // StoreSync's ran too, every one of them on this Flyway, in its own history table
                    assertThat(ctx.getBean(StoreSyncMigrator.class).applied()).isGreaterThanOrEqualTo(12);
                    assertThat(Hosts.ownerCount(db, "SELECT count(*) FROM boot_fresh.storesync_schema_history WHERE success AND version IS NOT NULL"))
                            .isEqualTo(ctx.getBean(StoreSyncMigrator.class).applied());
                    assertThat(Flyway.class.getProtectionDomain().getCodeSource().getLocation().toString()).contains("flyway-core-11.");
                    // and StoreSync started after it, as the application role, on the fresh schema
                    assertThat(ctx.getBean(StoreSync.class).platforms()).isNotEmpty();
                });
    }
}
