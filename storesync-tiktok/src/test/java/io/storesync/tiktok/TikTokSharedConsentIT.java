package io.storesync.tiktok;

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
import io.storesync.api.job.JobId;
import io.storesync.api.job.JobStatus;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.job.Workers;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.AuthorizationResult;
import io.storesync.api.store.AuthorizationStart;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreStatus;
import io.storesync.connector.kit.ConnectorEventListener;
import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.ConnectorProvider;
import io.storesync.spi.connector.ConnectorSettings;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.simulator.RecordedRequest;
import io.storesync.testkit.simulator.tiktok.TikTokShopSimulator;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One TikTok Shop consent grants two shops: two stores sharing one access token and one refresh token, which TikTok
 * rotates on every refresh (the simulator refuses a spent one with 36004005). Two StoreSync instances on one database
 * refresh the two stores at the same moment, each with its own connector (nothing shared in memory): the platform is
 * asked once, and both stores keep the rotated token — each refreshes again later, from either instance, and both
 * still read their shop with their own cipher.
 *
 * <p>The first refresh is held at the platform (a latch in front of the connector) until the other instance's refresh
 * is seen waiting for the consent's credential lock in {@code pg_locks}, so the overlap is not left to timing. Before
 * the consent's stores were refreshed as one, the second store presented the spent token and was flagged for
 * re-authorisation, and it never waited for a lock.
 */
// try-with-resources scopes the workers' lifetime; the handles themselves are not used in the bodies
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
class TikTokSharedConsentIT {
    private static final String SHOP_A = "7494049642642441631";
    private static final String SHOP_B = "7494049642642441632";
    private static final URI CALLBACK = URI.create("https://host.example/tiktok/callback");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final TestDatabase db;
    private final TikTokShopSimulator tiktok = TikTokShopSimulator.start();
    private final byte[] key = new byte[32];

    TikTokSharedConsentIT(TestDatabase db) {
        this.db = db;
        new SecureRandom().nextBytes(key);
    }

    @AfterEach
    void stop() {
        tiktok.close();
    }

