package io.storesync.testkit.tck;

import static io.storesync.testkit.tck.SyncFixture.await;
import static io.storesync.testkit.tck.SyncFixture.sql;
import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.StoreSync;
import io.storesync.api.Secret;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobStatus;
import io.storesync.api.job.JobType;
import io.storesync.api.job.Workers;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreSettings;
import io.storesync.spi.connector.ConnectorListing;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scheduled work: order polls run on schedule and their watermark neither skips nor rereads across a restart, the
 * catalogue import pages through listings, and credentials are refreshed before they expire.
 *
 * <p>An implementation runs this kit by extending it and implementing {@link
 * StoreSyncCompatibilityKit#storeSyncBuilder}; each test class gets a database of its own.
 */
// try-with-resources scopes the workers' lifetime; the handle itself is often not used in the body
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
public abstract class SchedulesCompatibilityKit extends StoreSyncCompatibilityKit {
    private TestDatabase db;
    private final FakeMarketplace fake = FakeMarketplace.create().pageSize(2);
    private SyncFixture fx;

    @BeforeEach
    void openDatabase(TestDatabase db) {
        this.db = db;
        this.fx = new SyncFixture(db, fake, this::storeSyncBuilder);
    }

    private long snapshotsLogged(SyncFixture.Org org, Store store) throws java.sql.SQLException {
        return fx.count(org.id(), "SELECT coalesce(sum((l.details ->> 'snapshots')::int), 0) FROM sync_logs l"
                + " JOIN sync_jobs j ON j.id = l.sync_job_id WHERE j.store_id = ?", store.id().value());
    }

    private long completedPolls(SyncFixture.Org org, Store store) throws java.sql.SQLException {
        return fx.count(org.id(), "SELECT count(*) FROM sync_jobs WHERE store_id = ? AND job_type = 'order.poll'"
                + " AND status = 'completed'", store.id().value());
    }

    @Test
    void ordersArePolledOnScheduleAndTheWatermarkNeitherSkipsNorRereadsAcrossARestart() throws Exception {
        StoreSync sync = fx.storeSync(db.appDataSource(), StoreSyncListener.NONE);
        SyncFixture.Org org = fx.organization(sync);
        Instant now = Instant.now();
        Store store = fx.store(org, "poll-1", StoreSettings.DEFAULTS.withOrderPollInterval(Duration.ofSeconds(1)));
        fake.putOrders("poll-1", List.of(SyncFixture.order(store.id(), "O-1", now.minusSeconds(3600)),
                SyncFixture.order(store.id(), "O-2", now.minusSeconds(60)), SyncFixture.order(store.id(), "O-3", now.minusSeconds(30))));
        try (Workers w = sync.startWorkers(JobQueueCompatibilityKit.fast(2))) {
            await("the first orders", Duration.ofSeconds(20), sql(() -> snapshotsLogged(org, store) == 3));
        }
        Instant watermark = Instant.parse(org.owner().jobs().logs(firstPoll(org)).stream()
                .filter(l -> l.message().startsWith("read ")).findFirst().orElseThrow().details()
                .replaceAll(".*\"to\":\\s*\"([^\"]+)\".*", "$1"));
        // while no worker runs, orders change on both sides of the watermark's moment
        fake.putOrders("poll-1", List.of(SyncFixture.order(store.id(), "O-4", Instant.now())));
        // "restart": a new StoreSync and new workers
        StoreSync restarted = fx.storeSync(db.appDataSource(), StoreSyncListener.NONE);
        try (Workers w = restarted.startWorkers(JobQueueCompatibilityKit.fast(2))) {
            await("the new order", Duration.ofSeconds(20), sql(() -> snapshotsLogged(org, store) == 4));
            // two more polls run over the same store, and must find nothing new
            long pollsSoFar = completedPolls(org, store);
            await("two more polls", Duration.ofSeconds(20), sql(() -> completedPolls(org, store) >= pollsSoFar + 2));
        }
        assertThat(snapshotsLogged(org, store)).isEqualTo(4);
        // the polled orders are in the order book, once each
        assertThat(org.owner().orders().search(io.storesync.api.order.OrderQuery.all().withStore(store.id()),
                io.storesync.api.PageRequest.first(10)).items()).extracting(io.storesync.api.order.Order::platformOrderId)
                .containsExactlyInAnyOrder("O-1", "O-2", "O-3", "O-4");
        assertThat(completedPolls(org, store)).isGreaterThanOrEqualTo(3);
        assertThat(watermark).isAfter(now.minusSeconds(30));
        // there was never more than one waiting poll for the store (the dedupe index would have refused it)
        assertThat(fx.count(org.id(), "SELECT count(*) FROM sync_jobs WHERE store_id = ? AND job_type = 'order.poll'"
                + " AND status IN ('pending', 'retrying')", store.id().value())).isLessThanOrEqualTo(1);
    }

    private io.storesync.api.job.JobId firstPoll(SyncFixture.Org org) {
        List<Job> jobs = new ArrayList<>(org.owner().jobs().list(io.storesync.api.PageRequest.first(100)).items());
        return jobs.stream().filter(j -> j.type() == JobType.ORDER_POLL && j.status() == JobStatus.COMPLETED)
                .filter(j -> org.owner().jobs().logs(j.id()).stream().anyMatch(l -> l.message().startsWith("read 3")))
                .findFirst().orElseThrow().id();
    }

    @Test
    void theCatalogueImportPagesThroughListingsMatchesBySkuAndReportsTheRest() throws Exception {
        StoreSync sync = fx.storeSync(db.appDataSource(), StoreSyncListener.NONE);
        SyncFixture.Org org = fx.organization(sync);
        // no stock: the import only matches SKUs, and a stock change would queue pushes this test is not about
        fx.variant(org, "CAT-A", 0);
        fx.variant(org, "CAT-B", 0);
        fx.variant(org, "CAT-C", 0);
        fake.addListings("cat-1", List.of(new ConnectorListing("L-A", null, "CAT-A", new BigDecimal("9.50"), 1, true),
                new ConnectorListing("L-B", "V-1", "CAT-B", new BigDecimal("5.00"), 1, true),
                new ConnectorListing("L-C", null, "CAT-C", null, null, true),
                new ConnectorListing("L-X", null, "NOPE-1", BigDecimal.ONE, 1, true),
                new ConnectorListing("L-Y", null, null, BigDecimal.ONE, 1, true)));
        Store store = fx.store(org, "cat-1", StoreSettings.DEFAULTS);
        int pagesBefore = fake.calls(FakeMarketplace.Operation.LIST_LISTINGS);
        try (Workers w = sync.startWorkers(JobQueueCompatibilityKit.fast(1))) {
            await("the import", Duration.ofSeconds(20), () -> org.owner().jobs().list(io.storesync.api.PageRequest.first(10)).items()
                    .stream().anyMatch(j -> j.type() == JobType.CATALOGUE_IMPORT && j.status() == JobStatus.COMPLETED));
        }
        Job job = org.owner().jobs().list(io.storesync.api.PageRequest.first(10)).items().stream()
                .filter(j -> j.type() == JobType.CATALOGUE_IMPORT).findFirst().orElseThrow();
        assertThat(job.itemsTotal()).isEqualTo(5);
        assertThat(job.itemsProcessed()).isEqualTo(5);
        assertThat(job.itemsFailed()).isEqualTo(2);
        assertThat(fake.calls(FakeMarketplace.Operation.LIST_LISTINGS) - pagesBefore).isEqualTo(3);
        assertThat(fx.count(org.id(), "SELECT count(*) FROM store_product_mappings WHERE store_id = ?", store.id().value())).isEqualTo(3);
        assertThat(org.owner().jobs().logs(job.id())).anyMatch(l -> l.level().equals("warn") && l.details().contains("NOPE-1"));
    }

    @Test
    void credentialsAreRefreshedBeforeTheyExpire() throws Exception {
        StoreSync sync = fx.storeSync(db.appDataSource(), StoreSyncListener.NONE);
        SyncFixture.Org org = fx.organization(sync);
        Instant soon = Instant.now().plusSeconds(2);
        Store store = org.owner().stores().connect(NewStore.of(fake.platform(), "Short-lived", "refresh-1",
                StoreCredentials.of(Secret.of("short"), Secret.of("refresh-short"), soon)));
        fx.quiet(org, store);
        try (Workers w = sync.startWorkers(JobQueueCompatibilityKit.fast(1))) {
            await("a refresh", Duration.ofSeconds(20), () -> org.owner().stores().find(store.id()).orElseThrow()
                    .credentialsExpireAt().isAfter(Instant.now().plus(Duration.ofDays(1))));
        }
        assertThat(fake.calls(FakeMarketplace.Operation.REFRESH_CREDENTIALS)).isGreaterThanOrEqualTo(1);
    }
}
