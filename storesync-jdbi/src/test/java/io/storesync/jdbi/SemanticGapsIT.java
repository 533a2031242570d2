package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.StoreSync;
import io.storesync.api.ConflictException;
import io.storesync.api.PageRequest;
import io.storesync.api.StoreSyncException;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.inventory.StockLevel;
import io.storesync.api.order.Order;
import io.storesync.api.order.OrderLineSnapshot;
import io.storesync.api.order.OrderQuery;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.order.OrderStatus;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreId;
import io.storesync.api.store.StoreSettings;
import io.storesync.internal.jdbi.JdbiPersistenceProvider;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.SyncFixture;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 10 item 26: small semantic gaps of stock, locations and order search, through the public API. */
@ExtendWith(StoreSyncDatabaseExtension.class)
class SemanticGapsIT {
    private final StoreSync sync;
    private final SyncFixture fx;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    SemanticGapsIT(TestDatabase db) {
        this.fx = new SyncFixture(db, FakeMarketplace.create(),
                (ds, schema) -> StoreSync.builder().dataSource(ds).schema(schema).persistence(new JdbiPersistenceProvider()));
        this.sync = db.storeSyncBuilder().credentialKeys(SyncFixture.KEYS).connector(fx.fake.provider()).build();
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aPositiveAdjustAtAnInactiveLocationIsRefusedAndAddsNothing() {
        SyncFixture.Org org = fx.organization(sync);
        VariantId v = fx.variant(org, "ADJ-1", 5);
        LocationId second = org.owner().locations().create(NewLocation.named("Back room")).id();
        org.owner().locations().deactivate(second);

        assertThatThrownBy(() -> org.owner().inventory().adjust(v, second, 7, StockContext.note("found a box")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("inactive");
        assertThat(org.owner().inventory().level(v, second).onHand()).isZero();
        assertThat(org.owner().inventory().movements(v, PageRequest.first(50)).items()).hasSize(1); // the opening receive
    }

    @Test
    void orderSearchMatchesCustomerValuesNotJsonKeysOrSyntax() {
        SyncFixture.Org org = fx.organization(sync);
        Store store = fx.store(org, "search-1", StoreSettings.DEFAULTS);
        Instant t = Instant.now().minusSeconds(60);
        org.owner().orders().ingestAll(List.of(
                order(store.id(), "S-1", Map.of("name", "Budi", "email", "budi@example.com"), t),
                order(store.id(), "S-2", Map.of("name", "Sari", "phone", "0812", "address", Map.of("city", "Bandung")), t)));

        assertThat(search(org, "email")).isEmpty();
        assertThat(search(org, "\": \"")).isEmpty();
        assertThat(search(org, "name")).isEmpty();
        assertThat(search(org, "{")).isEmpty();
        assertThat(search(org, "budi@example")).containsExactly("S-1");
        assertThat(search(org, "bandung")).containsExactly("S-2");
        assertThat(search(org, "0812")).containsExactly("S-2");
    }

    private static List<String> search(SyncFixture.Org org, String text) {
        return org.owner().orders().search(new OrderQuery(null, null, null, null, text), PageRequest.first(50)).items()
                .stream().map(Order::platformOrderId).sorted().toList();
    }

    private static OrderSnapshot order(StoreId store, String id, Map<String, Object> customer, Instant t) {
        BigDecimal price = new BigDecimal("10.00");
        return new OrderSnapshot(store, id, id, "UNPAID", OrderStatus.UNPAID, null, null, price, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, price, "IDR", customer, List.of(), null, t, t, Map.of(),
                List.of(new OrderLineSnapshot(id + "-1", null, null, "NONE", "Item", 1, price, price)));
    }

    @Test
    void anOrganizationsFirstTwoLocationsCreatedAtOnceBothSucceedWithOneDefault() throws Exception {
        for (int round = 0; round < 8; round++) {
            SyncFixture.Org org = fx.organization(sync);
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<Location>> made = new ArrayList<>();
            for (String name : List.of("North", "South")) {
                made.add(pool.submit(() -> {
                    start.await();
                    return org.owner().locations().create(NewLocation.named(name));
                }));
            }
            for (Future<Location> f : made) f.get();
            List<Location> locations = org.owner().locations().list();
            assertThat(locations).hasSize(2);
            assertThat(locations).filteredOn(Location::isDefault).hasSize(1);
        }
    }

    @Test
    void deactivatingALocationNeverRacesAReservationIntoInactiveWithUnitsReserved() throws Exception {
        int raced = 0;
        for (int round = 0; round < 30; round++) {
            SyncFixture.Org org = fx.organization(sync);
            VariantId v = fx.variant(org, "RACE-" + round, 0);
            LocationId second = org.owner().locations().create(NewLocation.named("Second")).id();
            org.owner().inventory().receive(v, second, 10, StockContext.none());
            CyclicBarrier start = new CyclicBarrier(2);
            Callable<Object> reserve = () -> {
                start.await();
                return org.owner().inventory().reserve(v, second, 3, StockContext.none());
            };
            Callable<Object> deactivate = () -> {
                start.await();
                return org.owner().locations().deactivate(second);
            };
            Future<Object> r = pool.submit(reserve);
            Future<Object> d = pool.submit(deactivate);
            boolean reserved = succeeded(r);
            boolean deactivated = succeeded(d);
            if (reserved && deactivated) raced++;
            Location after = org.owner().locations().find(second).orElseThrow();
            StockLevel level = org.owner().inventory().level(v, second);
            assertThat(!after.active() && level.reserved() > 0)
                    .as("round %d: inactive with %d reserved", round, level.reserved()).isFalse();
            assertThat(reserved || deactivated).isTrue();
        }
        assertThat(raced).isZero();
    }

    /**
     * The same race made certain: the deactivation is held for half a second between counting the reserved units
     * and marking the location inactive (its UPDATE is delayed on the way to the database), and the reservation runs
     * inside that window. Without the lock taken before the count the reservation committed there and the location
     * ended inactive with 3 units reserved; with it the reservation waits and is refused.
     */
    @Test
    void aReservationInsideTheDeactivationsWindowCannotLeaveTheLocationInactiveWithUnitsReserved(TestDatabase db) throws Exception {
        CountDownLatch counted = new CountDownLatch(1);
        StoreSync slow = db.storeSyncBuilder().dataSource(delayingDeactivation(db.appDataSource(), counted)).build();
        SyncFixture.Org org = fx.organization(slow);
        VariantId v = fx.variant(org, "WINDOW", 1); // also makes the default location, which cannot be deactivated
        LocationId second = org.owner().locations().create(NewLocation.named("Second")).id();
        org.owner().inventory().receive(v, second, 10, StockContext.none());
        Future<Object> d = pool.submit(() -> org.owner().locations().deactivate(second));
        for (long until = System.nanoTime() + 20_000_000_000L; counted.getCount() > 0 && !d.isDone() && System.nanoTime() < until; ) {
            Thread.sleep(10);
        }
        if (counted.getCount() > 0 && d.isDone()) d.get(); // the deactivation ended before its update: show why
        assertThat(counted.getCount()).as("the deactivation reached its update").isZero();
        boolean reserved = succeeded(pool.submit(() -> org.owner().inventory().reserve(v, second, 3, StockContext.none())));
        boolean deactivated = succeeded(d);
        Location after = org.owner().locations().find(second).orElseThrow();
        assertThat(!after.active() && org.owner().inventory().level(v, second).reserved() > 0)
                .as("inactive with %d reserved", org.owner().inventory().level(v, second).reserved()).isFalse();
        assertThat(deactivated && !reserved).isTrue();
    }

    /** {@code pool}, whose connections hold a location's deactivating UPDATE for 500 ms after signalling. */
    private static javax.sql.DataSource delayingDeactivation(javax.sql.DataSource pool, CountDownLatch counted) {
        ClassLoader loader = SemanticGapsIT.class.getClassLoader();
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(loader, new Class<?>[] {javax.sql.DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(pool, method, args);
                    if (!(result instanceof java.sql.Connection c)) return result;
                    return java.lang.reflect.Proxy.newProxyInstance(loader, new Class<?>[] {java.sql.Connection.class}, (p, m, a) -> {
                        if (m.getName().startsWith("prepare") && a != null && a[0] instanceof String sql
                                && sql.startsWith("UPDATE inventory_locations SET is_active")) {
                            counted.countDown();
                            Thread.sleep(500);
                        }
                        return invoke(c, m, a);
                    });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Whether the call succeeded; the typed refusals of the race (conflict, short of stock) are a failure. */
    private static boolean succeeded(Future<Object> f) throws InterruptedException {
        try {
            f.get();
            return true;
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(StoreSyncException.class);
            assertThat(((StoreSyncException) e.getCause()).code()).isNotEqualTo(io.storesync.api.ErrorCode.INTERNAL);
            return false;
        }
    }
}
