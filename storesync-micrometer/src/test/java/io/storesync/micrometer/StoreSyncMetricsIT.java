package io.storesync.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storesync.StoreSync;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.job.Workers;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreSettings;
import io.storesync.api.catalogue.VariantId;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.JobQueueCompatibilityKit;
import io.storesync.testkit.tck.SyncFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The listener attached to a real engine on the embedded PostgreSQL: an order poll ingests orders, their reservations
 * are pushed to the store, and the meters count exactly that, tagged by job type, platform and outcome, and never by
 * organization or store.
 */
// try-with-resources scopes the workers' lifetime; the handle itself is not used in the body
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
class StoreSyncMetricsIT {
    private final TestDatabase db;
    private final FakeMarketplace fake = FakeMarketplace.create();
    private final SyncFixture fx;

    StoreSyncMetricsIT(TestDatabase db) {
        this.db = db;
        // the website connector is on this module's test classpath (for the tracing IT); the fake plays custom_website here
        this.fx = new SyncFixture(db, fake, (pool, schema) -> StoreSync.builder().dataSource(pool).schema(schema)
                .discoverConnectors(false));
    }

    @Test
    void anOrderPollAndItsStockPushShowUpAsJobOrderAndPushMeters() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        new StoreSyncQueueMetrics(db.appDataSource(), db.schema(), Duration.ZERO).bindTo(registry);
        StoreSync sync = fx.storeSync(db.appDataSource(), new StoreSyncMetrics(registry));
        SyncFixture.Org org = fx.organization(sync);
        Store store = fx.store(org, "metrics-shop", StoreSettings.DEFAULTS.withOrderPollInterval(Duration.ofSeconds(1)));
        VariantId kopi = fx.variant(org, "MET-KOPI", 10);
        fx.listing(org, store.id(), kopi, "MET-KOPI");
        Instant now = Instant.now();
        // 12 ordered of 10 on hand: two units short
        fake.putOrders("metrics-shop", List.of(
                SyncFixture.order(store.id(), "MET-1", "MET-KOPI", 4, now.minusSeconds(60)),
                SyncFixture.order(store.id(), "MET-2", "MET-KOPI", 8, now.minusSeconds(30))));
        // a job due in the past, enqueued while no worker runs: the lag gauge sees it
        org.owner().jobs().enqueue(NewJob.of(JobType.NO_OP, null));
        Thread.sleep(1100);
        assertThat(gauge(registry, "storesync.jobs.queue.lag")).isGreaterThanOrEqualTo(1.0);
        assertThat(registry.get("storesync.jobs.queue.depth").tag("status", "pending").gauge().value()).isGreaterThanOrEqualTo(1.0);
        // one connected store, whatever its sync status right now
        assertThat(registry.get("storesync.stores").gauges().stream().mapToDouble(g -> g.value()).sum()).isEqualTo(1.0);

        try (Workers w = sync.startWorkers(JobQueueCompatibilityKit.fast(2))) {
            SyncFixture.await("zero pushed after the shortfall", Duration.ofSeconds(30),
                    () -> fake.lastPushed("metrics-shop", "MET-KOPI").equals(Optional.of(0)));
            SyncFixture.await("both orders counted", Duration.ofSeconds(30),
                    () -> registry.find("storesync.orders.ingested").tag("outcome", "created").counter() != null
                            && registry.get("storesync.orders.ingested").tag("outcome", "created").counter().count() == 2);
        }
        // created exactly twice; a slow machine may poll again before the workers stop and count them 'unchanged'
        assertThat(registry.get("storesync.orders.ingested").tags("platform", fake.platform(), "outcome", "created")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get("storesync.orders.shortfall").tag("platform", fake.platform()).counter().count()).isEqualTo(2);
        assertThat(registry.get("storesync.jobs.execution").tags("job.type", "order_poll", "outcome", "succeeded")
                .timer().count()).isGreaterThanOrEqualTo(1);
        assertThat(registry.get("storesync.jobs.claimed").tag("job.type", "stock_push").counter().count()).isGreaterThanOrEqualTo(1);
        assertThat(registry.get("storesync.stock.pushes").counter().count()).isGreaterThanOrEqualTo(1);
        assertThat(registry.get("storesync.stock.push.listings").summary().totalAmount()).isGreaterThanOrEqualTo(1);
        // the push's acknowledgement came after the order that changed the stock: a latency per accepted listing,
        // from the change (its mark) to the platform's answer, tagged by platform only
        Timer latency = registry.get("storesync.stock.push.latency").tag("platform", fake.platform()).timer();
        assertThat(latency.count()).isGreaterThanOrEqualTo(1);
        assertThat(latency.max(TimeUnit.MILLISECONDS)).isGreaterThan(0).isLessThan(60_000);
        assertThat(latency.takeSnapshot().histogramCounts()).as("no histogram unless the host asks").isEmpty();
        // no gauge reads stale: the queue drained of due work
        assertThat(registry.get("storesync.jobs.queue.depth").tag("status", "running").gauge().value()).isZero();

        // low cardinality: no meter carries a tenant's ids, in tag keys or values
        Set<String> tagKeys = registry.getMeters().stream().flatMap(m -> m.getId().getTags().stream())
                .map(Tag::getKey).collect(Collectors.toSet());
        assertThat(tagKeys).isSubsetOf("job.type", "outcome", "platform", "status", "operation", "http.status.class");
        for (Meter m : registry.getMeters()) {
            for (Tag t : m.getId().getTags()) {
                assertThat(t.getValue()).doesNotContain(org.id().value().toString()).doesNotContain(store.id().value().toString());
            }
            assertThat(m.getId().getName()).startsWith("storesync.").matches("[a-z.]+");
        }
    }

    private static double gauge(MeterRegistry registry, String name) {
        return registry.get(name).gauge().value();
    }
}
