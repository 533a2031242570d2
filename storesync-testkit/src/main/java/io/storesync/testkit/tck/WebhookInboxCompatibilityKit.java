package io.storesync.testkit.tck;

import static io.storesync.testkit.tck.SyncFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.StoreSync;
import io.storesync.api.NotFoundException;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.job.JobStatus;
import io.storesync.api.job.Workers;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreSettings;
import io.storesync.api.webhook.WebhookEndpoint;
import io.storesync.api.webhook.WebhookEndpointId;
import io.storesync.api.webhook.WebhookReceipt;
import io.storesync.api.webhook.WebhookRequest;
import io.storesync.api.webhook.WebhookSignatureException;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The webhook inbox: verified before anything is stored, stored once, processed once, failures recorded.
 *
 * <p>An implementation runs this kit by extending it and implementing {@link
 * StoreSyncCompatibilityKit#storeSyncBuilder}; each test class gets a database of its own.
 */
// try-with-resources scopes the workers' lifetime; the handle itself is often not used in the body
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
public abstract class WebhookInboxCompatibilityKit extends StoreSyncCompatibilityKit {
    private TestDatabase db;
    private final FakeMarketplace fake = FakeMarketplace.create();
    private SyncFixture fx;
    private final List<String> rejections = new CopyOnWriteArrayList<>();
    private StoreSync sync;
    private SyncFixture.Org org;
    private Store store;
    private WebhookEndpoint endpoint;


    @BeforeEach
    void setUp(TestDatabase db) throws Exception {
        this.db = db;
        this.fx = new SyncFixture(db, fake, this::storeSyncBuilder);
        sync = fx.storeSync(db.appDataSource(), new StoreSyncListener() {
            @Override
            public void webhookRejected(WebhookEndpointId endpoint, String reason) {
                rejections.add(reason);
            }
        });
        org = fx.organization(sync);
        String shop = "wh-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        store = fx.store(org, shop, StoreSettings.DEFAULTS);
        fx.quiet(org, store);
        endpoint = org.owner().webhooks().addEndpoint(store.id(), "https://host.example/hooks/x", List.of("order.updated"));
        fake.putOrders(shop, List.of(SyncFixture.order(store.id(), "SN-1", Instant.now())));
    }

    private long events() throws Exception {
        return fx.count(org.id(), "SELECT count(*) FROM webhook_events WHERE store_id = ?", store.id().value());
    }

    private long processJobs() throws Exception {
        return fx.count(org.id(), "SELECT count(*) FROM sync_jobs WHERE store_id = ? AND job_type = 'webhook.process'", store.id().value());
    }

    @Test
    void aBadSignatureIsRejectedWithATypedErrorAndNothingIsStored() throws Exception {
        byte[] body = FakeMarketplace.orderEvent("evt-bad", "SN-1");
        Map<String, List<String>> headers = new HashMap<>(fake.sign(body));
        headers.put(FakeMarketplace.SIGNATURE_HEADER, List.of("00".repeat(32)));
        assertThatThrownBy(() -> sync.receiveWebhook(new WebhookRequest(endpoint.id(), headers, body)))
                .isInstanceOf(WebhookSignatureException.class).hasMessageContaining("signature");
        // a valid signature of another body does not carry over
        byte[] tampered = FakeMarketplace.orderEvent("evt-bad", "SN-2");
        assertThatThrownBy(() -> sync.receiveWebhook(new WebhookRequest(endpoint.id(), fake.sign(body), tampered)))
                .isInstanceOf(WebhookSignatureException.class);
        // nor does an old delivery replayed
        assertThatThrownBy(() -> sync.receiveWebhook(new WebhookRequest(endpoint.id(),
                fake.sign(body, Instant.now().minus(Duration.ofMinutes(10))), body)))
                .isInstanceOf(WebhookSignatureException.class).hasMessageContaining("tolerance");
        assertThatThrownBy(() -> sync.receiveWebhook(new WebhookRequest(endpoint.id(), Map.of(), body)))
                .isInstanceOf(WebhookSignatureException.class);
        assertThat(events()).isZero();
        assertThat(processJobs()).isZero();
        assertThat(rejections).hasSize(4);
    }

    @Test
    void anUnknownEndpointIsRefused() {
        byte[] body = FakeMarketplace.orderEvent("evt-x", "SN-1");
        assertThatThrownBy(() -> sync.receiveWebhook(new WebhookRequest(WebhookEndpointId.random(), fake.sign(body), body)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aDuplicateDeliveryIsStoredOnceAndProcessedOnce() throws Exception {
        byte[] body = FakeMarketplace.orderEvent("evt-dup", "SN-1");
        WebhookReceipt first = sync.receiveWebhook(new WebhookRequest(endpoint.id(), fake.sign(body), body));
        WebhookReceipt second = sync.receiveWebhook(new WebhookRequest(endpoint.id(), fake.sign(body), body));
        assertThat(first.duplicate()).isFalse();
        assertThat(second.duplicate()).isTrue();
        assertThat(second.eventId()).isEqualTo(first.eventId());
        assertThat(events()).isEqualTo(1);
        assertThat(processJobs()).isEqualTo(1);
        int fetchesBefore = fake.calls(FakeMarketplace.Operation.ORDERS_BY_ID);
        try (Workers w = sync.startWorkers(JobQueueCompatibilityKit.fast(2))) {
            await("the event processed", Duration.ofSeconds(20), SyncFixture.sql(() -> fx.count(org.id(),
                    "SELECT count(*) FROM webhook_events WHERE id = ? AND status = 'processed'", first.eventId().value()) == 1));
            // a third delivery after processing is still a duplicate, and queues nothing
            assertThat(sync.receiveWebhook(new WebhookRequest(endpoint.id(), fake.sign(body), body)).duplicate()).isTrue();
            Thread.sleep(300);
        }
        assertThat(fake.calls(FakeMarketplace.Operation.ORDERS_BY_ID) - fetchesBefore).isEqualTo(1);
        assertThat(processJobs()).isEqualTo(1);
        // the order snapshot was ingested once: one ingestion logged, one order in the book
        assertThat(fx.count(org.id(), "SELECT count(*) FROM sync_logs l JOIN sync_jobs j ON j.id = l.sync_job_id"
                + " WHERE j.store_id = ? AND l.message LIKE 'ingested 1 order snapshot(s)%'", store.id().value())).isEqualTo(1);
        assertThat(org.owner().orders().findByPlatformId(store.id(), "SN-1")).isPresent();
        assertThat(fx.count(org.id(), "SELECT count(*) FROM orders WHERE store_id = ?", store.id().value())).isEqualTo(1);
    }

    @Test
    void aMalformedPayloadEndsAsAFailedEventAndTheWorkersCarryOn() throws Exception {
        byte[] garbage = "this is not json".getBytes(StandardCharsets.UTF_8);
        WebhookReceipt bad = sync.receiveWebhook(new WebhookRequest(endpoint.id(), fake.sign(garbage), garbage));
        byte[] good = FakeMarketplace.orderEvent("evt-after-garbage", "SN-1");
        WebhookReceipt fine = sync.receiveWebhook(new WebhookRequest(endpoint.id(), fake.sign(good), good));
        try (Workers w = sync.startWorkers(JobQueueCompatibilityKit.fast(1))) {
            await("both events settled", Duration.ofSeconds(20), SyncFixture.sql(() -> fx.count(org.id(),
                    "SELECT count(*) FROM webhook_events WHERE id IN (?, ?) AND status <> 'pending'",
                    bad.eventId().value(), fine.eventId().value()) == 2));
        }
        assertThat(fx.count(org.id(), "SELECT count(*) FROM webhook_events WHERE id = ? AND status = 'failed'"
                + " AND error_message LIKE 'malformed webhook payload%' AND retry_count = 1", bad.eventId().value())).isEqualTo(1);
        assertThat(fx.count(org.id(), "SELECT count(*) FROM webhook_events WHERE id = ? AND status = 'processed'",
                fine.eventId().value())).isEqualTo(1);
        var job = org.owner().jobs().list(io.storesync.api.PageRequest.first(100)).items().stream()
                .filter(j -> bad.eventId().toString().equals(j.parameters().get("event"))).findFirst().orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.outcome()).isEqualTo("rejected");
        assertThat(job.attempt()).isEqualTo(1);
    }

    @Test
    void aProcessingFailureIsRecordedOnTheEventAndRetried() throws Exception {
        fake.platformErrorNext(FakeMarketplace.Operation.ORDERS_BY_ID);
        byte[] body = FakeMarketplace.orderEvent("evt-retry", "SN-1");
        WebhookReceipt receipt = sync.receiveWebhook(new WebhookRequest(endpoint.id(), fake.sign(body), body));
        try (Workers w = sync.startWorkers(JobQueueCompatibilityKit.fast(1))) {
            await("the event processed", Duration.ofSeconds(20), SyncFixture.sql(() -> fx.count(org.id(),
                    "SELECT count(*) FROM webhook_events WHERE id = ? AND status = 'processed'", receipt.eventId().value()) == 1));
        }
        assertThat(fx.count(org.id(), "SELECT retry_count FROM webhook_events WHERE id = ?", receipt.eventId().value())).isEqualTo(1);
    }
}
