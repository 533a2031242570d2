package io.storesync.jdbi;

import static io.storesync.testkit.tck.Snapshots.line;
import static io.storesync.testkit.tck.Snapshots.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.StoreSync;
import io.storesync.api.AccessDeniedException;
import io.storesync.api.Actor;
import io.storesync.api.PageRequest;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.Tenant;
import io.storesync.api.ValidationException;
import io.storesync.api.catalogue.Catalogue;
import io.storesync.api.catalogue.ListingId;
import io.storesync.api.catalogue.ListingPrice;
import io.storesync.api.catalogue.Listings;
import io.storesync.api.catalogue.NewProduct;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.Inventory;
import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.Locations;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobType;
import io.storesync.api.job.Jobs;
import io.storesync.api.job.NewJob;
import io.storesync.api.job.Workers;
import io.storesync.api.order.DailySales;
import io.storesync.api.order.Orders;
import io.storesync.api.organization.Members;
import io.storesync.api.organization.NewMember;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.organization.Role;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.Platform;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreId;
import io.storesync.api.store.StoreSettings;
import io.storesync.api.store.Stores;
import io.storesync.api.webhook.Webhooks;
import io.storesync.internal.jdbi.JdbiPersistenceProvider;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.JobQueueCompatibilityKit;
import io.storesync.testkit.tck.Shop;
import io.storesync.testkit.tck.Snapshots;
import io.storesync.testkit.tck.Sql;
import io.storesync.testkit.tck.StoreSyncCompatibilityKit;
import io.storesync.testkit.tck.SyncFixture;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 10's resilience items that need PostgreSQL, each through the application role where the engine uses it. */
@ExtendWith(StoreSyncDatabaseExtension.class)
class ResilienceIT {
    private final TestDatabase db;
    private final StoreSync sync;

    ResilienceIT(TestDatabase db) {
        this.db = db;
        this.sync = db.storeSync();
    }

    private record Org(OrganizationId id, Tenant owner, UserId ownerId) {}

    private Org organization() {
        UserId owner = UserId.random();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        var org = sync.createOrganization(NewOrganization.of("Org " + tag, "org-" + tag, owner, tag + "@example.com", "Owner"));
        return new Org(org.id(), sync.tenant(org.id(), Actor.user(owner)), owner);
    }

    // ------------------------------------------------------------------------------------------ item 15: reaper

    @Test
    void aReapedJobWaitsBeforeItsNextRunInsteadOfBeingClaimedAtOnce() throws SQLException {
        Org org = organization();
        Job job = org.owner().jobs().enqueue(NewJob.of(JobType.NO_OP, null));
        try (Connection owner = Sql.tenant(db.ownerDataSource(), db.schema(), org.id().value())) {
            // a worker claimed it and died: running, lease long expired
            Sql.exec(owner, "UPDATE sync_jobs SET status = 'running', attempt = 1, lease_owner = 'dead-worker',"
                    + " lease_expires_at = now() - interval '1 minute', lease_token = gen_random_uuid() WHERE id = ?",
                    job.id().value());
            owner.commit();
        }
        try (Connection app = db.appDataSource().getConnection()) {
            app.setAutoCommit(true);
            Sql.exec(app, "SELECT set_config('search_path', ?, false)", db.schema());
            assertThat(Sql.scalar(app, "SELECT reap_sync_jobs(1000)")).isGreaterThanOrEqualTo(1);
        }
        try (Connection owner = Sql.tenant(db.ownerDataSource(), db.schema(), org.id().value())) {
            assertThat(Sql.scalar(owner, "SELECT count(*) FROM sync_jobs WHERE id = ? AND status = 'retrying'"
                    + " AND run_at > now() + interval '3 seconds'", job.id().value())).isEqualTo(1);
            owner.rollback();
        }
    }

    // ------------------------------------------------------------------------------------------ item 18: price push

    private Shop shop() {
        return new Shop(StoreSyncCompatibilityKit.withFakeMarketplaces(db.storeSyncBuilder()).build(), db.appDataSource(),
                db.schema());
    }

