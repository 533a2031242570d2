package io.storesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.CredentialKeys;
import io.storesync.api.NewOrganization;
import io.storesync.api.NewStore;
import io.storesync.api.Organization;
import io.storesync.api.OrganizationId;
import io.storesync.api.Secret;
import io.storesync.api.Store;
import io.storesync.api.StoreCredentials;
import io.storesync.api.StoreId;
import io.storesync.api.StoreSettings;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.Tenant;
import io.storesync.api.UserId;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * Organizations, stores, variants and stock for the sync ITs. Inventory is changed with plain SQL as the application
 * role inside a tenant transaction, upserting {@code stock_changes} in the same transaction as the inventory
 * service will (switch to the inventory API when it is merged).
 */
final class SyncFixture {
    static final String ACCESS_TOKEN = "tok-live-9f8e7d6c5b4a";
    static final CredentialKeys KEYS = CredentialKeys.single("k1", Secret.ofBytes(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}));

    final TestDatabase db;
    final FakeMarketplace fake;

    SyncFixture(TestDatabase db, FakeMarketplace fake) {
        this.db = db;
        this.fake = fake;
    }

    StoreSync storeSync(DataSource pool, StoreSyncListener listener) {
        return StoreSync.builder().dataSource(pool).schema(db.schema()).credentialKeys(KEYS)
                .connector(fake.provider()).listener(listener).build();
    }

    /** A custom-website order snapshot, as the fake marketplace serves it, with no lines. */
    static io.storesync.api.OrderSnapshot order(io.storesync.api.StoreId store, String id, java.time.Instant updated) {
        return new io.storesync.api.OrderSnapshot(store, id, id, "awaiting_shipment",
                io.storesync.api.OrderStatus.AWAITING_SHIPMENT, null, null, java.math.BigDecimal.TEN,
                java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO, new java.math.BigDecimal("12.00"),
                "IDR", java.util.Map.of(), java.util.List.of(), null, updated, updated, java.util.Map.of(), java.util.List.of());
    }

    record Org(OrganizationId id, Tenant owner) {}

    Org organization(StoreSync storeSync) {
        UserId owner = UserId.random();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Organization org = storeSync.createOrganization(NewOrganization.of("Org " + tag, "org-" + tag, owner, tag + "@example.com", "Owner"));
        return new Org(org.id(), storeSync.tenant(org.id(), Actor.user(owner)));
    }

    Store store(Org org, String platformStoreId, StoreSettings settings) {
        return org.owner().stores().connect(new NewStore(fake.platform(), "Shop " + platformStoreId, platformStoreId,
                StoreCredentials.of(Secret.of(ACCESS_TOKEN), Secret.of("refresh-" + ACCESS_TOKEN),
                        java.time.Instant.now().plus(Duration.ofDays(30))), settings));
    }

    /**
     * Takes a store out of the background: cancels the catalogue import queued on connecting and moves its schedules
     * a day out, so a test sees only the jobs it enqueues itself.
     */
    void quiet(Org org, Store store) throws SQLException {
        try (Connection c = tenant(org.id())) {
            exec(c, "UPDATE sync_jobs SET status = 'cancelled', outcome = 'cancelled' WHERE store_id = ? AND status = 'pending'",
                    store.id().value());
            exec(c, "UPDATE store_sync_state SET next_order_poll_at = now() + interval '1 day',"
                    + " next_catalog_reconcile_at = now() + interval '1 day' WHERE store_id = ?", store.id().value());
            c.commit();
        }
    }

    /** A product with one variant and an inventory item of {@code onHand} units at the default location. */
    UUID variant(OrganizationId org, String sku, int onHand) throws SQLException {
        try (Connection c = tenant(org)) {
            UUID location = one(c, "SELECT id FROM inventory_locations WHERE organization_id = ? AND is_default", org.value());
            if (location == null) {
                location = one(c, "INSERT INTO inventory_locations (organization_id, name, is_default) VALUES (?, 'Main', true) RETURNING id", org.value());
            }
            UUID product = one(c, "INSERT INTO products (organization_id, sku, name) VALUES (?, ?, ?) RETURNING id", org.value(), sku, "Product " + sku);
            UUID variant = one(c, "INSERT INTO product_variants (organization_id, product_id, variant_sku) VALUES (?, ?, ?) RETURNING id",
                    org.value(), product, sku);
            exec(c, "INSERT INTO inventory_items (organization_id, product_variant_id, location_id, quantity_on_hand) VALUES (?, ?, ?, ?)",
                    org.value(), variant, location, onHand);
            c.commit();
            return variant;
        }
    }

    /** Maps a variant to a listing of a store. */
    UUID listing(OrganizationId org, StoreId store, UUID variant, String platformProductId) throws SQLException {
        try (Connection c = tenant(org)) {
            UUID id = one(c, "INSERT INTO store_product_mappings (organization_id, store_id, product_variant_id, platform_product_id,"
                    + " platform_sku, price) VALUES (?, ?, ?, ?, ?, 10.00) RETURNING id", org.value(), store.value(), variant,
                    platformProductId, platformProductId);
            c.commit();
            return id;
        }
    }

    /** What an order does to stock: reserves units, and marks the variant changed in the same transaction. */
    void reserve(OrganizationId org, UUID variant, int units) throws SQLException {
        try (Connection c = tenant(org)) {
            exec(c, "UPDATE inventory_items SET quantity_reserved = quantity_reserved + ? WHERE organization_id = ? AND product_variant_id = ?",
                    units, org.value(), variant);
            exec(c, "INSERT INTO stock_changes (organization_id, product_variant_id) VALUES (?, ?)"
                    + " ON CONFLICT (organization_id, product_variant_id) DO UPDATE SET changed_at = now()", org.value(), variant);
            c.commit();
        }
    }

    /** Sets on hand (a stock count), marking the variant changed. */
    void setOnHand(OrganizationId org, UUID variant, int onHand) throws SQLException {
        try (Connection c = tenant(org)) {
            exec(c, "UPDATE inventory_items SET quantity_on_hand = ? WHERE organization_id = ? AND product_variant_id = ?",
                    onHand, org.value(), variant);
            exec(c, "INSERT INTO stock_changes (organization_id, product_variant_id) VALUES (?, ?)"
                    + " ON CONFLICT (organization_id, product_variant_id) DO UPDATE SET changed_at = now()", org.value(), variant);
            c.commit();
        }
    }

    int available(OrganizationId org, UUID variant) throws SQLException {
        try (Connection c = tenant(org)) {
            long n = count(c, "SELECT coalesce(sum(quantity_on_hand - quantity_reserved), 0) FROM inventory_items WHERE product_variant_id = ?", variant);
            c.commit();
            return (int) n;
        }
    }

    /** A count in a tenant transaction as the application role. */
    long count(OrganizationId org, String sql, Object... args) throws SQLException {
        try (Connection c = tenant(org)) {
            long n = count(c, sql, args);
            c.commit();
            return n;
        }
    }

    /** A count as the schema owner, which sees every tenant's queue rows (the queue functions' policy). */
    long ownerCount(String sql, Object... args) throws SQLException {
        try (Connection c = db.ownerDataSource().getConnection()) {
            exec(c, "SET search_path = " + db.schema());
            return count(c, sql, args);
        }
    }

    Connection tenant(OrganizationId org) throws SQLException {
        Connection c = db.appDataSource().getConnection();
        c.setAutoCommit(false);
        exec(c, "SELECT set_config('search_path', ?, true), set_config('storesync.organization_id', ?, true)",
                db.schema(), org.value().toString());
        return c;
    }

    static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.execute();
        }
    }

    static UUID one(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }

    static long count(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Polls {@code condition} every 20 ms until it holds or {@code timeout} passes. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    interface SqlCheck {
        boolean test() throws SQLException;
    }

    static BooleanSupplier sql(SqlCheck check) {
        return () -> {
            try {
                return check.test();
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        };
    }
}
