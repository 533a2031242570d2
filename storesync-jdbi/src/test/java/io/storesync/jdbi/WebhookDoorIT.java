package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.ErrorCode;
import io.storesync.api.Secret;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.Tenant;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreSettings;
import io.storesync.api.webhook.WebhookEndpoint;
import io.storesync.api.webhook.WebhookEndpointId;
import io.storesync.api.webhook.WebhookPayloadTooLargeException;
import io.storesync.api.webhook.WebhookReceipt;
import io.storesync.api.webhook.WebhookRequest;
import io.storesync.api.webhook.WebhookSignatureException;
import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.ConnectorProvider;
import io.storesync.spi.connector.ConnectorSettings;
import io.storesync.spi.connector.ListingPage;
import io.storesync.spi.connector.OrderPage;
import io.storesync.spi.connector.PriceUpdate;
import io.storesync.spi.connector.PushResult;
import io.storesync.spi.connector.StockUpdate;
import io.storesync.spi.connector.StoreAccess;
import io.storesync.spi.connector.VerifiedWebhook;
import io.storesync.spi.connector.WebhookDelivery;
import io.storesync.spi.connector.WebhookEvent;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The webhook door, against a real database as the application role: what a delivery may cost before its signature is
 * checked (nothing at all when it is too large), and what of it reaches the database (the body, and only the headers
 * its connector declares, never a credential).
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class WebhookDoorIT {
    private static final CredentialKeys KEYS = CredentialKeys.single("k1", Secret.ofBytes(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}));
    private static final String STORE_TOKEN = "store-token-7c1e";
    private static final long HUNDRED_MB = 100L * 1024 * 1024;

    private final TestDatabase db;
    private final FakeMarketplace fake = FakeMarketplace.create();
    /** Signs with the app's secret (as Shopee and TikTok Shop do). */
    private final TinyConnector appSigned = new TinyConnector("shopee", true);
    /** Signs with the store's own access token. */
    private final TinyConnector storeSigned = new TinyConnector("tiktok_shop", false);
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> rejections = new CopyOnWriteArrayList<>();

    WebhookDoorIT(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void reset() {
        connections.set(0);
        rejections.clear();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // body size

    @Test
    void aHundredMegabyteStreamIsRefusedAfterReadingAtMostTheLimitPlusOneByteWithoutTakingAPoolConnection() throws Exception {
        StoreSync sync = storeSync(StoreSync.DEFAULT_MAX_WEBHOOK_BODY_BYTES);
        Shop shop = shop(sync, fake.platform());
        CountingStream hundredMegabytes = new CountingStream(HUNDRED_MB);
        connections.set(0);

        assertThatThrownBy(() -> sync.receiveWebhook(shop.endpoint.id(), fake.sign(new byte[0]), hundredMegabytes))
                .isInstanceOfSatisfying(WebhookPayloadTooLargeException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
                    assertThat(e.maxBytes()).isEqualTo(1 << 20);
                });

        assertThat(hundredMegabytes.taken).isLessThanOrEqualTo((1L << 20) + 1);
        assertThat(connections).hasValue(0);
        assertThat(events(shop)).isZero();
        assertThat(rejections).singleElement().asString().contains("larger than the maximum");
    }

    @Test
    void anArrayBodyOverTheLimitIsRefusedBeforeAnyPoolWorkAndOneAtTheLimitIsStored() throws Exception {
        StoreSync sync = storeSync(2048);
        Shop shop = shop(sync, fake.platform());
        byte[] atLimit = paddedOrderEvent("evt-at-limit", 2048);
        byte[] overLimit = paddedOrderEvent("evt-over-limit", 2049);
        connections.set(0);

        assertThatThrownBy(() -> sync.receiveWebhook(new WebhookRequest(shop.endpoint.id(), fake.sign(overLimit), overLimit)))
                .isInstanceOf(WebhookPayloadTooLargeException.class);
        assertThatThrownBy(() -> sync.receiveWebhook(shop.endpoint.id(), fake.sign(overLimit), new ByteArrayInputStream(overLimit)))
                .isInstanceOf(WebhookPayloadTooLargeException.class);
        assertThatThrownBy(() -> sync.receiveWebhook(shop.endpoint.id(), fake.sign(overLimit), overLimit))
                .isInstanceOf(WebhookPayloadTooLargeException.class);
        assertThat(connections).hasValue(0);

        WebhookReceipt stored = sync.receiveWebhook(shop.endpoint.id(), fake.sign(atLimit), new ByteArrayInputStream(atLimit));
        assertThat(stored.duplicate()).isFalse();
        assertThat(events(shop)).isEqualTo(1);
        // the stored bytes are the received bytes: the one copy went to the database intact
        assertThat(scalarText(shop.org, "SELECT encode(raw_body, 'hex') FROM webhook_events WHERE id = ?", stored.eventId().value()))
                .isEqualTo(HexFormat.of().formatHex(atLimit));
        // and, verified, it was parsed once for the JSON column
        assertThat(scalarText(shop.org, "SELECT payload->>'event_id' FROM webhook_events WHERE id = ?", stored.eventId().value()))
                .isEqualTo("evt-at-limit");
        assertThat(rejections).hasSize(3);
    }

    @Test
    void theBuilderRefusesAMaximumThatIsNotPositive() {
        assertThatThrownBy(() -> StoreSync.builder().maxWebhookBodyBytes(0))
                .isInstanceOfSatisfying(io.storesync.api.StoreSyncException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // stored headers

    @Test
    void onlyDeclaredHeadersReachTheDatabaseAndNeverAuthorizationOrCookie() throws Exception {
        StoreSync sync = storeSync(StoreSync.DEFAULT_MAX_WEBHOOK_BODY_BYTES);
        Shop shop = shop(sync, fake.platform());
        byte[] body = FakeMarketplace.orderEvent("evt-headers", "SN-1");
        Map<String, List<String>> headers = new HashMap<>(fake.sign(body));
        headers.put("Authorization", List.of("Bearer host-bearer-secret"));
        headers.put("Cookie", List.of("sid=host-cookie-secret"));
        headers.put("X-Api-Key", List.of("gateway-key-secret"));
        headers.put("Webhook-Id", List.of("msg-42"));
        headers.put("User-Agent", List.of("Marketplace/1.0"));

        WebhookReceipt receipt = sync.receiveWebhook(new WebhookRequest(shop.endpoint.id(), headers, body));

        // the default declaration: content type and the Standard Webhooks id; the signature and the agent are dropped too
        assertThat(storedHeaderNames(shop, receipt)).containsExactlyInAnyOrder("content-type", "webhook-id");
        assertThat(wholeRow(shop, receipt)).doesNotContainIgnoringCase("authorization").doesNotContainIgnoringCase("cookie")
                .doesNotContain("host-bearer-secret", "host-cookie-secret", "gateway-key-secret");
    }

    @Test
    void credentialHeadersAreDroppedEvenWhenAConnectorDeclaresThem() throws Exception {
        StoreSync sync = storeSync(StoreSync.DEFAULT_MAX_WEBHOOK_BODY_BYTES);
        Shop shop = shop(sync, appSigned.platform());
        byte[] body = "{\"event\":\"order\",\"id\":\"app-evt-1\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new HashMap<>(appSigned.sign(body));
        headers.put("Authorization", List.of("Bearer host-bearer-secret"));
        headers.put("Cookie", List.of("sid=host-cookie-secret"));
        headers.put("X-Event-Id", List.of("app-evt-1"));

        WebhookReceipt receipt = sync.receiveWebhook(new WebhookRequest(shop.endpoint.id(), headers, body));

        assertThat(storedHeaderNames(shop, receipt)).containsExactlyInAnyOrder("content-type", "x-event-id");
        assertThat(wholeRow(shop, receipt)).doesNotContain("host-bearer-secret", "host-cookie-secret");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // verification order

    @Test
    void anAppSignedConnectorVerifiesBeforeDecryptionAndBeforeAnyTenantWrite() throws Exception {
        StoreSync sync = storeSync(StoreSync.DEFAULT_MAX_WEBHOOK_BODY_BYTES);
        Shop shop = shop(sync, appSigned.platform());
        byte[] body = "{\"event\":\"order\",\"id\":\"app-evt-2\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> forged = new HashMap<>(appSigned.sign(body));
        forged.put(TinyConnector.SIGNATURE, List.of("00".repeat(32)));
        appSigned.connectionsAtVerification.clear();
        connections.set(0);

        assertThatThrownBy(() -> sync.receiveWebhook(new WebhookRequest(shop.endpoint.id(), forged, body)))
                .isInstanceOf(WebhookSignatureException.class);

        // verified with the app secret: the store-secret path (and so the decryption it needs) never ran
        assertThat(appSigned.storeVerifications).hasValue(0);
        // only the two read-only lookups that name the platform came first; nothing was taken after a failed check
        assertThat(appSigned.connectionsAtVerification).containsExactly(2);
        assertThat(connections).hasValue(2);
        assertThat(events(shop)).isZero();
        assertThat(rejections).singleElement().asString().contains("signature");

        WebhookReceipt receipt = sync.receiveWebhook(new WebhookRequest(shop.endpoint.id(), appSigned.sign(body), body));
        assertThat(receipt.duplicate()).isFalse();
        assertThat(events(shop)).isEqualTo(1);
        assertThat(appSigned.storeVerifications).hasValue(0);
    }

    @Test
    void aStoreSignedConnectorGetsTheDecryptedCredentialsAfterTwoShortLookupsAndNoWrite() throws Exception {
        StoreSync sync = storeSync(StoreSync.DEFAULT_MAX_WEBHOOK_BODY_BYTES);
        Shop shop = shop(sync, storeSigned.platform());
        byte[] body = "{\"event\":\"order\",\"id\":\"store-evt-1\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> forged = new HashMap<>(storeSigned.sign(body));
        forged.put(TinyConnector.SIGNATURE, List.of("00".repeat(32)));
        storeSigned.connectionsAtVerification.clear();
        connections.set(0);

        assertThatThrownBy(() -> sync.receiveWebhook(new WebhookRequest(shop.endpoint.id(), forged, body)))
                .isInstanceOf(WebhookSignatureException.class);
        assertThat(storeSigned.connectionsAtVerification).containsExactly(2);
        assertThat(connections).hasValue(2);
        assertThat(events(shop)).isZero();

        // the good signature is keyed with the store's token, so verifying it proves the credentials were decrypted
        assertThat(sync.receiveWebhook(new WebhookRequest(shop.endpoint.id(), storeSigned.sign(body), body)).duplicate())
                .isFalse();
        assertThat(events(shop)).isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // fixtures

    private record Shop(OrganizationId org, Store store, WebhookEndpoint endpoint) {}

    private StoreSync storeSync(int maxBody) {
        return StoreSync.builder().dataSource(counting(db.appDataSource())).schema(db.schema()).credentialKeys(KEYS)
                .discoverConnectors(false).connector(fake.provider()).connector(appSigned.provider())
                .connector(storeSigned.provider()).maxWebhookBodyBytes(maxBody)
                .listener(new StoreSyncListener() {
                    @Override
                    public void webhookRejected(WebhookEndpointId endpoint, String reason) {
                        rejections.add(reason);
                    }
                }).build();
    }

    /** An organization with one store on {@code platform} and a webhook endpoint for it, made through the API. */
    private Shop shop(StoreSync sync, String platform) {
        UserId owner = UserId.random();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Organization org = sync.createOrganization(NewOrganization.of("Door " + tag, "door-" + tag, owner, tag + "@example.com", "Owner"));
        Tenant tenant = sync.tenant(org.id(), Actor.user(owner));
        Store store = tenant.stores().connect(new NewStore(platform, "Shop " + tag, "shop-" + tag,
                StoreCredentials.of(Secret.of(STORE_TOKEN), Secret.of("refresh-" + tag), Instant.now().plus(Duration.ofDays(30))),
                StoreSettings.DEFAULTS));
        WebhookEndpoint endpoint = tenant.webhooks().addEndpoint(store.id(), "https://host.example/hooks/" + tag, List.of("order"));
        return new Shop(org.id(), store, endpoint);
    }

    /** {@code ds}, counting every connection StoreSync borrows from it. */
    private DataSource counting(DataSource ds) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) connections.incrementAndGet();
                    try {
                        return method.invoke(ds, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** A FakeMarketplace order event padded with spaces (still JSON) to exactly {@code size} bytes. */
    private static byte[] paddedOrderEvent(String eventId, int size) {
        byte[] event = FakeMarketplace.orderEvent(eventId, "SN-1");
        byte[] padded = new byte[size];
        System.arraycopy(event, 0, padded, 0, event.length);
        java.util.Arrays.fill(padded, event.length, size, (byte) ' ');
        return padded;
    }

    private long events(Shop shop) throws SQLException {
        return Long.parseLong(scalarText(shop.org, "SELECT count(*)::text FROM webhook_events WHERE store_id = ?",
                shop.store.id().value()));
    }

    private List<String> storedHeaderNames(Shop shop, WebhookReceipt receipt) throws SQLException {
        String names = scalarText(shop.org, "SELECT coalesce(string_agg(k, ',' ORDER BY k), '')"
                + " FROM webhook_events e, jsonb_object_keys(e.headers) k WHERE e.id = ?", receipt.eventId().value());
        return names.isEmpty() ? List.of() : List.of(names.split(","));
    }

    private String wholeRow(Shop shop, WebhookReceipt receipt) throws SQLException {
        return scalarText(shop.org, "SELECT row_to_json(e)::text FROM webhook_events e WHERE e.id = ?", receipt.eventId().value());
    }

    /** One text value, read in a tenant transaction as the application role (outside the counted pool view). */
    private String scalarText(OrganizationId org, String sql, Object arg) throws SQLException {
        try (Connection c = db.appDataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement set = c.prepareStatement(
                    "SELECT set_config('search_path', ?, true), set_config('storesync.organization_id', ?, true)")) {
                set.setString(1, db.schema());
                set.setString(2, org.value().toString());
                set.execute();
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, arg);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("a row for " + sql).isTrue();
                    String value = rs.getString(1);
                    c.commit();
                    return value;
                }
            }
        }
    }

    /** A generated body of {@code size} bytes: nothing is allocated for it; every byte handed out is counted. */
    private static final class CountingStream extends InputStream {
        private final long size;
        long taken;

        CountingStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (taken >= size) return -1;
            taken++;
            return '{';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) return 0;
            if (taken >= size) return -1;
            int n = (int) Math.min(len, size - taken);
            java.util.Arrays.fill(b, off, off + n, (byte) '{');
            taken += n;
            return n;
        }
    }

    /**
     * The smallest connector with a webhook signature: HMAC-SHA256 of the body in {@value #SIGNATURE}, keyed with an
     * app secret or with the store's access token. It records how many pool connections StoreSync had taken when it
     * was asked to verify. Everything else is unsupported: these tests never reach the platform.
     */
    private final class TinyConnector implements Connector {
        static final String SIGNATURE = "X-Tiny-Signature";
        private final String platform;
        private final boolean appSecret;
        private final byte[] appKey = "tiny-app-secret".getBytes(StandardCharsets.UTF_8);
        final List<Integer> connectionsAtVerification = new CopyOnWriteArrayList<>();
        final AtomicInteger storeVerifications = new AtomicInteger();

        TinyConnector(String platform, boolean appSecret) {
            this.platform = platform;
            this.appSecret = appSecret;
        }

        ConnectorProvider provider() {
            return new ConnectorProvider() {
                @Override
                public String platform() {
                    return platform;
                }

                @Override
                public Connector create(ConnectorSettings settings) {
                    return TinyConnector.this;
                }
            };
        }

        Map<String, List<String>> sign(byte[] body) {
            return Map.of(SIGNATURE, List.of(hmac(appSecret ? appKey : STORE_TOKEN.getBytes(StandardCharsets.UTF_8), body)),
                    "Content-Type", List.of("application/json"));
        }

        @Override
        public String platform() {
            return platform;
        }

        @Override
        public boolean verifiesWithAppSecret() {
            return appSecret;
        }

        @Override
        public Set<String> storedWebhookHeaders() {
            // declares credentials on purpose: StoreSync must drop them anyway
            return Set.of("content-type", "x-event-id", "authorization", "cookie");
        }

        @Override
        public VerifiedWebhook verifyAppWebhook(WebhookDelivery delivery) {
            connectionsAtVerification.add(connections.get());
            return check(appKey, delivery);
        }

        @Override
        public VerifiedWebhook verifyWebhook(StoreAccess store, WebhookDelivery delivery) {
            connectionsAtVerification.add(connections.get());
            storeVerifications.incrementAndGet();
            return check(store.credentials().accessToken().revealBytes(), delivery);
        }

        private VerifiedWebhook check(byte[] key, WebhookDelivery delivery) {
            String signature = delivery.header(SIGNATURE).orElseThrow(() -> new WebhookSignatureException("unsigned"));
            if (!MessageDigest.isEqual(hmac(key, delivery.body()).getBytes(StandardCharsets.US_ASCII),
                    signature.getBytes(StandardCharsets.US_ASCII))) {
                throw new WebhookSignatureException("signature does not match the body");
            }
            return new VerifiedWebhook(delivery.header("X-Event-Id").orElse(null), "order");
        }

        private static String hmac(byte[] key, byte[] body) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return HexFormat.of().formatHex(mac.doFinal(body));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<WebhookEvent> parseWebhook(StoreAccess store, WebhookDelivery delivery) {
            return List.of(new WebhookEvent(WebhookEvent.Kind.OTHER, null, null));
        }

        @Override
        public ListingPage listListings(StoreAccess store, @Nullable String cursor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OrderPage ordersChanged(StoreAccess store, Instant from, Instant to, @Nullable String cursor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<OrderSnapshot> ordersById(StoreAccess store, List<String> platformOrderIds) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<PushResult> pushStock(StoreAccess store, List<StockUpdate> updates) {
            return new ArrayList<>();
        }

        @Override
        public List<PushResult> pushPrices(StoreAccess store, List<PriceUpdate> updates) {
            return new ArrayList<>();
        }

        @Override
        public StoreCredentials refreshCredentials(StoreAccess store) {
            throw new UnsupportedOperationException();
        }
    }
}
