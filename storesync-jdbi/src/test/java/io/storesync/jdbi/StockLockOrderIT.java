package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import com.zaxxer.hikari.HikariDataSource;
import io.storesync.StoreSync;
import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import io.storesync.api.catalogue.ProductUpsert;
import io.storesync.api.catalogue.UpsertResult;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.catalogue.VariantUpsert;
import io.storesync.api.inventory.Allocation;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.inventory.StockResult;
import io.storesync.internal.jdbi.JdbiPersistenceProvider;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.SyncFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10 item 20 beyond transfers: ordinary stock and catalogue work from many threads at once, through the public
 * API, takes its locks in one global order, so PostgreSQL never has to break a deadlock. Each scenario runs on a pool
 * of its own whose connections count the deadlock errors the driver throws (StoreSync retries those transactions, so
 * the caller would only see the stall).
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class StockLockOrderIT {
    /** Rounds of the 32-thread mix, each on a fresh organization: 3 x 320 calls. */
    private static final int MIX_ROUNDS = 3;
    private final TestDatabase db;
    private final SyncFixture fx;

    StockLockOrderIT(TestDatabase db) {
        this.db = db;
        this.fx = new SyncFixture(db, FakeMarketplace.create(),
                (ds, schema) -> StoreSync.builder().dataSource(ds).schema(schema).persistence(new JdbiPersistenceProvider()));
    }

    /**
     * Runs {@code work} on a fresh pool of {@code size} and returns how many statements PostgreSQL aborted as
     * deadlock victims (SQLSTATE 40P01): the larger of the count the driver threw (before StoreSync's retry hides them)
     * and the growth of PostgreSQL's own {@code pg_stat_database.deadlocks} for this database.
     */
    private long deadlocksDuring(int size, PoolWork work) throws Exception {
        AtomicInteger deadlocks = new AtomicInteger();
        long before = databaseDeadlocks();
        DataSource pool = db.newAppPool(size);
        try {
            work.run(db.storeSyncBuilder().dataSource(counting(pool, deadlocks)).credentialKeys(SyncFixture.KEYS).build());
        } finally {
            ((HikariDataSource) pool).close();
        }
        // a backend reports its counters when it goes idle or exits, at most once a second: the pool's are closed now
        Thread.sleep(1_500);
        long counted = databaseDeadlocks() - before;
        System.out.println("deadlocks: " + deadlocks.get() + " thrown to StoreSync, " + counted + " in pg_stat_database");
        return Math.max(deadlocks.get(), counted);
    }

    /** PostgreSQL's own count of deadlocks it broke in this test's database, whatever connection was the victim. */
    private long databaseDeadlocks() throws SQLException {
        try (Connection c = db.ownerDataSource().getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
            try (java.sql.ResultSet rs = s.executeQuery("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private interface PoolWork {
        void run(StoreSync sync) throws Exception;
    }

    /** {@code pool}, with every connection and statement it hands out counting the deadlock errors they throw. */
    private static DataSource counting(DataSource pool, AtomicInteger deadlocks) {
        return (DataSource) counted(pool, DataSource.class, deadlocks);
    }

    private static Object counted(Object target, Class<?> type, AtomicInteger deadlocks) {
        return java.lang.reflect.Proxy.newProxyInstance(StockLockOrderIT.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(target, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                            if (t instanceof SQLException sql && "40P01".equals(sql.getSQLState())) {
                                deadlocks.incrementAndGet();
                                System.out.println("deadlock victim: " + sql.getMessage().replace('\n', ' ') + " SQL: "
                                        + (args != null && args.length > 0 && args[0] instanceof String q ? q : String.valueOf(target)));
                                break;
                            }
                        }
                        throw e.getCause();
                    }
                    Class<?> returned = method.getReturnType();
                    if (result != null && returned.isInterface() && (returned == Connection.class
                            || java.sql.Statement.class.isAssignableFrom(returned))) {
                        return counted(result, returned, deadlocks);
                    }
                    return result;
                });
    }

    /** Runs {@code threads} copies of {@code task} at once; returns the failures that are not a typed refusal. */
    private static List<Throwable> concurrently(int threads, TaskN task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int n = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    task.run(n, unexpected);
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get(5, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        return unexpected;
    }

    private interface TaskN {
        void run(int thread, List<Throwable> unexpected) throws Exception;
    }

    /** A typed refusal (short of stock, conflict) is an answer; an internal error is not. */
    private static void expectTyped(Runnable call, List<Throwable> unexpected) {
        try {
            call.run();
        } catch (StoreSyncException e) {
            if (e.code() == ErrorCode.INTERNAL) unexpected.add(e);
        } catch (RuntimeException e) {
            unexpected.add(e);
        }
    }

    @Test
    void reservationsSplitOverTwoLocationsBesideSingleLocationReservesAndReleasesNeverDeadlock() throws Exception {
        AtomicInteger splits = new AtomicInteger();
        long deadlocks = deadlocksDuring(8, sync -> {
            SyncFixture.Org org = fx.organization(sync);
            VariantId v = fx.variant(org, "SPLIT-1", 3);
            LocationId first = fx.mainLocation(org);
            LocationId second = org.owner().locations().create(NewLocation.named("Second")).id();
            org.owner().inventory().receive(v, second, 4, StockContext.none());
            List<Throwable> unexpected = concurrently(4, (t, errors) -> {
                for (int i = 0; i < 15; i++) {
                    if (t % 2 == 0) {
                        expectTyped(() -> {
                            // 6 units: neither location holds them alone, so the allocation splits
                            StockResult r = org.owner().inventory().reserve(v, null, 6, StockContext.none());
                            if (r.allocations().size() > 1) splits.incrementAndGet();
                            for (Allocation a : r.allocations()) {
                                org.owner().inventory().release(v, a.locationId(), a.quantity(), StockContext.none());
                            }
                        }, errors);
                    } else {
                        LocationId at = t == 1 ? second : first;
                        expectTyped(() -> {
                            org.owner().inventory().reserve(v, at, 1, StockContext.none());
                            org.owner().inventory().release(v, at, 1, StockContext.none());
                        }, errors);
                    }
                }
            });
            assertThat(unexpected).isEmpty();
            var totals = org.owner().inventory().totals(v);
            assertThat(totals.reserved()).isZero();
            assertThat(totals.onHand()).isEqualTo(7);
        });
        assertThat(splits.get()).isPositive();
        assertThat(deadlocks).isZero();
    }

    /**
     * The first finding: 40 transfers between two locations from 4 threads in opposite directions took 66 s
     * (39 stalled about a second in PostgreSQL's deadlock detection, 6 failed INTERNAL 40P01). Both items are locked in
     * one order whatever the direction, so none waits for detection and the books add up.
     */
    @Test
    void fortyTransfersInOppositeDirectionsFromFourThreadsNeverDeadlock() throws Exception {
        long deadlocks = deadlocksDuring(4, sync -> {
            SyncFixture.Org org = fx.organization(sync);
            VariantId v = fx.variant(org, "MOVE-1", 100);
            LocationId a = fx.mainLocation(org);
            LocationId b = org.owner().locations().create(NewLocation.named("Gudang B")).id();
            org.owner().inventory().receive(v, b, 100, StockContext.none());
            List<Throwable> unexpected = concurrently(4, (t, errors) -> {
                for (int i = 0; i < 10; i++) {
                    LocationId from = t % 2 == 0 ? a : b;
                    LocationId to = t % 2 == 0 ? b : a;
                    expectTyped(() -> org.owner().inventory().transfer(v, from, to, 1, StockContext.none()), errors);
                }
            });
            assertThat(unexpected).isEmpty();
            assertThat(org.owner().inventory().level(v, a).onHand() + org.owner().inventory().level(v, b).onHand()).isEqualTo(200);
            assertThat(org.owner().inventory().level(v, a).onHand()).isEqualTo(100);
        });
        assertThat(deadlocks).isZero();
    }

    @Test
    void fourThreadsUpsertingTheSame300CatalogueRowsInDifferentOrdersNeverDeadlock() throws Exception {
        long deadlocks = deadlocksDuring(6, sync -> {
            SyncFixture.Org org = fx.organization(sync);
            List<ProductUpsert> rows = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                rows.add(ProductUpsert.of(String.format("BULK-%03d", i), "Product " + i,
                        List.of(VariantUpsert.of(String.format("BULK-%03d-A", i)))));
            }
            Map<Integer, UpsertResult> results = new ConcurrentHashMap<>();
            List<Throwable> unexpected = concurrently(4, (t, errors) -> {
                for (int round = 0; round < 3; round++) {
                    List<ProductUpsert> mine = new ArrayList<>(rows);
                    if (t % 2 == 1) Collections.reverse(mine);
                    else Collections.shuffle(mine, new Random(t * 31L + round));
                    int key = t * 10 + round;
                    expectTyped(() -> results.put(key, org.owner().catalogue().upsert(mine)), errors);
                }
            });
            assertThat(unexpected).isEmpty();
            assertThat(results).hasSize(12);
            assertThat(results.values()).allSatisfy(r -> assertThat(r.failures()).isEmpty());
            assertThat(results.values().stream().mapToInt(r -> r.productsInserted() + r.productsUpdated()))
                    .allMatch(n -> n == 300);
        });
        assertThat(deadlocks).isZero();
    }

    @Test
    void aThirtyTwoThreadMixOnAnEightConnectionPoolNeverDeadlocksFailsACallOrDrainsThePool() throws Exception {
        long deadlocks = deadlocksDuring(8, sync -> {
            for (int round = 0; round < MIX_ROUNDS; round++) mixRound(sync);
        });
        System.out.println("32-thread mix, " + MIX_ROUNDS + " rounds: " + deadlocks + " deadlock(s)");
        assertThat(deadlocks).isZero();
    }

    /** One organization, two locations, three variants and 32 threads of 10 mixed stock calls each. */
    private void mixRound(StoreSync sync) throws Exception {
        SyncFixture.Org org = fx.organization(sync);
        LocationId a = fx.mainLocation(org);
        LocationId b = org.owner().locations().create(NewLocation.named("B")).id();
        List<VariantId> variants = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            VariantId v = fx.variant(org, "MIX-" + i, 50);
            org.owner().inventory().receive(v, b, 50, StockContext.none());
            variants.add(v);
        }
        List<Throwable> unexpected = concurrently(32, (t, errors) -> {
            Random random = new Random(t);
            for (int i = 0; i < 10; i++) {
                VariantId v = variants.get(random.nextInt(variants.size()));
                LocationId from = random.nextBoolean() ? a : b;
                LocationId to = from.equals(a) ? b : a;
                switch ((t + i) % 5) {
                    case 0 -> expectTyped(() -> org.owner().inventory().transfer(v, from, to, 1, StockContext.none()), errors);
                    case 1 -> expectTyped(() -> {
                        StockResult r = org.owner().inventory().reserve(v, null, 60, StockContext.none());
                        for (Allocation al : r.allocations()) {
                            org.owner().inventory().release(v, al.locationId(), al.quantity(), StockContext.none());
                        }
                    }, errors);
                    case 2 -> expectTyped(() -> {
                        org.owner().inventory().reserve(v, from, 2, StockContext.none());
                        org.owner().inventory().release(v, from, 2, StockContext.none());
                    }, errors);
                    case 3 -> expectTyped(() -> org.owner().inventory().adjust(v, from, 1, StockContext.none()), errors);
                    default -> expectTyped(() -> org.owner().inventory().totals(v), errors);
                }
            }
        });
        assertThat(unexpected).isEmpty();
        for (VariantId v : variants) assertThat(org.owner().inventory().totals(v).reserved()).isZero();
    }
}
