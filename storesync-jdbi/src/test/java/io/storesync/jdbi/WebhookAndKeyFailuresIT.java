package io.storesync.jdbi;

import static io.storesync.testkit.tck.SyncFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.PageRequest;
import io.storesync.api.Secret;
import io.storesync.api.Tenant;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobStatus;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.job.Workers;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.CredentialRotation;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreSettings;
import io.storesync.api.store.StoreStatus;
import io.storesync.api.webhook.WebhookEndpoint;
import io.storesync.api.webhook.WebhookReceipt;
import io.storesync.api.webhook.WebhookRequest;
import io.storesync.internal.jdbi.JdbiPersistenceProvider;
import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.ConnectorProvider;
import io.storesync.spi.connector.ConnectorSettings;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.JobQueueCompatibilityKit;
import io.storesync.testkit.tck.SyncFixture;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10 item 16: a webhook whose parsing throws something other than a validation error, a key id whose key
 * changed, and rotating the credential keys.
 */
// try-with-resources scopes the workers' lifetime; the handle itself is not used in the body
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
class WebhookAndKeyFailuresIT {
    private static final Secret OTHER_KEY = Secret.ofBytes(new byte[] {
            9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
    private final TestDatabase db;
    private final FakeMarketplace fake = FakeMarketplace.create();
    private final SyncFixture fx;

    WebhookAndKeyFailuresIT(TestDatabase db) {
        this.db = db;
        this.fx = new SyncFixture(db, fake,
                (ds, schema) -> StoreSync.builder().dataSource(ds).schema(schema).persistence(new JdbiPersistenceProvider()));
    }

    private StoreSync storeSync(CredentialKeys keys, ConnectorProvider provider) {
        return db.storeSyncBuilder().credentialKeys(keys).connector(provider).build();
    }

    /** The fake marketplace's connector, except that parsing a webhook throws what a buggy parser throws. */
    private ConnectorProvider parserThatThrows() {
        return parserThatThrows(() -> {});
    }

    /** As {@link #parserThatThrows()}, running {@code beforeThrowing} first, on the job's thread. */
    private ConnectorProvider parserThatThrows(Runnable beforeThrowing) {
        ConnectorProvider inner = fake.provider();
        return new ConnectorProvider() {
            @Override
            public String platform() {
                return inner.platform();
            }

            @Override
            public Connector create(ConnectorSettings settings) {
                Connector c = inner.create(settings);
                return (Connector) Proxy.newProxyInstance(Connector.class.getClassLoader(), new Class<?>[] {Connector.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("parseWebhook")) {
                                beforeThrowing.run();
                                throw new IllegalStateException("parser bug at offset 7");
                            }
                            try {
                                return method.invoke(c, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }

    /**
     * A run that fails while its workers are closing still records its failure: recording it changes the job's status,
     * so the closing check "does this worker still hold the job", made after a job's work, found it no longer running
     * and rolled the failure back — the job stayed claimed by a closed worker until its lease expired (seen once as
     * {@code RUNNING} in the test above, when the workers closed between the parse failing and the failure being
     * written). Here the failing run waits until close() has begun before it throws.
     */
    @Test
    void aRunThatFailsWhileItsWorkersCloseRecordsTheFailureAndLeavesNothingClaimed() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Workers> workers = new java.util.concurrent.atomic.AtomicReference<>();
        StoreSync sync = storeSync(SyncFixture.KEYS, parserThatThrows(() -> {
            Thread closer = new Thread(() -> workers.get().close(), "closer");
            closer.start();
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!workers.get().closed() && System.nanoTime() < until) Thread.onSpinWait();
        }));
        SyncFixture.Org org = fx.organization(sync);
        Store store = fx.store(org, "wh-closing", StoreSettings.DEFAULTS);
        fx.quiet(org, store);
        WebhookEndpoint endpoint = org.owner().webhooks().addEndpoint(store.id(), "https://host.example/hooks/c",
                List.of("order.updated"));
        byte[] body = FakeMarketplace.orderEvent("evt-closing", "SN-2");
        WebhookReceipt receipt = sync.receiveWebhook(new WebhookRequest(endpoint.id(), fake.sign(body), body));
        workers.set(sync.startWorkers(JobQueueCompatibilityKit.fast(1).withShutdownTimeout(Duration.ofSeconds(10))));
        await("the workers to close", Duration.ofSeconds(30), () -> workers.get().closed() && workers.get().running() == 0);
        Job job = org.owner().jobs().list(PageRequest.first(100)).items().stream()
                .filter(j -> receipt.eventId().toString().equals(j.parameters().get("event"))).findFirst().orElseThrow();
        assertThat(job.status()).as("the job whose run failed while its workers closed").isNotEqualTo(JobStatus.RUNNING);
        assertThat(job.attempt()).isEqualTo(1);
    }

    @Test
    void aWebhookWhoseParsingThrowsIsRetriedABoundedNumberOfTimesThenFailsWithTheReason() throws Exception {
        StoreSync sync = storeSync(SyncFixture.KEYS, parserThatThrows());
        SyncFixture.Org org = fx.organization(sync);
        Store store = fx.store(org, "wh-bug", StoreSettings.DEFAULTS);
        fx.quiet(org, store);
        WebhookEndpoint endpoint = org.owner().webhooks().addEndpoint(store.id(), "https://host.example/hooks/x",
                List.of("order.updated"));
        byte[] body = FakeMarketplace.orderEvent("evt-bug", "SN-1");
        WebhookReceipt receipt = sync.receiveWebhook(new WebhookRequest(endpoint.id(), fake.sign(body), body));
        try (Workers w = sync.startWorkers(JobQueueCompatibilityKit.fast(1))) {
            await("the event settled", Duration.ofSeconds(60), SyncFixture.sql(() -> fx.count(org.id(),
                    "SELECT count(*) FROM webhook_events WHERE id = ? AND status <> 'pending'", receipt.eventId().value()) == 1));
        }
        assertThat(fx.count(org.id(), "SELECT count(*) FROM webhook_events WHERE id = ? AND status = 'failed'"
                + " AND error_message LIKE 'webhook payload could not be parsed: IllegalStateException: parser bug%'"
                + " AND retry_count = 5", receipt.eventId().value())).isEqualTo(1);
        Job job = org.owner().jobs().list(PageRequest.first(100)).items().stream()
                .filter(j -> receipt.eventId().toString().equals(j.parameters().get("event"))).findFirst().orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.attempt()).isEqualTo(5);
    }

    @Test
    void credentialsTheKeyUnderTheirKeyIdCannotOpenFlagTheStoreInsteadOfRetryingForEver() throws Exception {
        SyncFixture.Org org = fx.organization(storeSync(SyncFixture.KEYS, fake.provider()));
        Store store = fx.store(org, "wrong-key", StoreSettings.DEFAULTS);
        fx.quiet(org, store);
        // the same key id, another key: a host that replaced the key instead of rotating it
        StoreSync replaced = storeSync(CredentialKeys.single(SyncFixture.KEYS.currentKeyId(), OTHER_KEY), fake.provider());
        Tenant owner = replaced.tenant(org.id(), Actor.system("test"));
        Job poll = owner.jobs().enqueue(NewJob.of(JobType.ORDER_POLL, store.id()));
        try (Workers w = replaced.startWorkers(JobQueueCompatibilityKit.fast(1))) {
            await("the poll settled", Duration.ofSeconds(30), () -> owner.jobs().find(poll.id()).orElseThrow().status().terminal());
        }
        Job done = owner.jobs().find(poll.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(JobStatus.FAILED);
        assertThat(done.attempt()).isEqualTo(1);
        assertThat(done.errorMessage()).contains("failed authentication").doesNotContain(SyncFixture.ACCESS_TOKEN);
        Store flagged = owner.stores().find(store.id()).orElseThrow();
        assertThat(flagged.status()).isEqualTo(StoreStatus.REAUTHORIZATION_REQUIRED);
    }

    @Test
    void reencryptingMovesEveryStoresCredentialsToTheNewKeySoTheOldKeyCanGo() throws Exception {
        StoreSync before = storeSync(SyncFixture.KEYS, fake.provider());
        SyncFixture.Org org = fx.organization(before);
        Store a = fx.store(org, "rot-a", StoreSettings.DEFAULTS);
        Store b = fx.store(org, "rot-b", StoreSettings.DEFAULTS);
        fx.quiet(org, a);
        fx.quiet(org, b);
        String oldId = SyncFixture.KEYS.currentKeyId();
        CredentialKeys rotated = CredentialKeys.of("k2", Map.of(oldId, SyncFixture.KEYS.key(oldId), "k2", OTHER_KEY));
        StoreSync during = storeSync(rotated, fake.provider());
        Tenant owner = during.tenant(org.id(), org.owner().actor());

        assertThat(owner.stores().reencryptCredentials()).isEqualTo(new CredentialRotation(2, 0, 0));
        assertThat(owner.stores().reencryptCredentials()).isEqualTo(new CredentialRotation(0, 2, 0));
        assertThat(fx.count(org.id(), "SELECT count(*) FROM stores WHERE credentials->>'kid' = 'k2'")).isEqualTo(2);

        // the old key removed: the stores' jobs still open their credentials
        StoreSync after = storeSync(CredentialKeys.single("k2", OTHER_KEY), fake.provider());
        Tenant ownerAfter = after.tenant(org.id(), org.owner().actor());
        Job poll = ownerAfter.jobs().enqueue(NewJob.of(JobType.ORDER_POLL, a.id()));
        try (Workers w = after.startWorkers(JobQueueCompatibilityKit.fast(1))) {
            await("the poll settled", Duration.ofSeconds(30), () -> ownerAfter.jobs().find(poll.id()).orElseThrow().status().terminal());
        }
        assertThat(ownerAfter.jobs().find(poll.id()).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
    }
}
