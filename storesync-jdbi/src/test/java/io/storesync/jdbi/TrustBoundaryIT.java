package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import io.storesync.StoreSync;
import io.storesync.api.AccessDeniedException;
import io.storesync.api.Actor;
import io.storesync.api.ConflictException;
import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import io.storesync.api.TenantMissingException;
import io.storesync.api.ValidationException;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.organization.NewMember;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.organization.Role;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.StoreId;
import io.storesync.internal.jdbi.SqlErrors;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.Shop;
import io.storesync.testkit.tck.Sql;
import io.storesync.testkit.tck.StoreSyncCompatibilityKit;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The trust boundary as the application role sees it (issue 9 items 1, 4, 5, 7, 8): which pool roles StoreSync
 * refuses, what the grants let the role destroy (nothing the ledger hangs off), what member conflicts and tenant
 * lookups reveal, which jobs a host may enqueue, and that a write with no tenant says so. Every claim is an attempt
 * that fails, counted.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrustBoundaryIT {
    private TestDatabase db;
    private Shop a;
    private Shop b;

    @BeforeAll
    void twoTenantsWithStock(TestDatabase database) throws SQLException {
        db = database;
        StoreSync storeSync = StoreSyncCompatibilityKit.withFakeMarketplaces(db.storeSyncBuilder()).build();
        a = new Shop(storeSync, db.appDataSource(), db.schema());
        b = new Shop(storeSync, db.appDataSource(), db.schema());
        for (Shop shop : List.of(a, b)) {
            Location main = shop.location("Main");
            VariantId kopi = shop.variant("KOPI");
            shop.owner().inventory().receive(kopi, main.id(), 7, StockContext.none());
            shop.owner().inventory().reserve(kopi, main.id(), 2, StockContext.none());
        }
    }

    // ------------------------------------------------------------------------------------------- pool role

    @Test
    void buildRefusesEveryPoolRoleThatBypassesRowLevelSecurity() {
        List<Supplier<DataSource>> unsafe = List.of(
                db::ownerDataSource,                                                  // the owner itself
                () -> db.newPoolAsNewRole("NOSUPERUSER NOBYPASSRLS INHERIT", db.ownerRole()),   // granted the owner
                () -> db.newPoolAsNewRole("NOSUPERUSER NOBYPASSRLS NOINHERIT", db.ownerRole()), // may SET ROLE owner
                () -> db.newPoolAsNewRole("NOSUPERUSER BYPASSRLS"),
                () -> db.newPoolAsNewRole("SUPERUSER"),
                // logs in as a superuser and SET ROLEs to the application role: any SQL can RESET ROLE
                () -> settingRole(db.newPoolAsNewRole("SUPERUSER"), db.applicationRole()));
        int refused = 0;
        for (Supplier<DataSource> pool : unsafe) {
            StoreSyncException e = catchThrowableOfType(StoreSyncException.class,
                    () -> StoreSync.builder().dataSource(pool.get()).schema(db.schema()).build());
            assertThat(e).as("build on an unsafe pool role").isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
            assertThat(e.getMessage()).contains("bypasses row-level security").contains("separate application role");
            refused++;
        }
        assertThat(refused).isEqualTo(6);
    }

    @Test
    void theRefusalSaysWhatIsWrongWithTheRole() {
        assertThatThrownBy(() -> StoreSync.builder().dataSource(db.ownerDataSource()).schema(db.schema()).build())
                .hasMessageContaining(db.ownerRole()).hasMessageContaining("owns schema " + db.schema());
        assertThatThrownBy(() -> StoreSync.builder().dataSource(db.newPoolAsNewRole("BYPASSRLS")).schema(db.schema()).build())
                .hasMessageContaining("BYPASSRLS");
    }

    @Test
    void aSetRolePoolIsJudgedByWhoLoggedInToo() {
        assertThatThrownBy(() -> StoreSync.builder().dataSource(settingRole(db.newPoolAsNewRole("SUPERUSER"),
                        db.applicationRole())).schema(db.schema()).build())
                .hasMessageContaining("the pool connects as role " + db.applicationRole() + " (logged in as ")
                .hasMessageContaining("is a superuser");
    }

    @Test
    void buildAcceptsTheApplicationRole() {
        try (StoreSync storeSync = StoreSync.builder().dataSource(db.appDataSource()).schema(db.schema()).build()) {
            assertThat(storeSync.platforms()).isNotEmpty();
        }
    }

    // ------------------------------------------------------------------------------------------- grants

    @Test
    void ledgerRowsSurviveEveryDeleteAndTruncateTheApplicationRoleAttempts() throws SQLException {
        long ledgerA = a.scalar("SELECT count(*) FROM inventory_transactions");
        long ledgerB = b.scalar("SELECT count(*) FROM inventory_transactions");
        assertThat(ledgerA).isPositive();
        List<String> attempts = new ArrayList<>();
        for (String table : List.of("organizations", "users", "stores", "products", "product_variants",
                "inventory_locations", "inventory_items", "inventory_transactions", "orders", "order_items",
                "webhook_endpoints")) {
            attempts.add("DELETE FROM " + table);
        }
        for (String table : List.of("organizations", "products", "product_variants", "inventory_locations",
                "inventory_items", "inventory_transactions", "sync_jobs", "webhook_events", "stock_changes")) {
            attempts.add("TRUNCATE " + table + " CASCADE");
        }
        attempts.add("UPDATE inventory_transactions SET quantity_change = quantity_change + 1");
        int failed = 0;
        for (UUID tenant : new UUID[] {a.org.id().value(), null}) {
            for (String sql : attempts) {
                try (Connection c = connect(tenant)) {
                    assertThatThrownBy(() -> Sql.exec(c, sql)).as(sql).isInstanceOf(SQLException.class)
                            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(sql).isEqualTo("42501"));
                    failed++;
                    c.rollback();
                }
            }
        }
        assertThat(failed).isEqualTo(2 * attempts.size());
        assertThat(a.scalar("SELECT count(*) FROM inventory_transactions")).isEqualTo(ledgerA);
        assertThat(b.scalar("SELECT count(*) FROM inventory_transactions")).isEqualTo(ledgerB);
        assertThat(a.ledgerProblems()).isEmpty();
        assertThat(b.ledgerProblems()).isEmpty();
    }

    @Test
    void theEnginesOwnDeletesStillWork() throws SQLException {
        // what StoreSync deletes (queue and bookkeeping rows) stays granted
        try (Connection c = connect(a.org.id().value())) {
            for (String table : List.of("sync_jobs", "webhook_events", "stock_changes", "stock_push_pending",
                    "store_product_mappings")) {
                Sql.exec(c, "DELETE FROM " + table + " WHERE false");
            }
            c.rollback();
        }
    }

    // ------------------------------------------------------------------------------------------- missing tenant

    @Test
    void aWriteWithNoTenantSaysTheTenantIsMissing() throws SQLException {
        int refused = 0;
        for (String sql : List.of(
                "INSERT INTO products (organization_id, sku, name) VALUES ('" + a.org.id().value() + "', 'NT-1', 'x')",
                "INSERT INTO organizations (name, slug) VALUES ('x', 'no-tenant-" + UUID.randomUUID() + "')",
                "INSERT INTO inventory_transactions (organization_id, inventory_item_id, transaction_type, quantity_change)"
                        + " VALUES ('" + a.org.id().value() + "', gen_random_uuid(), 'adjust', 1)")) {
            try (Connection c = connect(null)) {
                SQLException e = catchThrowableOfType(SQLException.class, () -> Sql.exec(c, sql));
                assertThat((Throwable) e).as(sql).isNotNull();
                assertThat(e.getSQLState()).as(sql).isEqualTo("P0002");
                assertThat(SqlErrors.translate(e)).as(sql).isInstanceOf(TenantMissingException.class)
                        .hasMessageContaining("no organization is set");
                refused++;
                c.rollback();
            }
        }
        assertThat(refused).isEqualTo(3);
        // with no tenant a read still sees nothing rather than failing
        try (Connection c = connect(null)) {
            assertThat(Sql.scalar(c, "SELECT count(*) FROM products")).isZero();
            c.rollback();
        }
    }

    @Test
    void aWriteIntoAnotherTenantStillSaysItBelongsToAnotherOrganization() throws SQLException {
        try (Connection c = connect(a.org.id().value())) {
            SQLException e = catchThrowableOfType(SQLException.class, () -> Sql.exec(c,
                    "INSERT INTO products (organization_id, sku, name) VALUES (?, 'X-1', 'x')", b.org.id().value()));
            assertThat(SqlErrors.translate(e)).isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("another organization");
            c.rollback();
        }
    }

    // ------------------------------------------------------------------------------------------- members

    @Test
    void memberEmailsAreUniqueWhateverTheirLetterCase() {
        String email = "Ayu." + UUID.randomUUID() + "@Example.test";
        a.owner().members().add(new NewMember(UserId.random(), email, null, Role.MEMBER));
        int refused = 0;
        for (String variant : List.of(email, email.toLowerCase(Locale.ROOT), email.toUpperCase(Locale.ROOT))) {
            assertThatThrownBy(() -> a.owner().members().add(new NewMember(UserId.random(), variant, null, Role.MEMBER)))
                    .isInstanceOf(ConflictException.class);
            refused++;
        }
        assertThat(refused).isEqualTo(3);
    }

    @Test
    void anEmailConflictReadsTheSameWhetherTheMemberIsHereOrInAnotherTenant() {
        String here = "here." + UUID.randomUUID() + "@example.test";
        String elsewhere = "elsewhere." + UUID.randomUUID() + "@example.test";
        a.owner().members().add(new NewMember(UserId.random(), here, null, Role.MEMBER));
        b.owner().members().add(new NewMember(UserId.random(), elsewhere, null, Role.MEMBER));

        ConflictException sameTenant = catchThrowableOfType(ConflictException.class,
                () -> a.owner().members().add(new NewMember(UserId.random(), here.toUpperCase(Locale.ROOT), null, Role.MEMBER)));
        ConflictException otherTenant = catchThrowableOfType(ConflictException.class,
                () -> a.owner().members().add(new NewMember(UserId.random(), elsewhere, null, Role.MEMBER)));
        assertThat(sameTenant.getMessage()).isEqualTo(otherTenant.getMessage())
                .isEqualTo("could not add member: the email cannot be used");
        for (ConflictException e : List.of(sameTenant, otherTenant)) {
            assertThat(e.getCause()).as("the driver's detail quotes the email").isNull();
        }
        // a user id taken in another tenant reads like one taken here
        ConflictException idHere = catchThrowableOfType(ConflictException.class,
                () -> a.owner().members().add(new NewMember(a.memberId, "x." + UUID.randomUUID() + "@example.test", null, Role.MEMBER)));
        ConflictException idElsewhere = catchThrowableOfType(ConflictException.class,
                () -> a.owner().members().add(new NewMember(b.memberId, "y." + UUID.randomUUID() + "@example.test", null, Role.MEMBER)));
        assertThat(idHere.getMessage()).isEqualTo(idElsewhere.getMessage()).doesNotContain(b.memberId.toString());
    }

    @Test
    void aUserCannotTellAnUnknownOrganizationFromOneTheyDoNotBelongTo() {
        UserId stranger = UserId.random();
        OrganizationId unknown = OrganizationId.random();
        AccessDeniedException existing = catchThrowableOfType(AccessDeniedException.class,
                () -> a.storeSync.tenant(b.org.id(), Actor.user(stranger)));
        AccessDeniedException missing = catchThrowableOfType(AccessDeniedException.class,
                () -> a.storeSync.tenant(unknown, Actor.user(stranger)));
        assertThat(existing).isNotNull();
        assertThat(missing).isNotNull();
        assertThat(missing.getMessage().replace(unknown.toString(), "ORG"))
                .isEqualTo(existing.getMessage().replace(b.org.id().toString(), "ORG"));
        // a member of A asking for B gets the same answer as for a made-up id
        assertThatThrownBy(() -> a.storeSync.tenant(b.org.id(), Actor.user(a.ownerId))).isInstanceOf(AccessDeniedException.class);
    }

    // ------------------------------------------------------------------------------------------- enqueue limits

    @Test
    void hostsEnqueueOnlyTheirJobTypesWithinBoundedPriorityAndAttempts() throws SQLException {
        StoreId store = a.store("shopee", false);
        long before = a.scalar("SELECT count(*) FROM sync_jobs");
        List<Runnable> refusedAttempts = List.of(
                () -> a.owner().jobs().enqueue(NewJob.of(JobType.WEBHOOK_PROCESS, store)),
                () -> a.owner().jobs().enqueue(NewJob.of(JobType.RETENTION_PURGE, null)),
                () -> a.owner().jobs().enqueue(NewJob.of(JobType.ORDER_POLL, store).withPriority(0)),
                () -> a.owner().jobs().enqueue(NewJob.of(JobType.ORDER_POLL, store).withPriority(NewJob.DEFAULT_PRIORITY - 1)),
                () -> a.owner().jobs().enqueue(NewJob.of(JobType.ORDER_POLL, store).withMaxAttempts(11)),
                () -> a.owner().jobs().enqueue(NewJob.of(JobType.NO_OP, null).withMaxAttempts(100)),
                // one bad job refuses the whole batch
                () -> a.owner().jobs().enqueueAll(List.of(NewJob.of(JobType.NO_OP, null),
                        NewJob.of(JobType.WEBHOOK_PROCESS, store))),
                // credential refresh is store administration
                () -> a.member().jobs().enqueue(NewJob.of(JobType.CREDENTIAL_REFRESH, store)));
        int refused = 0;
        for (Runnable attempt : refusedAttempts) {
            assertThatThrownBy(attempt::run).isInstanceOfAny(ValidationException.class, AccessDeniedException.class);
            refused++;
        }
        assertThat(refused).isEqualTo(8);
        assertThat(a.scalar("SELECT count(*) FROM sync_jobs")).as("nothing enqueued by a refused call").isEqualTo(before);

        for (JobType type : List.of(JobType.CATALOGUE_IMPORT, JobType.ORDER_POLL, JobType.STOCK_PUSH,
                JobType.STOCK_DRIFT_CHECK, JobType.PRICE_PUSH)) {
            a.member().jobs().enqueue(NewJob.of(type, store).withMaxAttempts(10).withPriority(1000));
        }
        a.member().jobs().enqueue(NewJob.of(JobType.NO_OP, null).withMaxAttempts(1));
        a.owner().jobs().enqueue(NewJob.of(JobType.CREDENTIAL_REFRESH, store));
        assertThat(a.scalar("SELECT count(*) FROM sync_jobs")).isEqualTo(before + 7);
        assertThat(a.scalar("SELECT count(*) FROM sync_jobs WHERE priority < ? AND job_type <> 'credential_refresh'",
                NewJob.DEFAULT_PRIORITY)).isZero();
    }

    // ------------------------------------------------------------------------------------------- helpers

    /** {@code pool}, each connection switched to {@code role} with SET ROLE, as some hosts' init SQL does. */
    private static DataSource settingRole(DataSource pool, String role) {
        return (DataSource) Proxy.newProxyInstance(TrustBoundaryIT.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(pool, args);
                        if (result instanceof Connection c) {
                            try (Statement s = c.createStatement()) {
                                s.execute("SET ROLE " + role);
                            }
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** A transaction as the application role with {@code org} as tenant, or with no tenant at all. */
    private Connection connect(UUID org) throws SQLException {
        if (org != null) return Sql.tenant(db.appDataSource(), db.schema(), org);
        Connection c = db.appDataSource().getConnection();
        c.setAutoCommit(false);
        Sql.exec(c, "SELECT set_config('search_path', ?, true)", db.schema());
        return c;
    }
}
