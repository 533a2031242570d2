package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.storesync.api.store.StoreId;
import io.storesync.internal.core.store.RateLimiters;
import io.storesync.internal.jdbi.JdbiPersistenceProvider;
import io.storesync.spi.connector.ConnectorLimits;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two host instances (two pools, two persistences opened as {@code StoreSync.Builder} opens them, each with the
 * limiters its engine builds) hammer one store's limiter for a few seconds. With the buckets in the database the two
 * together stay within the store's limit; with per-JVM buckets (the old behaviour) they send twice the rate.
 *
 * <p>Reproduce: {@code mvn -B -o verify -pl storesync-jdbi -am -Dit.test=SharedRateLimitIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false}; the figures are printed to stdout.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class SharedRateLimitIT {
    private static final ConnectorLimits LIMITS = new ConnectorLimits(20, 5, 50, 50, Duration.ofDays(1));
    private static final int SECONDS = 4;
    private static final int THREADS_PER_INSTANCE = 4;

    private final TestDatabase db;

    SharedRateLimitIT(TestDatabase db) {
        this.db = db;
    }

    @Test
    void twoInstancesTogetherStayWithinTheStoresLimit() throws Exception {
        StoreId store = StoreId.random();
        // the second instance's pool is autoCommit=false, as a Hibernate-tuned host configures it: Bucket4j must commit
        try (HikariDataSource a = pool("rate-a", true); HikariDataSource b = pool("rate-b", false)) {
            RateLimiters first = RateLimiters.of(new JdbiPersistenceProvider().open(a, db.schema()));
            RateLimiters second = RateLimiters.of(new JdbiPersistenceProvider().open(b, db.schema()));
            assertThat(first.shared()).isTrue();
            assertThat(second.shared()).isTrue();
            Run run = hammer(store, first, second);
            run.print("shared (PostgreSQL)");
            long allowance = (long) LIMITS.callsPerSecond() + LIMITS.burst();
            assertThat(run.perSecond()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(allowance));
            assertThat(run.total()).isLessThanOrEqualTo(
                    LIMITS.burst() + (long) Math.ceil(LIMITS.callsPerSecond() * run.seconds()) + 1);
            // both instances got tokens: neither starved the other
            assertThat(run.byFirst()).isPositive();
            assertThat(run.total() - run.byFirst()).isPositive();
        }
        try (Connection c = db.ownerDataSource().getConnection()) {
            Sql.exec(c, "SET search_path = " + db.schema());
            assertThat(Sql.scalar(c, "SELECT count(*) FROM rate_limit_buckets WHERE id ~ '^[0-9a-f]{64}$'"
                    + " AND state IS NOT NULL")).isEqualTo(1L);
            assertThat(Sql.scalar(c, "SELECT count(*) FROM rate_limit_buckets WHERE id LIKE ?",
                    "%" + store.value().toString().substring(0, 8) + "%")).isEqualTo(0L);
        }
        // the application role has what Bucket4j issues and no more
        try (Connection c = db.appDataSource().getConnection()) {
            Sql.exec(c, "SET search_path = " + db.schema());
            assertThat(Sql.scalar(c, "SELECT count(*) FROM rate_limit_buckets")).isEqualTo(1L);
            SQLException refused = catchThrowableOfType(SQLException.class,
                    () -> Sql.exec(c, "DELETE FROM rate_limit_buckets"));
            assertThat(refused.getSQLState()).isEqualTo("42501");
        }
    }

    @Test
    void perJvmBucketsLetTwoInstancesSendTwiceTheRate() throws Exception {
        Run run = hammer(StoreId.random(), new RateLimiters(), new RateLimiters());
        run.print("per JVM (old)");
        double rate = (run.total() - 2.0 * LIMITS.burst()) / run.seconds();
        assertThat(rate).isGreaterThan(1.7 * LIMITS.callsPerSecond());
    }

    private HikariDataSource pool(String name, boolean autoCommit) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(db.newAppPool(THREADS_PER_INSTANCE + 2));
        config.setAutoCommit(autoCommit);
        config.setMaximumPoolSize(THREADS_PER_INSTANCE + 2);
        config.setPoolName(name);
        return new HikariDataSource(config);
    }

    private record Run(long startNanos, double seconds, List<Long> first, List<Long> second) {
        long total() {
            return first.size() + second.size();
        }

        long byFirst() {
            return first.size();
        }

        /** Acquisitions of both instances in each whole second from the start. */
        List<Long> perSecond() {
            long[] counts = new long[(int) Math.ceil(seconds)];
            for (List<Long> times : List.of(first, second)) {
                for (long t : times) {
                    int i = (int) ((t - startNanos) / 1_000_000_000L);
                    if (i >= 0 && i < counts.length) counts[i]++;
                }
            }
            List<Long> out = new ArrayList<>();
            for (long n : counts) out.add(n);
            return out;
        }

        void print(String label) {
            System.out.printf(Locale.ROOT, "rate limit %-20s limit %.0f/s burst %d: %d calls in %.1f s (instance A %d,"
                            + " B %d) = %.1f/s; per second %s%n", label, LIMITS.callsPerSecond(), LIMITS.burst(),
                    total(), seconds, first.size(), second.size(), total() / seconds, perSecond());
        }
    }

    private static Run hammer(StoreId store, RateLimiters first, RateLimiters second) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2 * THREADS_PER_INSTANCE);
        ConcurrentLinkedQueue<Long> byFirst = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> bySecond = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        long start;
        long end;
        try {
            List<Future<?>> futures = new ArrayList<>();
            long[] deadline = new long[1];
            for (int i = 0; i < 2 * THREADS_PER_INSTANCE; i++) {
                RateLimiters limiters = i % 2 == 0 ? first : second;
                ConcurrentLinkedQueue<Long> times = i % 2 == 0 ? byFirst : bySecond;
                futures.add(threads.submit(() -> {
                    go.await();
                    while (System.nanoTime() < deadline[0]) {
                        Duration wait = limiters.acquire("shopee", store, LIMITS);
                        long now = System.nanoTime();
                        if (wait.isZero()) {
                            if (now < deadline[0]) times.add(now);
                        } else {
                            Thread.sleep(Math.max(1, wait.toMillis()));
                        }
                    }
                    return null;
                }));
            }
            start = System.nanoTime();
            deadline[0] = start + SECONDS * 1_000_000_000L;
            go.countDown();
            for (Future<?> f : futures) f.get();
            end = deadline[0];
        } finally {
            threads.shutdownNow();
        }
        return new Run(start, (end - start) / 1e9, List.copyOf(byFirst), List.copyOf(bySecond));
    }
}
