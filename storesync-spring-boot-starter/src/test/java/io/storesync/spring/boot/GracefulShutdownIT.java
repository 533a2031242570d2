package io.storesync.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.storesync.StoreSync;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreSettings;
import io.storesync.api.catalogue.VariantId;
import io.storesync.spi.connector.ConnectorProvider;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.SyncFixture;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closing the context stops the workers through their lifecycle: a stock push in flight at shutdown either finishes
 * (it completes within the shutdown timeout) or is handed back to the queue (it outlives the timeout): never lost, never
 * left running under a dead lease.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class GracefulShutdownIT {
    /** The store's stock pushes in {@code statuses} (the other test's job may be in the same database). */
    private static String pushes(String shop, String statuses) {
        return "SELECT count(*) FROM sync_jobs j JOIN stores s ON s.id = j.store_id WHERE s.platform_store_id = '" + shop
                + "' AND j.job_type = 'stock.push' AND j.status IN (" + statuses + ")";
    }
    private final TestDatabase db;

    GracefulShutdownIT(TestDatabase db) {
        this.db = db;
    }

    private ApplicationContextRunner context(FakeMarketplace fake, Duration shutdownTimeout) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(StoreSyncAutoConfiguration.class))
                .withBean(DataSource.class, () -> db.newAppPool(8))
                .withBean(CredentialKeys.class, () -> SyncFixture.KEYS)
                .withBean(ConnectorProvider.class, fake::provider)
                .withPropertyValues(Hosts.ownerMigration(db))
                .withPropertyValues("storesync.worker.threads=2",
                        "storesync.worker.shutdown-timeout=" + shutdownTimeout.toMillis() + "ms");
    }

    /** A store selling one SKU, whose first stock push is now running and held by the marketplace. */
    private String pushInFlight(ConfigurableApplicationContext ctx, FakeMarketplace fake, String shop) throws SQLException {
        StoreSync sync = ctx.getBean(StoreSync.class);
        SyncFixture fx = new SyncFixture(db, fake, (p, s) -> StoreSync.builder().dataSource(p).schema(s));
        SyncFixture.Org org = fx.organization(sync);
        Store store = fx.store(org, shop, StoreSettings.DEFAULTS);
        fx.quiet(org, store);
        VariantId v = fx.variant(org, shop + "-SKU", 7);
        fx.listing(org, store.id(), v, shop + "-P");
        // held at the marketplace, not merely running: a push claimed before the listing existed has nothing to send,
        // ends without calling the marketplace, and left the test closing with no push in flight at all
        SyncFixture.await("a stock push held at the marketplace", Duration.ofSeconds(30),
                () -> fake.calls(FakeMarketplace.Operation.PUSH_STOCK) == 1 && count(pushes(shop, "'running'")) == 1);
        return shop + "-P";
    }

    private long count(String sql) {
        try {
            return Hosts.ownerCount(db, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPushInFlightAtShutdownFinishesWithinTheTimeout() {
        FakeMarketplace fake = FakeMarketplace.create("shopee").holdPushes();
        context(fake, Duration.ofSeconds(20)).run(ctx -> {
            String product = pushInFlight(ctx, fake, "gs-finish");
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread closing = new Thread(() -> {
                try {
                    ctx.close();
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            closing.start();
            // the context is closing while the push is still held; then the marketplace answers
            Thread.sleep(500);
            assertThat(closing.isAlive()).isTrue();
            fake.releasePushes();
            closing.join(30_000);
            assertThat(closing.isAlive()).isFalse();
            assertThat(failure.get()).isNull();
            assertThat(fake.lastPushed("gs-finish", product))
                    .as("pushes %s; the store's stock push jobs: %s", fake.stockPushes(), Hosts.ownerText(db,
                            "SELECT string_agg(j.status || ' ' || j.retry_count || ' ' || j.items_processed || ' ' || coalesce(j.error_message, '-'), '; ')"
                            + " FROM sync_jobs j JOIN stores s ON s.id = j.store_id WHERE s.platform_store_id = 'gs-finish'"
                            + " AND j.job_type = 'stock.push'"))
                    .contains(7);
            assertThat(count(pushes("gs-finish", "'running'"))).isZero();
            assertThat(count(pushes("gs-finish", "'completed'"))).isOne();
        });
    }

    @Test
    void aPushOutlivingTheTimeoutIsHandedBackToTheQueueNotLost() {
        FakeMarketplace fake = FakeMarketplace.create("shopee").holdPushes();
        try {
            context(fake, Duration.ofMillis(500)).run(ctx -> {
                pushInFlight(ctx, fake, "gs-release");
                ctx.close();
                // no worker holds it, and it waits to run again
                assertThat(count(pushes("gs-release", "'running'"))).isZero();
                assertThat(count(pushes("gs-release", "'pending', 'retrying'") + " AND j.lease_owner IS NULL")).isOne();
            });
            // the database is the class's: left waiting, the push would be run by the other test's workers against
            // that test's marketplace, which holds pushes too, and that test would wait on the wrong push
            assertThat(count("WITH done AS (UPDATE sync_jobs j SET status = 'cancelled' FROM stores s WHERE s.id = j.store_id"
                    + " AND s.platform_store_id = 'gs-release' AND j.job_type = 'stock.push' AND j.status IN ('pending', 'retrying')"
                    + " RETURNING 1) SELECT count(*) FROM done")).isOne();
        } finally {
            fake.releasePushes();
        }
    }
}
