package io.storesync.jdbi;

import static io.storesync.testkit.tck.RefreshRace.anAdvisoryLockIsAwaited;
import static io.storesync.testkit.tck.RefreshRace.await;
import static io.storesync.testkit.tck.RefreshRace.finished;
import static io.storesync.testkit.tck.RefreshRace.oneJobAtATime;
import static io.storesync.testkit.tck.RefreshRace.settle;
import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.Secret;
import io.storesync.api.Tenant;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobStatus;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.job.Workers;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreSettings;
import io.storesync.api.store.StoreStatus;
import io.storesync.spi.connector.CredentialsRejectedException;
import io.storesync.spi.connector.StoreAccess;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Credential refresh against a platform that rotates refresh tokens (Shopee, TikTok Shop): each refresh returns a new
 * refresh token and invalidates the one presented, so two refreshes of one store that overlap would present the same
 * token twice, the second would be refused, and the store would be flagged with the rotated token lost. And a refresh
 * must never write back a status it read before a re-authorisation flag was set.
 *
 * <p>The tests hold the platform's refresh open (a latch) while the competing work happens (until the database shows
 * the other refresh waiting for the store's credential lock), so the overlap is not left to timing.
 */
// try-with-resources scopes the workers' lifetime; the handles themselves are not used in the bodies
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
class CredentialRefreshIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final TestDatabase db;
    private final byte[] key = new byte[32];

    CredentialRefreshIT(TestDatabase db) {
        this.db = db;
        new SecureRandom().nextBytes(key);
    }

    @Test
    void twoInstancesRefreshingOneStoreCallThePlatformOnceAndKeepTheRotatedToken() throws Exception {
        RotatingPlatform platform = new RotatingPlatform();
        StoreSync first = instance(db.storeSyncBuilder(), platform);
        StoreSync second = instance(StoreSync.builder().dataSource(db.newAppPool(4)).schema(db.schema()), platform);
        UserId ownerId = UserId.random();
        Organization org = first.createOrganization(NewOrganization.of("Rotating", "rotating-two", ownerId, "two@x.example", "O"));
        Tenant owner = first.tenant(org.id(), Actor.user(ownerId));
        Store store = connect(owner, platform);

        // two refreshes of the same store, as a scheduled one and a host's forced one would be, one on each instance:
        // the first instance claims the first job and then looks for work only once an hour (and is not woken by
        // NOTIFY), so the second job, queued through the second instance once the first is at the platform, is run
        // by the second instance
        settle(first, owner, 1, WAIT);
        Job a = owner.jobs().enqueue(NewJob.of(JobType.CREDENTIAL_REFRESH, store.id()));
        platform.holdNextRefresh();
        Tenant ownerOnSecond = second.tenant(org.id(), Actor.user(ownerId));
        try (Workers one = first.startWorkers(oneJobAtATime().withListen(false)
                .withIntervals(Duration.ofHours(1), Duration.ofHours(1)))) {
            await("the first refresh to reach the platform", WAIT, () -> platform.calls.get() == 1);
            Job b = ownerOnSecond.jobs().enqueue(NewJob.of(JobType.CREDENTIAL_REFRESH, store.id()));
            try (Workers two = second.startWorkers(oneJobAtATime())) {
                // the other job has read the store (with the token now being spent) and waits for the credential lock
                await("the second refresh to wait for the store's credential lock", WAIT,
                        () -> anAdvisoryLockIsAwaited(db.ownerDataSource()));
                platform.release();
                await("both refresh jobs finished", WAIT, () -> finished(owner, a.id()) && finished(owner, b.id()));
            }
            assertThat(owner.jobs().find(b.id()).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(owner.jobs().logs(b.id())).extracting(l -> l.message()).anyMatch(m -> m.contains("refreshed by another worker"));
        }
        assertThat(owner.jobs().find(a.id()).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(platform.calls).as("refresh calls to the platform").hasValue(1);
        assertThat(platform.refused).as("refresh tokens the platform refused").hasValue(0);
        assertThat(owner.stores().find(store.id()).orElseThrow().status()).isEqualTo(StoreStatus.ACTIVE);
        assertThat(owner.jobs().logs(a.id())).extracting(l -> l.message()).contains("credentials refreshed");

        // the rotated token was stored: the next refresh, from either instance, presents it and is accepted
        Job c = ownerOnSecond.jobs().enqueue(NewJob.of(JobType.CREDENTIAL_REFRESH, store.id()));
        try (Workers two = second.startWorkers(oneJobAtATime())) {
            await("the third refresh", WAIT, () -> finished(owner, c.id()));
        }
        assertThat(owner.jobs().find(c.id()).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(platform.calls).hasValue(2);
        assertThat(platform.refused).hasValue(0);
        assertThat(owner.stores().find(store.id()).orElseThrow().credentialsExpiry()).isPresent();
    }

    @Test
    void aReauthorisationFlagSetWhileARefreshRunsSurvivesIt() throws Exception {
        RotatingPlatform platform = new RotatingPlatform();
        StoreSync sync = instance(db.storeSyncBuilder(), platform);
        UserId ownerId = UserId.random();
        Organization org = sync.createOrganization(NewOrganization.of("Flagged", "rotating-flag", ownerId, "flag@x.example", "O"));
        Tenant owner = sync.tenant(org.id(), Actor.user(ownerId));
        Store store = connect(owner, platform);
        Job refresh = owner.jobs().enqueue(NewJob.of(JobType.CREDENTIAL_REFRESH, store.id()));
        platform.holdNextRefresh();
        try (Workers workers = sync.startWorkers(oneJobAtATime())) {
            await("the refresh to reach the platform", WAIT, () -> platform.calls.get() == 1);
            // the seller revokes access on the platform while the refresh is in flight; the host flags the store,
            // which the refresh does not hold up
            Store flagged = owner.stores().flagForReauthorization(store.id(), "the seller revoked access");
            assertThat(flagged.status()).isEqualTo(StoreStatus.REAUTHORIZATION_REQUIRED);
            platform.release();
            await("the refresh job finished", WAIT, () -> finished(owner, refresh.id()));
        }
        assertThat(platform.calls).hasValue(1);
        assertThat(owner.jobs().find(refresh.id()).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(owner.stores().find(store.id()).orElseThrow().status())
                .as("the flag set during the refresh").isEqualTo(StoreStatus.REAUTHORIZATION_REQUIRED);
    }

    private StoreSync instance(StoreSync.Builder builder, RotatingPlatform platform) {
        return builder.credentialKeys(CredentialKeys.single("k1", Secret.ofBytes(key))).discoverConnectors(false)
                .connector(platform).build();
    }

    private static Store connect(Tenant owner, RotatingPlatform platform) {
        return owner.stores().connect(new NewStore("shopee", "Rotating shop", "shop-" + System.nanoTime(),
                StoreCredentials.of(Secret.of("access-0"), Secret.of(platform.valid), Instant.now().plus(Duration.ofHours(4))),
                StoreSettings.DEFAULTS));
    }

    /**
     * A platform whose refresh tokens are single-use: refreshing with the current one returns a new one and
     * invalidates it; any other is refused. Everything else is an empty shop.
     */
    static final class RotatingPlatform extends QuietPlatform {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        volatile String valid = "refresh-0";
        private volatile @Nullable CountDownLatch hold;

        void holdNextRefresh() {
            hold = new CountDownLatch(1);
        }

        void release() {
            CountDownLatch h = hold;
            if (h != null) h.countDown();
        }

        @Override
        public String platform() {
            return "shopee";
        }

        @Override
        public boolean rotatesRefreshTokens() {
            return true;
        }

        @Override
        public StoreCredentials refreshCredentials(StoreAccess store) {
            int n = calls.incrementAndGet();
            CountDownLatch h = hold;
            if (h != null) {
                try {
                    if (!h.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("the test never released the refresh");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                hold = null;
            }
            Secret presented = store.credentials().refreshToken();
            synchronized (this) {
                if (presented == null || !presented.reveal().equals(valid)) {
                    refused.incrementAndGet();
                    throw new CredentialsRejectedException("shopee", "invalid_refresh_token", "refresh token already used or unknown", null, 401);
                }
                valid = "refresh-" + n;
            }
            return StoreCredentials.of(Secret.of("access-" + n), Secret.of("refresh-" + n), Instant.now().plus(Duration.ofHours(4)));
        }
    }
}
