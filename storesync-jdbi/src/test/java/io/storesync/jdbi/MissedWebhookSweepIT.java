package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.Secret;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.Tenant;
import io.storesync.api.job.RetryPolicy;
import io.storesync.api.job.WorkerOptions;
import io.storesync.api.job.Workers;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreSettings;
import io.storesync.api.webhook.WebhookReceipt;
import io.storesync.api.webhook.WebhookSignatureException;
import io.storesync.spi.connector.MissedWebhook;
import io.storesync.spi.connector.MissedWebhooks;
import io.storesync.spi.connector.RateLimitedException;
import io.storesync.spi.connector.VerifiedWebhook;
import io.storesync.spi.connector.WebhookDelivery;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.Sql;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The engine's missed-webhook sweep against a real database as the application role, with a scripted platform that
 * keeps the webhooks it failed to deliver (as Shopee keeps lost pushes): each entry is routed by its shop id as an
 * app-level delivery is, across tenants, and stored once per store (a webhook that also arrived live is not stored
 * twice); an entry for an unknown shop or one the connector could not read is reported and does not stop the others;
 * a page is confirmed only after all of it is stored, and not at all when storing fails; the workers sweep on their
 * interval and try again after a platform failure; two sweeps at once store each webhook once.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class MissedWebhookSweepIT {
    private static final CredentialKeys KEYS = CredentialKeys.single("k1", Secret.ofBytes(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}));

    private final TestDatabase db;
    private final Keeper platform = new Keeper();
    /** While set, the pool hands out no connection: the database is unreachable. */
    private final AtomicBoolean databaseDown = new AtomicBoolean();
    /** Set by a test: the database goes down as soon as the first missed webhook is stored. */
    private final AtomicBoolean downAfterFirstStore = new AtomicBoolean();
    private final List<String> rejections = new CopyOnWriteArrayList<>();
    private final StoreSync sync;

    MissedWebhookSweepIT(TestDatabase db) {
        this.db = db;
        this.sync = StoreSync.builder().dataSource(failing(db.appDataSource())).schema(db.schema()).credentialKeys(KEYS)
                .discoverConnectors(false).connector(platform)
                .listener(new StoreSyncListener() {
                    @Override
                    public void appWebhookRejected(String p, String reason) {
                        rejections.add(reason);
                    }

                    @Override
                    public void webhookReceived(String p, boolean duplicate) {
                        if (downAfterFirstStore.compareAndSet(true, false)) databaseDown.set(true);
                    }
                }).build();
    }

    @BeforeEach
    void reset() {
        rejections.clear();
    }

    @Test
    void eachMissedWebhookIsStoredOnceInItsShopsStoresAndItsPageConfirmedOnlyAfterwards() throws Exception {
        Shop a = shop("shop-a-" + tag());
        Shop b = shop("shop-b-" + tag());
        String unknown = "guessed-" + tag();
        // e3 reached the host live; the platform lists it as missed all the same
        MissedWebhook e1 = missed("e1-" + tag(), a.shopId);
        MissedWebhook e2 = missed("e2-" + tag(), b.shopId);
        MissedWebhook e3 = missed("e3-" + tag(), a.shopId);
        List<WebhookReceipt> live = sync.receiveWebhook(platform.platform(), Map.of(), e3.delivery().body());
        assertThat(live).singleElement().satisfies(r -> assertThat(r.duplicate()).isFalse());
        // what is stored when each confirmation arrives: a page is confirmed only once all of it is stored
        platform.onConfirm = () -> {
            try {
                return "a=" + events(a) + " b=" + events(b);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        platform.pages.add(new MissedWebhooks(List.of(e1, missed("e9-" + tag(), unknown), e3), List.of(), "p1", true));
        platform.pages.add(new MissedWebhooks(List.of(e2), List.of("entry 7: data is not JSON"), "p2", false));

        assertThat(sync.sweepMissedWebhooks()).as("e1 and e2 stored; e3 was stored when it arrived").isEqualTo(2);

        assertThat(platform.confirmed).containsExactly("p1", "p2");
        assertThat(platform.seenAtConfirmation).containsExactly("a=2 b=0", "a=2 b=1");
        assertThat(events(a)).isEqualTo(2);
        assertThat(events(b)).isEqualTo(1);
        // one process job per stored webhook, none for the duplicate
        assertThat(count(a.org, "SELECT count(*) FROM sync_jobs WHERE store_id = ? AND job_type = 'webhook.process'",
                a.store.id().value())).isEqualTo(2);
        assertThat(count(b.org, "SELECT count(*) FROM sync_jobs WHERE store_id = ? AND job_type = 'webhook.process'",
                b.store.id().value())).isEqualTo(1);
        // stored as app-level deliveries, with the event's dedupe key, as a live delivery is
        assertThat(count(b.org, "SELECT count(*) FROM webhook_events WHERE store_id = ? AND webhook_endpoint_id IS NULL"
                + " AND dedupe_key = 'event:" + e2.verified().platformEventId() + "'", b.store.id().value())).isEqualTo(1);
        // the unknown shop and the unreadable entry were reported, naming neither the guessed shop nor a tenant
        assertThat(rejections).hasSize(2).anyMatch(r -> r.contains("no active store"))
                .anyMatch(r -> r.contains("entry 7")).noneMatch(r -> r.contains(unknown) || r.contains(a.org.value().toString()));

        // nothing more kept: nothing more stored or confirmed
        assertThat(sync.sweepMissedWebhooks()).isZero();
        assertThat(platform.confirmed).hasSize(2);
    }

    @Test
    void aPageWhoseStoringFailsIsNotConfirmedAndIsStoredOnceWhenHandedOutAgain() throws Exception {
        Shop a = shop("shop-a-" + tag());
        Shop b = shop("shop-b-" + tag());
        MissedWebhooks page = new MissedWebhooks(List.of(missed("f1-" + tag(), a.shopId), missed("f2-" + tag(), b.shopId)),
                List.of(), "p1", false);
        // as the platform does: an unconfirmed page is handed out again
        platform.repeatUntilConfirmed = page;
        downAfterFirstStore.set(true);

        // not taken for a bad entry (which would be skipped and confirmed): the database failing stops the page
        assertThatThrownBy(sync::sweepMissedWebhooks).as("the database went down after the first entry was stored")
                .isNotInstanceOf(io.storesync.api.ValidationException.class);
        databaseDown.set(false);
        assertThat(platform.confirmed).isEmpty();
        assertThat(events(a)).isEqualTo(1);
        assertThat(events(b)).isZero();

        assertThat(sync.sweepMissedWebhooks()).as("only the entry not stored before").isEqualTo(1);
        assertThat(platform.confirmed).containsExactly("p1");
        assertThat(events(a)).isEqualTo(1);
        assertThat(events(b)).isEqualTo(1);
        assertThat(count(a.org, "SELECT count(*) FROM sync_jobs WHERE store_id = ? AND job_type = 'webhook.process'",
                a.store.id().value())).isEqualTo(1);
    }

    @Test
    void theWorkersSweepOnTheirIntervalAndTryAgainAfterThePlatformFailed() throws Exception {
        Shop a = shop("shop-a-" + tag());
        platform.failNext.set(2); // rate limited twice, then the page
        platform.pages.add(new MissedWebhooks(List.of(missed("w1-" + tag(), a.shopId)), List.of(), "p1", false));
        WorkerOptions options = WorkerOptions.defaults(1)
                .withLease(Duration.ofSeconds(5), Duration.ofMillis(500))
                .withIntervals(Duration.ofMillis(200), Duration.ofMillis(200))
                .withRetryPolicy(new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 0))
                .withMissedWebhookSweepInterval(Duration.ofMillis(200));
        try (Workers workers = sync.startWorkers(options)) {
            await(() -> platform.confirmed.contains("p1"));
            assertThat(workers.workerId()).isNotBlank();
        }
        assertThat(platform.calls.get()).isGreaterThanOrEqualTo(3);
        assertThat(events(a)).isEqualTo(1);
        // and the defaults sweep every five minutes; zero turns the workers' sweep off
        assertThat(WorkerOptions.defaults(4).missedWebhookSweepInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(WorkerOptions.defaults(4).withMissedWebhookSweepInterval(Duration.ZERO).missedWebhookSweepInterval())
                .isZero();
    }

    @Test
    void twoSweepsAtOnceStoreEachMissedWebhookOnce() throws Exception {
        Shop a = shop("shop-a-" + tag());
        List<MissedWebhook> entries = new ArrayList<>();
        for (int i = 0; i < 20; i++) entries.add(missed("c" + i + "-" + tag(), a.shopId));
        platform.repeatUntilConfirmed = new MissedWebhooks(entries, List.of(), "p1", false);
        // both sweeps are handed the page before either stores anything
        CountDownLatch bothFetched = new CountDownLatch(2);
        platform.onFetch = () -> {
            bothFetched.countDown();
            try {
                bothFetched.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = two.submit(sync::sweepMissedWebhooks);
            Future<Integer> second = two.submit(sync::sweepMissedWebhooks);
            assertThat(first.get(30, TimeUnit.SECONDS) + second.get(30, TimeUnit.SECONDS)).isEqualTo(20);
        } finally {
            two.shutdownNow();
        }
        assertThat(events(a)).isEqualTo(20);
        assertThat(count(a.org, "SELECT count(*) FROM sync_jobs WHERE store_id = ? AND job_type = 'webhook.process'",
                a.store.id().value())).isEqualTo(20);
        assertThat(platform.confirmed).isNotEmpty().containsOnly("p1");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // fixtures

    private record Shop(OrganizationId org, UserId owner, Store store, String shopId) {}

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static byte[] body(String eventId, String shopId) {
        return ("{\"event_id\":\"" + eventId + "\",\"shop_id\":\"" + shopId + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** A missed webhook as the platform would have delivered it, with the event id the live delivery would have. */
    private static MissedWebhook missed(String eventId, String shopId) {
        return new MissedWebhook(shopId, new VerifiedWebhook(eventId, "order"),
                new WebhookDelivery(Map.of("Content-Type", List.of("application/json")), body(eventId, shopId)));
    }

    /** An organization (a tenant of its own) with one store of the keeping platform for {@code shopId}. */
    private Shop shop(String shopId) {
        UserId owner = UserId.random();
        String tag = tag();
        Organization org = sync.createOrganization(NewOrganization.of("Sweep " + tag, "sweep-" + tag, owner,
                tag + "@example.com", "Owner"));
        Tenant tenant = sync.tenant(org.id(), Actor.user(owner));
        Store store = tenant.stores().connect(new NewStore(platform.platform(), "Shop " + tag, shopId,
                StoreCredentials.of(Secret.of("token-" + tag), Secret.of("refresh-" + tag), Instant.now().plus(Duration.ofDays(30))),
                StoreSettings.DEFAULTS));
        return new Shop(org.id(), owner, store, shopId);
    }

    private DataSource failing(DataSource ds) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && databaseDown.get()) {
                        throw new SQLTransientConnectionException("the database is unreachable (test)");
                    }
                    try {
                        return method.invoke(ds, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private long events(Shop shop) throws SQLException {
        return count(shop.org, "SELECT count(*) FROM webhook_events WHERE store_id = ?", shop.store.id().value());
    }

    /** One count, read in a tenant transaction as the application role, past the failing pool view. */
    private long count(OrganizationId org, String sql, Object arg) throws SQLException {
        try (Connection c = Sql.tenant(db.appDataSource(), db.schema(), org.value())) {
            long n = Sql.scalar(c, sql, arg);
            c.commit();
            return n;
        }
    }

    private static void await(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) throw new AssertionError("gave up waiting");
            Thread.sleep(50);
        }
    }

    /**
     * A platform that signs its pushes with the app's secret (here: the delivery must name an event and a shop; the
     * sweep never calls this) and keeps the webhooks it failed to deliver: the pages a test scripts, or one page handed
     * out again until it is confirmed, as Shopee does.
     */
    private static final class Keeper extends QuietPlatform {
        private static final Pattern SHOP = Pattern.compile("\"shop_id\"\\s*:\\s*\"([^\"]*)\"");
        private static final Pattern EVENT = Pattern.compile("\"event_id\"\\s*:\\s*\"([^\"]*)\"");
        final Deque<MissedWebhooks> pages = new ArrayDeque<>();
        volatile MissedWebhooks repeatUntilConfirmed;
        volatile Supplier<String> onConfirm = () -> "";
        volatile Runnable onFetch = () -> {};
        final List<String> confirmed = new CopyOnWriteArrayList<>();
        /** What {@link #onConfirm} saw as each confirmation arrived. */
        final List<String> seenAtConfirmation = new CopyOnWriteArrayList<>();
        final AtomicInteger failNext = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String platform() {
            return "shopee";
        }

        @Override
        public boolean verifiesWithAppSecret() {
            return true;
        }

        @Override
        public VerifiedWebhook verifyAppWebhook(WebhookDelivery delivery) {
            String event = find(EVENT, delivery).orElseThrow(() -> new WebhookSignatureException("names no event"));
            return new VerifiedWebhook(event, "order");
        }

        @Override
        public Optional<String> webhookShopId(WebhookDelivery delivery) {
            return find(SHOP, delivery);
        }

        private static Optional<String> find(Pattern p, WebhookDelivery delivery) {
            Matcher m = p.matcher(new String(delivery.body(), StandardCharsets.UTF_8));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }

        @Override
        public MissedWebhooks missedWebhooks() {
            calls.incrementAndGet();
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new RateLimitedException(platform(), "error_rate_limit", "slow down", null, 429, Duration.ofSeconds(1));
            }
            MissedWebhooks page;
            synchronized (this) {
                MissedWebhooks repeated = repeatUntilConfirmed;
                page = repeated != null ? repeated : pages.isEmpty() ? MissedWebhooks.NONE : pages.peekFirst();
            }
            onFetch.run();
            return page;
        }

        @Override
        public synchronized void confirmMissedWebhooks(String confirmation) {
            seenAtConfirmation.add(onConfirm.get());
            confirmed.add(confirmation);
            if (repeatUntilConfirmed != null && confirmation.equals(repeatUntilConfirmed.confirmation())) {
                repeatUntilConfirmed = null;
            } else if (!pages.isEmpty() && confirmation.equals(pages.peekFirst().confirmation())) {
                pages.removeFirst();
            }
        }
    }
}
