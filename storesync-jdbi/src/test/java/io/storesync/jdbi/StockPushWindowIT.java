package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.storesync.StoreSync;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.job.WorkerOptions;
import io.storesync.api.job.Workers;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreSettings;
import io.storesync.internal.jdbi.JdbiPersistenceProvider;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.JobQueueCompatibilityKit;
import io.storesync.testkit.tck.SyncFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 17: the stock push window is a minimum interval between one store's pushes, not a delay before each. A burst
 * of changes spread over several windows gives every listing at most one push call per window (measured between the
 * calls the marketplace received), and a change to a store that has been quiet for a window is pushed at once, well
 * inside the window, instead of after it.
 */
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
class StockPushWindowIT {
    private static final Duration WINDOW = Duration.ofMillis(1500);
    private static final int LISTINGS = 4;

    private final SyncFixture fx;

    StockPushWindowIT(TestDatabase db) {
        this.fx = new SyncFixture(db, FakeMarketplace.create(),
                (ds, schema) -> StoreSync.builder().dataSource(ds).schema(schema).persistence(new JdbiPersistenceProvider()));
    }

    @Test
    void aBurstGetsOnePushPerListingPerWindowAndAnIdleStoresChangeIsPushedAtOnce() throws Exception {
        StoreSync sync = fx.storeSync(fx.db.appDataSource(), StoreSyncListener.NONE);
        SyncFixture.Org org = fx.organization(sync);
        Store store = fx.store(org, "window-1", StoreSettings.DEFAULTS);
        fx.quiet(org, store);
        LocationId location = fx.mainLocation(org);
        List<VariantId> variants = new ArrayList<>();
        for (int i = 0; i < LISTINGS; i++) {
            VariantId v = fx.variant(org, "WIN-" + i, 1000);
            fx.listing(org, store.id(), v, "WP-" + i);
            variants.add(v);
        }
        WorkerOptions options = JobQueueCompatibilityKit.fast(4).withStockTiming(Duration.ofMillis(20), WINDOW);
        try (Workers w = sync.startWorkers(options)) {
            SyncFixture.await("the opening stock pushed", Duration.ofSeconds(30),
                    () -> fx.fake.stockPushes().stream().map(FakeMarketplace.StockPush::platformProductId).distinct().count() == LISTINGS);
            // quiet for longer than a window, so the burst starts on an idle store
            TimeUnit.MILLISECONDS.sleep(WINDOW.toMillis() + 500);
            int before = fx.fake.stockPushes().size();

            // a burst over about three windows: a reservation on each listing every 100 ms
            long burstStart = System.nanoTime();
            for (int round = 0; round < 45; round++) {
                for (VariantId v : variants) org.owner().inventory().reserve(v, location, 1, StockContext.none());
                TimeUnit.MILLISECONDS.sleep(100);
            }
            long burstEnd = System.nanoTime();
            SyncFixture.await("the burst's last quantities pushed", Duration.ofSeconds(30), () -> {
                for (int i = 0; i < LISTINGS; i++) {
                    if (!fx.fake.lastPushed("window-1", "WP-" + i).equals(java.util.Optional.of(1000 - 45))) return false;
                }
                return true;
            });
            List<FakeMarketplace.StockPush> burst = fx.fake.stockPushes().subList(before, fx.fake.stockPushes().size());
            Map<String, List<Long>> calls = new HashMap<>();
            for (FakeMarketplace.StockPush p : burst) calls.computeIfAbsent(p.platformProductId(), k -> new ArrayList<>()).add(p.receivedNanos());
            long closest = Long.MAX_VALUE;
            for (List<Long> times : calls.values()) {
                for (int i = 1; i < times.size(); i++) closest = Math.min(closest, times.get(i) - times.get(i - 1));
                assertThat(times.size()).as("pushes of one listing over a burst of %d ms", (burstEnd - burstStart) / 1_000_000)
                        .isBetween(2, 1 + (int) ((System.nanoTime() - burstStart) / WINDOW.toNanos()));
            }
            assertThat(closest).as("least time between two pushes of one listing (ns)").isGreaterThanOrEqualTo(WINDOW.toNanos());
            // the burst's first change found the store idle: pushed at once, not a window later
            long firstPush = burst.stream().mapToLong(FakeMarketplace.StockPush::receivedNanos).min().orElseThrow();
            assertThat(firstPush - burstStart).as("first change to an idle store until its push (ns)").isLessThan(WINDOW.toNanos());

            // idle again: one change is pushed at once
            TimeUnit.MILLISECONDS.sleep(WINDOW.toMillis() + 500);
            int idleBefore = fx.fake.stockPushes().size();
            long changed = System.nanoTime();
            org.owner().inventory().reserve(variants.get(0), location, 1, StockContext.none());
            SyncFixture.await("the idle change pushed", Duration.ofSeconds(30), () -> fx.fake.stockPushes().size() > idleBefore);
            long pushed = fx.fake.stockPushes().get(idleBefore).receivedNanos();
            assertThat(pushed - changed).as("idle change until its push (ns)").isLessThan(WINDOW.toNanos());
        }
    }
}