    @Test
    void changingAPriceQueuesOneDeduplicatedPricePushForTheStore() throws SQLException {
        Shop shop = shop();
        StoreId store = shop.store(Platform.SHOPEE, false);
        VariantId a = shop.variant("PRICE-A");
        VariantId b = shop.variant("PRICE-B");
        shop.listing(store, a, "2001", null);
        shop.listing(store, b, "2002", null);
        Listings listings = shop.member().listings();
        ListingId la = listings.findOnStore(store, "2001", null).orElseThrow().id();
        ListingId lb = listings.findOnStore(store, "2002", null).orElseThrow().id();
        String waitingPushes = "SELECT count(*) FROM sync_jobs WHERE store_id = ? AND job_type = 'price.push'"
                + " AND status IN ('pending', 'retrying')";
        assertThat(shop.scalar(waitingPushes, store.value())).isZero();

        listings.changePrice(la, ListingPrice.of(new BigDecimal("12.50")));
        listings.changePrice(lb, ListingPrice.of(new BigDecimal("13.50")));

        assertThat(shop.scalar(waitingPushes, store.value())).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------ item 12: restockOnReturn

    @Test
    void restockOnReturnSetThroughTheStoresApiRestocksAShippedOrderThatComesBack() throws SQLException {
        Shop shop = shop();
        StoreId store = shop.store(Platform.SHOPEE, false);
        Stores stores = shop.owner().stores();
        Store updated = stores.updateSettings(store, stores.find(store).orElseThrow().settings().withRestockOnReturn(true));
        assertThat(updated.settings().restockOnReturn()).isTrue();
        assertThat(stores.find(store).orElseThrow().settings().restockOnReturn()).isTrue();

        VariantId kopi = shop.variant("RESTOCK");
        shop.listing(store, kopi, "3001", null);
        Location main = shop.location("Main");
        Inventory inventory = shop.member().inventory();
        inventory.receive(kopi, main.id(), 10, StockContext.none());
        Orders orders = shop.storeSync.tenant(shop.org.id(), Actor.system("order-poll")).orders();
        var lines = List.of(line("a", "3001", null, "RESTOCK", 4));
        orders.ingest(order(store, Platform.SHOPEE, "R1", "SHIPPED", 0, lines));
        assertThat(inventory.level(kopi, main.id()).onHand()).isEqualTo(6);
        orders.ingest(order(store, Platform.SHOPEE, "R1", "CANCELLED", 5, lines));
        assertThat(inventory.level(kopi, main.id()).onHand()).isEqualTo(10);
    }

    // ------------------------------------------------------------------------------------------ item 11: dailySales zones

    @Test
    void dailySalesCountsAnOrderOnItsLocalDayForAnOffsetAndForARegion() throws SQLException {
        Shop shop = shop();
        StoreId store = shop.store(Platform.SHOPEE, false);
        VariantId kopi = shop.variant("ZONE");
        shop.listing(store, kopi, "4001", null);
        shop.member().inventory().receive(kopi, shop.location("Main").id(), 10, StockContext.none());
        Orders orders = shop.storeSync.tenant(shop.org.id(), Actor.system("order-poll")).orders();
        // placed at 03:00 UTC on 20 November: 10:00 the same day in Jakarta (+07:00)
        orders.ingest(order(store, Platform.SHOPEE, "Z1", "READY_TO_SHIP", 0, List.of(line("a", "4001", null, "ZONE", 1))));
        LocalDate day = LocalDate.of(2026, 11, 20);
        assertThat(Snapshots.T0).isEqualTo(Instant.parse("2026-11-20T03:00:00Z"));
        for (ZoneId zone : List.of(ZoneOffset.ofHours(7), ZoneId.of("Asia/Jakarta"), ZoneId.of("UTC+07:00"),
                ZoneOffset.ofHoursMinutes(-2, -30))) {
            LocalDate local = Snapshots.T0.atZone(zone).toLocalDate();
            assertThat(shop.owner().orders().dailySales(day.minusDays(1), day.plusDays(1), zone))
                    .as("zone %s", zone).extracting(DailySales::day).containsExactly(local);
        }
        assertThat(Snapshots.T0.atZone(ZoneOffset.ofHours(7)).toLocalDate()).isEqualTo(day);
    }

    // ------------------------------------------------------------------------------------------ item 9: refused pushes

    @Test
    @SuppressWarnings("try") // the workers' handle only scopes their lifetime
    void aRefusedStockPushKeepsItsMarkWithTheReasonAndALaterPushRetriesIt() throws Exception {
        FakeMarketplace fake = FakeMarketplace.create();
        SyncFixture fx = new SyncFixture(db, fake,
                (pool, schema) -> StoreSync.builder().dataSource(pool).schema(schema).persistence(new JdbiPersistenceProvider()));
        StoreSync pushing = fx.storeSync(db.appDataSource(), StoreSyncListener.NONE);
        SyncFixture.Org org = fx.organization(pushing);
        Store store = fx.store(org, "refuse-1", StoreSettings.DEFAULTS);
        fx.quiet(org, store);
        VariantId good = fx.variant(org, "GOOD", 5);
        VariantId bad = fx.variant(org, "BAD", 7);
        fx.listing(org, store.id(), good, "P-GOOD");
        fx.listing(org, store.id(), bad, "P-BAD");
        fake.refuseStock("P-BAD", "listing is locked for review");

        try (Workers w = pushing.startWorkers(JobQueueCompatibilityKit.fast(1))) {
            SyncFixture.await("the good listing pushed", Duration.ofSeconds(20),
                    () -> fake.lastPushed("refuse-1", "P-GOOD").isPresent());
            SyncFixture.await("the push job done", Duration.ofSeconds(20), SyncFixture.sql(() -> fx.count(org.id(),
                    "SELECT count(*) FROM sync_jobs WHERE job_type = 'stock.push' AND status IN ('pending', 'retrying', 'running')") == 0));
        }
        assertThat(fake.lastPushed("refuse-1", "P-BAD")).isEmpty();
        assertThat(fx.count(org.id(), "SELECT count(*) FROM stock_push_pending WHERE store_id = ? AND product_variant_id = ?",
                store.id().value(), bad.value())).isEqualTo(1);
        assertThat(fx.count(org.id(), "SELECT count(*) FROM stock_push_pending WHERE store_id = ? AND product_variant_id = ?",
                store.id().value(), good.value())).isZero();
        assertThat(fx.count(org.id(), "SELECT count(*) FROM listing_sync_state s JOIN store_product_mappings m"
                + " ON m.organization_id = s.organization_id AND m.id = s.store_product_mapping_id"
                + " WHERE m.platform_product_id = 'P-BAD' AND s.last_error = 'listing is locked for review'")).isEqualTo(1);

        // the platform unlocks the listing; the next push, whatever queued it, retries the refused one
        fake.acceptStock("P-BAD");
        org.owner().jobs().enqueue(NewJob.deduplicated(JobType.STOCK_PUSH, store.id()));
        try (Workers w = pushing.startWorkers(JobQueueCompatibilityKit.fast(1))) {
            SyncFixture.await("the refused listing pushed again", Duration.ofSeconds(20),
                    () -> fake.lastPushed("refuse-1", "P-BAD").isPresent());
        }
        assertThat(fake.lastPushed("refuse-1", "P-BAD")).contains(7);
    }

    // ------------------------------------------------------------------------------------------ item 13: cached roles

    @Test
    void aHandleMadeBeforeADemotionOrDeactivationLosesTheRightsAtItsNextCall() {
        Org org = organization();
        UserId adminId = UserId.random();
        UserId memberId = UserId.random();
        org.owner().members().add(new NewMember(adminId, "admin@example.com", null, Role.ADMIN));
        org.owner().members().add(new NewMember(memberId, "member@example.com", null, Role.MEMBER));
        Tenant admin = sync.tenant(org.id(), Actor.user(adminId));
        Tenant member = sync.tenant(org.id(), Actor.user(memberId));
        admin.locations().create(NewLocation.named("Before"));
        member.catalogue().createProduct(NewProduct.of("BEFORE", "Before"));

        org.owner().members().changeRole(adminId, Role.VIEWER);
        org.owner().members().deactivate(memberId);

        assertThatThrownBy(() -> admin.locations().create(NewLocation.named("After")))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("viewer");
        assertThatThrownBy(() -> admin.catalogue().createProduct(NewProduct.of("AFTER-A", "After")))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(admin.locations().list()).extracting(l -> l.name()).contains("Before");
        assertThatThrownBy(() -> member.catalogue().createProduct(NewProduct.of("AFTER-M", "After")))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("deactivated");
        assertThatThrownBy(() -> member.locations().list()).isInstanceOf(AccessDeniedException.class);
        assertThat(org.owner().catalogue().findVariantsBySku("AFTER-A")).isEmpty();
    }

    // ------------------------------------------------------------------------------------------ item 23: nulls

    /** A harmless value of {@code type} so that only the argument under test is null; null when there is none. */
    private static @Nullable Object sample(Class<?> type) {
        if (type == int.class) return 1;
        if (type == long.class) return 1L;
        if (type == boolean.class) return false;
        if (type == String.class) return "x";
        if (type == PageRequest.class) return PageRequest.first(10);
        if (type == StockContext.class) return StockContext.none();
        if (type == LocalDate.class) return LocalDate.of(2026, 1, 1);
        if (type == ZoneId.class) return ZoneOffset.UTC;
        if (type == Instant.class) return Instant.now();
        if (type == Duration.class) return Duration.ofMinutes(1);
        if (type == List.class) return List.of();
        if (type == Map.class) return Map.of();
        if (type == java.util.Set.class) return java.util.Set.of();
        if (type.isRecord() && type.getRecordComponents().length == 1 && type.getRecordComponents()[0].getType() == UUID.class) {
            try {
                return type.getDeclaredConstructor(UUID.class).newInstance(UUID.randomUUID());
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        return null;
    }

    @Test
    void everyServiceMethodRefusesANullArgumentWithAValidationExceptionNamingIt() {
        Tenant owner = organization().owner();
        Map<Class<?>, Object> services = new LinkedHashMap<>();
        services.put(Catalogue.class, owner.catalogue());
        services.put(Listings.class, owner.listings());
        services.put(Inventory.class, owner.inventory());
        services.put(Locations.class, owner.locations());
        services.put(Orders.class, owner.orders());
        services.put(Stores.class, owner.stores());
        services.put(Jobs.class, owner.jobs());
        services.put(Members.class, owner.members());
        services.put(Webhooks.class, owner.webhooks());
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (var service : services.entrySet()) {
            for (Method m : service.getKey().getMethods()) {
                if (java.lang.reflect.Modifier.isStatic(m.getModifiers())) continue;
                Class<?>[] types = m.getParameterTypes();
                AnnotatedType[] annotated = m.getAnnotatedParameterTypes();
                for (int i = 0; i < types.length; i++) {
                    if (types[i].isPrimitive() || annotated[i].isAnnotationPresent(Nullable.class)) continue;
                    Object[] args = new Object[types.length];
                    for (int j = 0; j < types.length; j++) args[j] = j == i ? null : sample(types[j]);
                    String call = service.getKey().getSimpleName() + "." + m.getName() + " with " + m.getParameters()[i].getName()
                            + " (" + types[i].getSimpleName() + ") null";
                    calls++;
                    try {
                        m.invoke(service.getValue(), args);
                        wrong.add(call + ": no exception");
                    } catch (InvocationTargetException e) {
                        Throwable t = e.getCause();
                        if (!(t instanceof ValidationException)) {
                            wrong.add(call + ": " + t.getClass().getSimpleName() + " " + t.getMessage());
                        } else if (t.getMessage() == null || !t.getMessage().contains("required")) {
                            wrong.add(call + ": message " + t.getMessage());
                        }
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
        assertThat(calls).isGreaterThan(36);
        assertThat(wrong).isEmpty();
    }

    // ------------------------------------------------------------------------------------------ item 8: LISTEN

    @Test
    @SuppressWarnings("try") // the workers' handle only scopes their lifetime
    void theListenConnectionGoesBackToThePoolNoLongerListening() throws Exception {
        int size = 4;
        DataSource pool = db.newAppPool(size);
        StoreSync listening = StoreSync.builder().dataSource(pool).schema(db.schema())
                .persistence(new JdbiPersistenceProvider()).build();
        try (Workers w = listening.startWorkers(JobQueueCompatibilityKit.fast(1))) {
            Thread.sleep(1500); // the listener takes its connection and subscribes when the workers start
        }
        // every physical connection of the pool, held at once: none may still be subscribed
        List<Connection> all = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) all.add(pool.getConnection());
            for (Connection c : all) {
                assertThat(Sql.scalar(c, "SELECT count(*) FROM pg_listening_channels()")).isZero();
            }
        } finally {
            for (Connection c : all) c.close();
        }
    }
}
