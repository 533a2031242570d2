package io.storesync.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.Secret;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.ListingId;
import io.storesync.api.catalogue.NewListing;
import io.storesync.api.catalogue.NewProduct;
import io.storesync.api.catalogue.NewVariant;
import io.storesync.api.catalogue.Product;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.inventory.StockTotals;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobStatus;
import io.storesync.api.order.OrderLineSnapshot;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.order.OrderStatus;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreId;
import io.storesync.api.store.StoreSettings;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * Organizations, stores, variants, listings, stock and orders for the sync ITs, made through the public API so the
 * engine sees exactly what a host's calls produce (every stock change marks its variant for propagation). Plain SQL
 * is left only for inspecting raw state and for moving a store's schedules, which no API does.
 */
public final class SyncFixture {
    public static final String ACCESS_TOKEN = "tok-live-9f8e7d6c5b4a";
    public static final CredentialKeys KEYS = CredentialKeys.single("k1", Secret.ofBytes(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}));

    public final TestDatabase db;
    public final FakeMarketplace fake;
    private final BiFunction<DataSource, String, StoreSync.Builder> implementation;

    public SyncFixture(TestDatabase db, FakeMarketplace fake, BiFunction<DataSource, String, StoreSync.Builder> implementation) {
        this.db = db;
        this.fake = fake;
        this.implementation = implementation;
    }

    /** The implementation under test on {@code pool}, with the fake marketplace's connector and {@code listener}. */
    public StoreSync storeSync(DataSource pool, StoreSyncListener listener) {
        return implementation.apply(pool, db.schema()).credentialKeys(KEYS)
                .connector(fake.provider()).listener(listener).build();
    }

    /** A custom-website order snapshot, as the fake marketplace serves it, with no lines. */
    public static OrderSnapshot order(StoreId store, String id, Instant updated) {
        return new OrderSnapshot(store, id, id, "awaiting_shipment", OrderStatus.AWAITING_SHIPMENT, null, null,
                BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("12.00"), "IDR", Map.of(),
                List.of(), null, updated, updated, Map.of(), List.of());
    }

    public record Org(OrganizationId id, Tenant owner) {}

    public Org organization(StoreSync storeSync) {
        UserId owner = UserId.random();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Organization org = storeSync.createOrganization(NewOrganization.of("Org " + tag, "org-" + tag, owner, tag + "@example.com", "Owner"));
        return new Org(org.id(), storeSync.tenant(org.id(), Actor.user(owner)));
    }

    public Store store(Org org, String platformStoreId, StoreSettings settings) {
        return org.owner().stores().connect(new NewStore(fake.platform(), "Shop " + platformStoreId, platformStoreId,
                StoreCredentials.of(Secret.of(ACCESS_TOKEN), Secret.of("refresh-" + ACCESS_TOKEN),
                        Instant.now().plus(Duration.ofDays(30))), settings));
    }

    /**
     * Takes a store out of the background: cancels the jobs queued on connecting through the jobs API and moves its
     * schedules a day out, so a test sees only the jobs it enqueues itself. No API moves a store's schedules, so that
     * part is plain SQL.
     */
    public void quiet(Org org, Store store) throws SQLException {
        for (Page<Job> page = org.owner().jobs().list(PageRequest.first(100)); ; page = org.owner().jobs().list(page.next().orElseThrow())) {
            for (Job job : page.items()) {
                if (store.id().equals(job.storeId()) && job.status() == JobStatus.PENDING) org.owner().jobs().cancel(job.id());
            }
            if (!page.hasNext()) break;
        }
        try (Connection c = tenant(org.id())) {
            Sql.exec(c, "UPDATE store_sync_state SET next_order_poll_at = now() + interval '1 day',"
                    + " next_catalog_reconcile_at = now() + interval '1 day' WHERE store_id = ?", store.id().value());
            c.commit();
        }
    }

    /** The organization's default location, created ("Main") through the locations API when it has none. */
    public LocationId mainLocation(Org org) {
        return org.owner().locations().list().stream().filter(Location::isDefault).findFirst()
                .orElseGet(() -> org.owner().locations().create(NewLocation.named("Main"))).id();
    }

    /**
     * A product with one variant, made through the catalogue, and {@code onHand} units received at the default
     * location through the inventory API. Receiving marks the variant changed, as any stock change does, so the
     * first workers to start push it to the stores listing it by then.
     */
    public VariantId variant(Org org, String sku, int onHand) {
        Product product = org.owner().catalogue().createProduct(NewProduct.of(sku, "Product " + sku));
        VariantId variant = org.owner().catalogue().addVariant(product.id(), NewVariant.of(sku)).id();
        if (onHand > 0) org.owner().inventory().receive(variant, mainLocation(org), onHand, StockContext.note("opening stock"));
        return variant;
    }

    /** Maps a variant to a store listing (platform product id, no platform variant) through the listings API. */
    public ListingId listing(Org org, StoreId store, VariantId variant, String platformProductId) {
        return org.owner().listings().link(new NewListing(variant, store, platformProductId, null, platformProductId,
                new BigDecimal("10.00"), null)).id();
    }

    /** Reserves units at the default location through the inventory API (which marks the variant changed). */
    void reserve(Org org, VariantId variant, int units) {
        org.owner().inventory().reserve(variant, mainLocation(org), units, StockContext.none());
    }

    /** Available units over every location, from the inventory API. */
    public static int available(Org org, VariantId variant) {
        StockTotals totals = org.owner().inventory().totals(variant);
        return totals.onHand() - totals.reserved();
    }

    /**
     * An order of {@code quantity} units as a platform reports it: one line whose platform product id is a store
     * listing's, and no SKU, so that ingestion maps it through the listing and nothing else.
     */
    public static OrderSnapshot order(StoreId store, String orderId, String platformProductId, int quantity, Instant updated) {
        BigDecimal price = new BigDecimal("10.00");
        BigDecimal total = price.multiply(BigDecimal.valueOf(quantity));
        return new OrderSnapshot(store, orderId, orderId, "awaiting_shipment", OrderStatus.AWAITING_SHIPMENT, null, null,
                total, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, total, "IDR", Map.of(), List.of(), null, updated,
                updated, Map.of(), List.of(new OrderLineSnapshot(orderId + "-1", platformProductId, null, null, "Item " + platformProductId,
                        quantity, price, total)));
    }

    /** A count in a tenant transaction as the application role. */
    public long count(OrganizationId org, String sql, Object... args) throws SQLException {
        try (Connection c = tenant(org)) {
            long n = Sql.scalar(c, sql, args);
            c.commit();
            return n;
        }
    }

    /** A count as the schema owner, which sees every tenant's queue rows (the queue functions' policy). */
    long ownerCount(String sql, Object... args) throws SQLException {
        try (Connection c = db.ownerDataSource().getConnection()) {
            Sql.exec(c, "SET search_path = " + db.schema());
            return Sql.scalar(c, sql, args);
        }
    }

    public Connection tenant(OrganizationId org) throws SQLException {
        return Sql.tenant(db.appDataSource(), db.schema(), org.value());
    }


    /** Polls {@code condition} every 20 ms until it holds or {@code timeout} passes. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
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

    public interface SqlCheck {
        boolean test() throws SQLException;
    }

    public static BooleanSupplier sql(SqlCheck check) {
        return () -> {
            try {
                return check.test();
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        };
    }
}
