package io.storesync.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storesync.StoreSync;
import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.MovementType;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.PageRequest;
import io.storesync.jdbi.CrossTenantTransactionException;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.SyncFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A StoreSync call inside the host's Spring transaction joins it: the host's own row and StoreSync's reservation, its
 * ledger row and its stock-change mark commit or roll back as one, and a second tenant in the transaction is refused.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class HostTransactionIT {
    private final TestDatabase db;

    HostTransactionIT(TestDatabase db) {
        this.db = db;
    }

    @BeforeAll
    static void hostTable(TestDatabase db) throws SQLException {
        try (Connection c = db.ownerDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS public.host_orders (id uuid PRIMARY KEY, note text NOT NULL)");
            s.execute("GRANT SELECT, INSERT ON public.host_orders TO " + db.applicationRole());
        }
    }

    private ApplicationContextRunner context() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(StoreSyncAutoConfiguration.class))
                .withBean(DataSource.class, () -> db.newAppPool(4))
                .withUserConfiguration(HostTransactionManager.class)
                .withPropertyValues(Hosts.ownerMigration(db))
                .withPropertyValues("storesync.worker.enabled=false");
    }

    @Configuration(proxyBeanMethods = false)
    static class HostTransactionManager {
        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }
    }

    private record World(SyncFixture.Org org, VariantId variant, LocationId location) {}

    private World world(SyncFixture fx, StoreSync sync, String sku) throws SQLException {
        SyncFixture.Org org = fx.organization(sync);
        VariantId variant = fx.variant(org, sku, 10);
        LocationId location = fx.mainLocation(org);
        // the opening stock marked the variant changed; clear the mark so what follows is the only change
        try (Connection c = db.ownerDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM " + db.schema() + ".stock_changes WHERE organization_id = '" + org.id().value() + "'");
        }
        return new World(org, variant, location);
    }

    private static long reserveMovements(World w) {
        return w.org().owner().inventory().movements(w.variant(), PageRequest.first(50)).items().stream()
                .filter(m -> m.type() == MovementType.RESERVE).count();
    }

    @Test
    void aRolledBackHostTransactionLeavesNoReservationNoLedgerRowAndNoPendingPush() {
        context().run(ctx -> {
            assertThat(ctx).hasNotFailed();
            StoreSync sync = ctx.getBean(StoreSync.class);
            DataSource ds = ctx.getBean(DataSource.class);
            SyncFixture fx = new SyncFixture(db, FakeMarketplace.create(), (p, s) -> StoreSync.builder().dataSource(p).schema(s));
            World w = world(fx, sync, "HOST-RB");
            UUID hostOrder = UUID.randomUUID();
            TransactionTemplate tx = new TransactionTemplate(ctx.getBean(PlatformTransactionManager.class));
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            tx.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO public.host_orders (id, note) VALUES (?, 'host order')", hostOrder);
                String pathBefore = jdbc.queryForObject("SHOW search_path", String.class);
                w.org().owner().inventory().reserve(w.variant(), w.location(), 3, StockContext.note("host order"));
                // inside the host's transaction: StoreSync's reservation is visible to it, the tenant is set for it,
                // and the host's search path is as it was
                assertThat(w.org().owner().inventory().totals(w.variant()).reserved()).isEqualTo(3);
                assertThat(jdbc.queryForObject("SELECT current_setting('storesync.organization_id', true)", String.class))
                        .isEqualTo(w.org().id().value().toString());
                assertThat(jdbc.queryForObject("SHOW search_path", String.class)).isEqualTo(pathBefore);
                status.setRollbackOnly();
            });
            assertThat(Hosts.ownerCount(db, "SELECT count(*) FROM public.host_orders WHERE id = '" + hostOrder + "'")).isZero();
            assertThat(w.org().owner().inventory().totals(w.variant()).reserved()).isZero();
            assertThat(reserveMovements(w)).isZero();
            assertThat(fx.count(w.org().id(), "SELECT count(*) FROM stock_changes")).isZero();
            assertThat(fx.count(w.org().id(), "SELECT count(*) FROM stock_push_pending")).isZero();
            // the pooled connection carries no tenant into its next transaction
            assertThat(jdbc.queryForObject("SELECT coalesce(current_setting('storesync.organization_id', true), '')",
                    String.class)).isEmpty();
        });
    }

    @Test
    void aCommittedHostTransactionKeepsBothTheHostsRowAndTheReservation() {
        context().run(ctx -> {
            StoreSync sync = ctx.getBean(StoreSync.class);
            SyncFixture fx = new SyncFixture(db, FakeMarketplace.create(), (p, s) -> StoreSync.builder().dataSource(p).schema(s));
            World w = world(fx, sync, "HOST-OK");
            UUID hostOrder = UUID.randomUUID();
            JdbcTemplate jdbc = new JdbcTemplate(ctx.getBean(DataSource.class));
            new TransactionTemplate(ctx.getBean(PlatformTransactionManager.class)).executeWithoutResult(status -> {
                jdbc.update("INSERT INTO public.host_orders (id, note) VALUES (?, 'host order')", hostOrder);
                w.org().owner().inventory().reserve(w.variant(), w.location(), 3, StockContext.note("host order"));
            });
            assertThat(Hosts.ownerCount(db, "SELECT count(*) FROM public.host_orders WHERE id = '" + hostOrder + "'")).isOne();
            assertThat(w.org().owner().inventory().totals(w.variant()).reserved()).isEqualTo(3);
            assertThat(reserveMovements(w)).isOne();
            assertThat(fx.count(w.org().id(), "SELECT count(*) FROM stock_changes")).isOne();
        });
    }

    @Test
    void aSecondTenantInOneHostTransactionIsRefusedWithATypedErrorAndNothingOfEitherStays() {
        context().run(ctx -> {
            StoreSync sync = ctx.getBean(StoreSync.class);
            SyncFixture fx = new SyncFixture(db, FakeMarketplace.create(), (p, s) -> StoreSync.builder().dataSource(p).schema(s));
            World a = world(fx, sync, "HOST-A");
            World b = world(fx, sync, "HOST-B");
            TransactionTemplate tx = new TransactionTemplate(ctx.getBean(PlatformTransactionManager.class));
            assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
                a.org().owner().inventory().reserve(a.variant(), a.location(), 2, StockContext.none());
                b.org().owner().inventory().reserve(b.variant(), b.location(), 2, StockContext.none());
            })).isInstanceOf(CrossTenantTransactionException.class)
                    .satisfies(e -> assertThat(((StoreSyncException) e).code()).isEqualTo(ErrorCode.CONFLICT));
            assertThat(a.org().owner().inventory().totals(a.variant()).reserved()).isZero();
            assertThat(b.org().owner().inventory().totals(b.variant()).reserved()).isZero();
            assertThat(reserveMovements(a) + reserveMovements(b)).isZero();
        });
    }

    @Test
    void outsideAHostTransactionEachCallIsItsOwnTransactionAsBefore() {
        context().run(ctx -> {
            StoreSync sync = ctx.getBean(StoreSync.class);
            SyncFixture fx = new SyncFixture(db, FakeMarketplace.create(), (p, s) -> StoreSync.builder().dataSource(p).schema(s));
            World a = world(fx, sync, "HOST-NONE");
            World b = world(fx, sync, "HOST-NONE2");
            // two tenants one after the other, no host transaction: both fine
            a.org().owner().inventory().reserve(a.variant(), a.location(), 1, StockContext.none());
            b.org().owner().inventory().reserve(b.variant(), b.location(), 1, StockContext.none());
            assertThat(a.org().owner().inventory().totals(a.variant()).reserved()).isOne();
            assertThat(b.org().owner().inventory().totals(b.variant()).reserved()).isOne();
        });
    }
}
