package io.storesync.testkit.tck;

import static io.storesync.testkit.tck.SyncFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.StoreSync;
import io.storesync.api.AccessDeniedException;
import io.storesync.api.Actor;
import io.storesync.api.ConflictException;
import io.storesync.api.ErrorCode;
import io.storesync.api.Secret;
import io.storesync.api.StoreSyncException;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.Tenant;
import io.storesync.api.ValidationException;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobStatus;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.job.Workers;
import io.storesync.api.organization.NewMember;
import io.storesync.api.organization.Role;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.StockBuffer;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreSettings;
import io.storesync.api.store.StoreStatus;
import io.storesync.spi.connector.ConnectorSettings;
import io.storesync.spi.connector.StoreAccess;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Connecting and managing stores; credentials encrypted, keys rotatable, secrets never shown.
 *
 * <p>An implementation runs this kit by extending it and implementing {@link
 * StoreSyncCompatibilityKit#storeSyncBuilder}; each test class gets a database of its own.
 */
// try-with-resources scopes the workers' lifetime; the handle itself is often not used in the body
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
public abstract class StoresCompatibilityKit extends StoreSyncCompatibilityKit {
    private TestDatabase db;
    private final FakeMarketplace fake = FakeMarketplace.create();
    private SyncFixture fx;

    @BeforeEach
    void openDatabase(TestDatabase db) {
        this.db = db;
        this.fx = new SyncFixture(db, fake, this::storeSyncBuilder);
    }

    private String storedCredentials(SyncFixture.Org org, Store store) throws Exception {
        try (var c = fx.tenant(org.id()); var ps = c.prepareStatement("SELECT credentials::text FROM stores WHERE id = ?")) {
            ps.setObject(1, store.id().value());
            try (var rs = ps.executeQuery()) {
                rs.next();
                String s = rs.getString(1);
                c.commit();
                return s;
            }
        }
    }

    @Test
    void connectingAStoreEncryptsItsCredentialsAndQueuesACatalogueImport() throws Exception {
        StoreSync sync = fx.storeSync(db.appDataSource(), StoreSyncListener.NONE);
        SyncFixture.Org org = fx.organization(sync);
        Store store = fx.store(org, "conn-1", StoreSettings.DEFAULTS.withStockBuffer(StockBuffer.percent(15))
                .withOrderPollInterval(Duration.ofSeconds(30)));
        assertThat(store.platform()).isEqualTo("custom_website");
        assertThat(store.status()).isEqualTo(StoreStatus.ACTIVE);
        assertThat(store.settings().stockBuffer()).isEqualTo(StockBuffer.percent(15));
        assertThat(store.settings().orderPollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(store.credentialsExpireAt()).isNotNull();
        String stored = storedCredentials(org, store);
        assertThat(stored).contains("\"kid\": \"k1\"").contains("\"alg\": \"AES-GCM\"")
                .doesNotContain(SyncFixture.ACCESS_TOKEN).doesNotContain("refresh-");
        assertThat(org.owner().stores().list()).extracting(Store::id).containsExactly(store.id());
        assertThat(org.owner().stores().find(store.id())).contains(store);
        assertThat(org.owner().jobs().list(io.storesync.api.PageRequest.first(10)).items())
                .extracting(Job::type).containsExactly(JobType.CATALOGUE_IMPORT);
        assertThatThrownBy(() -> fx.store(org, "conn-1", StoreSettings.DEFAULTS)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> org.owner().stores().connect(NewStore.of("shopee", "S", "1",
                StoreCredentials.of(Secret.of("x"))))).isInstanceOf(ValidationException.class).hasMessageContaining("no connector");
    }

    @Test
    void onlyOwnersAndAdminsManageStores() throws Exception {
        StoreSync sync = fx.storeSync(db.appDataSource(), StoreSyncListener.NONE);
        SyncFixture.Org org = fx.organization(sync);
        Store store = fx.store(org, "roles-1", StoreSettings.DEFAULTS);
        UserId memberId = UserId.random();
        org.owner().members().add(new NewMember(memberId, memberId + "@example.com", "M", Role.MEMBER));
        Tenant member = sync.tenant(org.id(), Actor.user(memberId));
        assertThat(member.stores().list()).hasSize(1);
        assertThatThrownBy(() -> member.stores().connect(NewStore.of(fake.platform(), "X", "roles-2",
                StoreCredentials.of(Secret.of("t"))))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> member.stores().deactivate(store.id())).isInstanceOf(AccessDeniedException.class);
        assertThat(org.owner().stores().find(store.id()).orElseThrow().active()).isTrue();
    }

    @Test
    void flaggingAndDeactivatingStopScheduledWorkAndNewCredentialsReactivate() throws Exception {
        StoreSync sync = fx.storeSync(db.appDataSource(), StoreSyncListener.NONE);
        SyncFixture.Org org = fx.organization(sync);
        Store store = fx.store(org, "flag-1", StoreSettings.DEFAULTS);
        Store flagged = org.owner().stores().flagForReauthorization(store.id(), "seller revoked access");
        assertThat(flagged.status()).isEqualTo(StoreStatus.REAUTHORIZATION_REQUIRED);
        assertThat(fx.count(org.id(), "SELECT count(*) FROM sync_jobs WHERE store_id = ? AND status = 'pending'",
                store.id().value())).isZero();
        Store back = org.owner().stores().updateCredentials(store.id(), StoreCredentials.of(Secret.of("new-token")));
        assertThat(back.status()).isEqualTo(StoreStatus.ACTIVE);
        assertThat(org.owner().jobs().list(io.storesync.api.PageRequest.first(10)).items())
                .anyMatch(j -> j.type() == JobType.STOCK_DRIFT_CHECK && j.status() == JobStatus.PENDING);
        Store off = org.owner().stores().deactivate(store.id());
        assertThat(off.active()).isFalse();
        assertThat(off.status()).isEqualTo(StoreStatus.DISCONNECTED);
    }

    @Test
    void credentialKeysRotateAndOldCiphertextStaysReadable() throws Exception {
        Secret k2 = Secret.ofBytes(new byte[32]);
        StoreSync old = fx.storeSync(db.appDataSource(), StoreSyncListener.NONE);
        SyncFixture.Org org = fx.organization(old);
        Store store = fx.store(org, "rot-1", StoreSettings.DEFAULTS);
        fx.quiet(org, store);
        CredentialKeys rotated = CredentialKeys.of("k2", Map.of("k1", SyncFixture.KEYS.key("k1"), "k2", k2));
        StoreSync current = storeSyncBuilder(db.appDataSource(), db.schema()).credentialKeys(rotated)
                .connector(fake.provider()).build();
        Tenant owner = current.tenant(org.id(), org.owner().actor());
        // a job decrypts the k1 ciphertext with the rotated key set
        Job poll = owner.jobs().enqueue(NewJob.of(JobType.ORDER_POLL, store.id()));
        try (Workers w = current.startWorkers(JobQueueCompatibilityKit.fast(1))) {
            await("the poll", Duration.ofSeconds(20), () -> owner.jobs().find(poll.id()).orElseThrow().status() == JobStatus.COMPLETED);
        }
        owner.stores().updateCredentials(store.id(), StoreCredentials.of(Secret.of("rotated-token")));
        assertThat(storedCredentials(org, store)).contains("\"kid\": \"k2\"");
        // and a StoreSync that no longer has the key says so instead of returning garbage
        StoreSync k1Only = fx.storeSync(db.appDataSource(), StoreSyncListener.NONE);
        Job poll2 = k1Only.tenant(org.id(), org.owner().actor()).jobs().enqueue(NewJob.of(JobType.ORDER_POLL, store.id()).withMaxAttempts(1));
        try (Workers w = k1Only.startWorkers(JobQueueCompatibilityKit.fast(1))) {
            await("the poll to fail", Duration.ofSeconds(20), () -> owner.jobs().find(poll2.id()).orElseThrow().status() == JobStatus.FAILED);
        }
        assertThat(owner.jobs().find(poll2.id()).orElseThrow().errorMessage()).contains("key k2").contains("not configured");
    }

    @Test
    void secretsNeverAppearInToStringMessagesLogsOrTheDatabase() throws Exception {
        String token = "sk-live-SECRET-7a6b5c4d3e2f";
        Secret secret = Secret.of(token);
        StoreCredentials credentials = new StoreCredentials(secret, Secret.of(token + "-refresh"), Instant.now(),
                Map.of("api_key", Secret.of(token + "-api")));
        List<Object> values = List.of(secret, credentials, NewStore.of(fake.platform(), "S", "1", credentials),
                new StoreAccess(io.storesync.api.store.StoreId.random(), "1", credentials),
                CredentialKeys.single("k9", Secret.ofBytes(token.substring(0, 16).getBytes(StandardCharsets.UTF_8))),
                new ConnectorSettings("custom_website", Map.of("region", "sg"), Map.of("partner_key", secret)));
        for (Object v : values) assertThat(v.toString()).as(v.getClass().getSimpleName()).doesNotContain(token).doesNotContain("SECRET");

        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        String messages;
        SyncFixture.Org org;
        try {
            StoreSync sync = fx.storeSync(db.appDataSource(), StoreSyncListener.NONE);
            org = fx.organization(sync);
            Store store = org.owner().stores().connect(NewStore.of(fake.platform(), "Secret shop", "sec-1", credentials));
            fx.quiet(org, store);
            // failures that log and store messages: a platform error, rejected credentials, a refresh
            fake.platformErrorNext(FakeMarketplace.Operation.ORDERS_CHANGED);
            fake.rejectCredentialsNext(FakeMarketplace.Operation.ORDERS_CHANGED);
            Job poll = org.owner().jobs().enqueue(NewJob.of(JobType.ORDER_POLL, store.id()));
            Job refresh = org.owner().jobs().enqueue(NewJob.of(JobType.CREDENTIAL_REFRESH, store.id()));
            try (Workers w = sync.startWorkers(JobQueueCompatibilityKit.fast(1))) {
                await("both jobs to finish", Duration.ofSeconds(20), () -> org.owner().jobs().find(poll.id()).orElseThrow().status().terminal()
                        && org.owner().jobs().find(refresh.id()).orElseThrow().status().terminal());
            }
            StoreSyncException duplicate = org(() -> org.owner().stores().connect(NewStore.of(fake.platform(), "Again", "sec-1", credentials)));
            messages = duplicate.getMessage() + "\n" + org.owner().jobs().find(poll.id()).orElseThrow().errorMessage();
        } finally {
            System.setErr(originalErr);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("access token revoked"); // the log was captured at all
        assertThat(logs).doesNotContain(token);
        assertThat(messages).doesNotContain(token);
        assertThat(fx.count(org.id(), "SELECT count(*) FROM sync_jobs WHERE coalesce(error_message, '') LIKE ? OR metadata::text LIKE ?",
                "%" + token + "%", "%" + token + "%")).isZero();
        assertThat(fx.count(org.id(), "SELECT count(*) FROM sync_logs WHERE message LIKE ? OR coalesce(details::text, '') LIKE ?",
                "%" + token + "%", "%" + token + "%")).isZero();
        assertThat(fx.count(org.id(), "SELECT count(*) FROM stores WHERE credentials::text LIKE ? OR settings::text LIKE ?",
                "%" + token + "%", "%" + token + "%")).isZero();
    }

    private static StoreSyncException org(Runnable r) {
        try {
            r.run();
        } catch (StoreSyncException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
            return e;
        }
        throw new AssertionError("expected a conflict");
    }
}