    @Test
    void oneConsentsTwoShopsRefreshOnceAcrossTwoInstancesAndBothKeepTheRotatedToken() throws Exception {
        tiktok.shop(SHOP_A).add(new io.storesync.testkit.simulator.SimulatedListing("1729592969712208001",
                "1729592969712208002", "TEH-HIJAU", new BigDecimal("25000.00"), 5, true));
        tiktok.shop(SHOP_B).add(new io.storesync.testkit.simulator.SimulatedListing("1729592969712208101",
                "1729592969712208102", "TEH-HIJAU", new BigDecimal("26000.00"), 6, true));
        HeldRefresh first = new HeldRefresh(tiktok);
        HeldRefresh second = new HeldRefresh(tiktok);
        StoreSync one = first.register(db.storeSyncBuilder().credentialKeys(CredentialKeys.single("k1", Secret.ofBytes(key))))
                .build();
        StoreSync two = second.register(StoreSync.builder().dataSource(db.newAppPool(4)).schema(db.schema())
                .credentialKeys(CredentialKeys.single("k1", Secret.ofBytes(key)))).build();
        UserId ownerId = UserId.random();
        Organization org = one.createOrganization(
                NewOrganization.of("Toko Teh", "toko-teh-tts", ownerId, "sari@tokoteh.example", "Sari"));
        Tenant owner = one.tenant(org.id(), Actor.user(ownerId));
        Tenant ownerOnTwo = two.tenant(org.id(), Actor.user(ownerId));

        AuthorizationStart start = owner.stores().startAuthorization(TikTokShopConnector.PLATFORM, CALLBACK);
        AuthorizationResult granted = owner.stores().completeAuthorization(TikTokShopConnector.PLATFORM, start.state(),
                start.state(), tiktok.consent(SHOP_A, SHOP_B), CALLBACK);
        Store storeA = granted.created().stream().filter(s -> s.platformStoreId().equals(SHOP_A)).findFirst().orElseThrow();
        Store storeB = granted.created().stream().filter(s -> s.platformStoreId().equals(SHOP_B)).findFirst().orElseThrow();
        settle(one, owner, 2, WAIT);
        assertThat(tiktok.refreshesServed()).isZero();

        // store A's refresh on the first instance, held at the platform; then store B's on the second instance. The
        // first instance looks for work once an hour (and is not woken by NOTIFY), so B's job is the second's
        Job a = owner.jobs().enqueue(NewJob.of(JobType.CREDENTIAL_REFRESH, storeA.id()));
        first.holdNextRefresh();
        Job b;
        try (Workers w1 = one.startWorkers(oneJobAtATime().withListen(false)
                .withIntervals(Duration.ofHours(1), Duration.ofHours(1)))) {
            await("store A's refresh to reach the platform", WAIT, () -> first.refreshes.get() == 1);
            b = ownerOnTwo.jobs().enqueue(NewJob.of(JobType.CREDENTIAL_REFRESH, storeB.id()));
            try (Workers w2 = two.startWorkers(oneJobAtATime())) {
                await("store B's refresh to wait for the consent's credential lock", WAIT,
                        () -> anAdvisoryLockIsAwaited(db.ownerDataSource()));
                first.release();
                await("both refreshes finished", WAIT, () -> finished(owner, a.id()) && finished(owner, b.id()));
            }
        }
        assertThat(owner.jobs().find(a.id()).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(owner.jobs().find(b.id()).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(owner.jobs().logs(b.id())).extracting(l -> l.message())
                .anyMatch(m -> m.contains("refreshed by another worker"));
        assertThat(tiktok.refreshesServed()).as("refresh tokens spent at TikTok").isEqualTo(1);
        assertThat(second.refreshes).as("refreshes the second instance sent").hasValue(0);
        assertThat(owner.stores().find(storeA.id()).orElseThrow().status()).isEqualTo(StoreStatus.ACTIVE);
        assertThat(owner.stores().find(storeB.id()).orElseThrow().status()).isEqualTo(StoreStatus.ACTIVE);

        // both stores hold the rotated refresh token: B refreshes on the second instance, then A on the first (each
        // presenting what the other's refresh stored), and TikTok accepts all three
        Job c = ownerOnTwo.jobs().enqueue(NewJob.of(JobType.CREDENTIAL_REFRESH, storeB.id()));
        runUntilFinished(two, owner, c.id());
        Job d = owner.jobs().enqueue(NewJob.of(JobType.CREDENTIAL_REFRESH, storeA.id()));
        runUntilFinished(one, owner, d.id());
        assertThat(List.of(c, d)).allSatisfy(j ->
                assertThat(owner.jobs().find(j.id()).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED));
        assertThat(tiktok.refreshesServed()).isEqualTo(3);

        // and each store still calls its own shop with the token now current and its own cipher
        Instant before = Instant.now();
        Job importA = owner.jobs().enqueue(NewJob.of(JobType.CATALOGUE_IMPORT, storeA.id()));
        runUntilFinished(one, owner, importA.id());
        Job importB = ownerOnTwo.jobs().enqueue(NewJob.of(JobType.CATALOGUE_IMPORT, storeB.id()));
        runUntilFinished(two, owner, importB.id());
        assertThat(List.of(importA, importB)).allSatisfy(j ->
                assertThat(owner.jobs().find(j.id()).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED));
        List<RecordedRequest> after = tiktok.requests().stream().filter(r -> !r.at().isBefore(before)).toList();
        assertThat(after).isNotEmpty().allSatisfy(r -> assertThat(r.status()).as(r.path()).isEqualTo(200));
        assertThat(after).anyMatch(r -> r.query() != null && r.query().contains(tiktok.cipher(SHOP_A)))
                .anyMatch(r -> r.query() != null && r.query().contains(tiktok.cipher(SHOP_B)));
        for (Store s : List.of(storeA, storeB)) {
            assertThat(owner.stores().find(s.id()).orElseThrow().status()).isEqualTo(StoreStatus.ACTIVE);
        }
    }

    private static void runUntilFinished(StoreSync sync, Tenant owner, JobId job) throws InterruptedException {
        try (Workers workers = sync.startWorkers(oneJobAtATime())) {
            await("job " + job, WAIT, () -> finished(owner, job));
        }
    }

    /**
     * One instance's TikTok Shop connector (a connector of its own, as on another host), whose next refresh can be
     * held before it reaches TikTok. Every call goes to the real connector.
     */
    static final class HeldRefresh implements InvocationHandler {
        final AtomicInteger refreshes = new AtomicInteger();
        private final Connector real;
        private volatile @Nullable CountDownLatch hold;

        HeldRefresh(TikTokShopSimulator simulator) {
            this.real = TikTokShopConnector.create(TikTokConnectorKitTest.settings(simulator, Duration.ofSeconds(10)),
                    Clock.systemUTC(), ConnectorEventListener.NONE);
        }

        StoreSync.Builder register(StoreSync.Builder builder) {
            Connector proxy = (Connector) Proxy.newProxyInstance(Connector.class.getClassLoader(),
                    new Class<?>[] {Connector.class}, this);
            return builder.discoverConnectors(false).connector(new ConnectorProvider() {
                @Override
                public String platform() {
                    return TikTokShopConnector.PLATFORM;
                }

                @Override
                public Connector create(ConnectorSettings settings) {
                    return proxy;
                }
            });
        }

        void holdNextRefresh() {
            hold = new CountDownLatch(1);
        }

        void release() {
            CountDownLatch h = hold;
            if (h != null) h.countDown();
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "HeldRefresh[" + real + "]";
                };
            }
            if (method.getName().equals("refreshCredentials")) {
                refreshes.incrementAndGet();
                CountDownLatch h = hold;
                if (h != null) {
                    if (!h.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("the test never released the refresh");
                    hold = null;
                }
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
