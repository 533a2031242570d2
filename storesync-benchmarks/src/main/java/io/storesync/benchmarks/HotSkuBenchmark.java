package io.storesync.benchmarks;

import io.storesync.StoreSync;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.Inventory;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.StockContext;
import io.storesync.testkit.TestDatabase;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A flash sale on one SKU: 16 threads reserving one unit at a time on one variant at one location, through
 * {@code Inventory.reserve} versus the bare conditional UPDATE plus ledger INSERT in a transaction with plain JDBC, on
 * the same database in the same run. Both sides connect as the application role through the same kind of pool.
 *
 * <p>The raw side sets the tenant once per connection (a session setting, which the SDK never does because it would
 * leak through a shared pool), so it pays two statements and a commit per reservation; the SDK pays its transaction-
 * local tenant setting, one statement (item update, ledger row and propagation mark as CTEs) and the commit.
 */
public final class HotSkuBenchmark {
    private static final int THREADS = 16;
    private static final long SECONDS = Long.getLong("bench.seconds", 8);
    private static final int ROUNDS = 3;
    private static final PrintStream OUT = System.out;

    private HotSkuBenchmark() {}

    public static void main(String[] args) throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            StoreSync storeSync = db.storeSync();
            OUT.printf("server: %s; %d threads; %d s per side per round%n", db.serverKind(), THREADS, SECONDS);
            Sale sdkSale = sale(storeSync, db);
            Sale rawSale = sale(storeSync, db);
            DataSource rawPool = db.newAppPool(THREADS);
            runSdk(sdkSale, 2);
            runRaw(rawPool, db.schema(), rawSale, 2);

            double[] sdk = new double[ROUNDS];
            double[] raw = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                if (round % 2 == 0) {
                    sdk[round] = runSdk(sdkSale, SECONDS);
                    raw[round] = runRaw(rawPool, db.schema(), rawSale, SECONDS);
                } else {
                    raw[round] = runRaw(rawPool, db.schema(), rawSale, SECONDS);
                    sdk[round] = runSdk(sdkSale, SECONDS);
                }
                OUT.printf("round %d: sdk %,.0f reservations/s, raw %,.0f reservations/s, ratio %.2f%n",
                        round + 1, sdk[round], raw[round], sdk[round] / raw[round]);
            }
            double s = median(sdk), r = median(raw);
            OUT.printf("median: sdk %,.0f reservations/s, raw %,.0f reservations/s, ratio %.2f (goal >= 1.0, issue 17)%n", s, r, s / r);
        }
    }

    private record Sale(Tenant tenant, VariantId variant, LocationId location) {}

    private static Sale sale(StoreSync storeSync, TestDatabase db) throws SQLException {
        Tenant tenant = BenchData.organization(storeSync);
        LocationId location = tenant.locations().create(NewLocation.named("Main")).id();
        VariantId variant = BenchData.variant(db.appDataSource(), db.schema(), tenant.organizationId(), "HOT-1");
        tenant.inventory().receive(variant, location, 100_000_000, StockContext.none());
        return new Sale(tenant, variant, location);
    }

    private static double runSdk(Sale sale, long seconds) throws Exception {
        Inventory inventory = sale.tenant().inventory();
        return run(seconds, () -> inventory.reserve(sale.variant(), sale.location(), 1, StockContext.none()), () -> {});
    }

    private static double runRaw(DataSource pool, String schema, Sale sale, long seconds) throws Exception {
        UUID org = sale.tenant().organizationId().value();
        ThreadLocal<Connection> connection = new ThreadLocal<>();
        ThreadLocal<PreparedStatement[]> statements = new ThreadLocal<>();
        return run(seconds, () -> {
            if (connection.get() == null) {
                Connection c = pool.getConnection();
                try (Statement s = c.createStatement()) {
                    s.execute("SET search_path = " + schema);
                    s.execute("SET storesync.organization_id = '" + org + "'");
                }
                c.setAutoCommit(false);
                connection.set(c);
                statements.set(new PreparedStatement[] {
                    c.prepareStatement("UPDATE inventory_items SET quantity_reserved = quantity_reserved + 1"
                            + " WHERE organization_id = ? AND product_variant_id = ? AND location_id = ?"
                            + " AND quantity_on_hand - quantity_reserved >= 1 RETURNING id"),
                    c.prepareStatement("INSERT INTO inventory_transactions (organization_id, inventory_item_id,"
                            + " transaction_type, quantity_change, reserved_change) VALUES (?, ?, 'reserve', 0, 1)")});
            }
            Connection c = connection.get();
            PreparedStatement update = statements.get()[0], ledger = statements.get()[1];
            update.setObject(1, org);
            update.setObject(2, sale.variant().value());
            update.setObject(3, sale.location().value());
            UUID item;
            try (ResultSet rs = update.executeQuery()) {
                if (!rs.next()) throw new IllegalStateException("sold out");
                item = rs.getObject(1, UUID.class);
            }
            ledger.setObject(1, org);
            ledger.setObject(2, item);
            ledger.executeUpdate();
            c.commit();
        }, () -> {
            Connection c = connection.get();
            if (c != null) {
                try (Statement s = c.createStatement()) {
                    c.rollback();
                    s.execute("RESET storesync.organization_id");
                    c.commit();
                    c.close();
                } catch (SQLException ignored) {
                    // the pool discards a broken connection
                }
                connection.remove();
            }
        });
    }

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /** Runs {@code op} on every thread for {@code seconds}; returns operations per second over all threads. */
    private static double run(long seconds, Work op, Work cleanup) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long started = System.nanoTime();
        List<Future<Long>> counts = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            counts.add(pool.submit(() -> {
                long n = 0;
                try {
                    while (System.nanoTime() < deadline) {
                        op.run();
                        n++;
                    }
                } finally {
                    cleanup.run();
                }
                return n;
            }));
        }
        long total = 0;
        for (Future<Long> f : counts) total += f.get();
        double elapsed = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        return total / elapsed;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
