package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.ErrorCode;
import io.storesync.api.NotFoundException;
import io.storesync.api.Secret;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.Tenant;
import io.storesync.api.ValidationException;
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
import io.storesync.api.webhook.WebhookPayloadTooLargeException;
import io.storesync.api.webhook.WebhookReceipt;
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
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.Sql;
import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * App-level webhooks (one URL per platform, every shop's events, signed with the app's secret, the shop named in the
 * body), against a real database as the application role: a forged delivery costs no pool connection; a verified one
 * is routed by (platform, shop id) through {@code route_app_webhook} to each active store with that shop, across
 * tenants, and stored once per store; an unknown shop is refused without naming anything; and the routing function,
 * called directly by the application role, hands out nothing but organization and store ids.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class AppWebhookIT {
    private static final CredentialKeys KEYS = CredentialKeys.single("k1", Secret.ofBytes(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}));

    private final TestDatabase db;
    /** Signs with the app's secret and names the shop in the body, as Shopee and TikTok Shop do. */
    private final AppConnector appSigned = new AppConnector("shopee", true);
    /** Signs with something of the store's: has no business at the app-level door. */
    private final AppConnector storeSigned = new AppConnector("tiktok_shop", false);
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> rejections = new CopyOnWriteArrayList<>();
    private final StoreSync sync;

    AppWebhookIT(TestDatabase db) {
        this.db = db;
        this.sync = StoreSync.builder().dataSource(counting(db.appDataSource())).schema(db.schema()).credentialKeys(KEYS)
                .discoverConnectors(false).connector(appSigned.provider()).connector(storeSigned.provider())
                .maxWebhookBodyBytes(4096)
                .listener(new StoreSyncListener() {
                    @Override
                    public void appWebhookRejected(String platform, String reason) {
                        rejections.add(platform + ": " + reason);
                    }
                }).build();
    }

    @BeforeEach
    void reset() {
        connections.set(0);
        rejections.clear();
    }

    @Test
    void aForgedDeliveryIsRefusedBeforeAnyPoolConnectionIsTaken() throws Exception {
        String shopId = "shop-" + tag();
        Shop shop = shop(appSigned.platform(), shopId);
        byte[] body = event("evt-forged", shopId);
        Map<String, List<String>> forged = new HashMap<>(appSigned.sign(body));
        forged.put(AppConnector.SIGNATURE, List.of("00".repeat(32)));
        connections.set(0);

        assertThatThrownBy(() -> sync.receiveWebhook(appSigned.platform(), forged, new ByteArrayInputStream(body)))
                .isInstanceOf(WebhookSignatureException.class);
        assertThatThrownBy(() -> sync.receiveWebhook(appSigned.platform(), forged, body))
                .isInstanceOf(WebhookSignatureException.class);

        assertThat(appSigned.connectionsAtVerification).containsOnly(0);
        assertThat(connections).hasValue(0);
        assertThat(events(shop)).isZero();
        assertThat(rejections).hasSize(2).allMatch(r -> r.contains("signature"));
    }

    @Test
    void anOversizeBodyIsRefusedFirstWithoutVerifyingOrTakingAConnection() {
        byte[] big = new byte[4097];
        connections.set(0);

        assertThatThrownBy(() -> sync.receiveWebhook(appSigned.platform(), Map.of(), new ByteArrayInputStream(big)))
                .isInstanceOf(WebhookPayloadTooLargeException.class);
        assertThatThrownBy(() -> sync.receiveWebhook(appSigned.platform(), Map.of(), big))
                .isInstanceOf(WebhookPayloadTooLargeException.class);
        assertThat(appSigned.connectionsAtVerification).isEmpty();
        assertThat(connections).hasValue(0);
    }

    @Test
    void aConnectorThatDoesNotVerifyWithAnAppSecretIsRefusedWithATypedErrorAndNoDatabaseWork() {
        byte[] body = event("evt-store-signed", "shop-x");
        connections.set(0);

        assertThatThrownBy(() -> sync.receiveWebhook(storeSigned.platform(), storeSigned.sign(body), body))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION));
        assertThatThrownBy(() -> sync.receiveWebhook("no_such_platform", Map.of(), body))
                .isInstanceOf(ValidationException.class);
        assertThat(storeSigned.connectionsAtVerification).isEmpty();
        assertThat(connections).hasValue(0);
    }

    @Test
    void aVerifiedDeliveryIsStoredOnceAndQueuedOnceInItsShopsStore() throws Exception {
        String shopId = "shop-" + tag();
        Shop shop = shop(appSigned.platform(), shopId);
        Shop otherShop = shop(appSigned.platform(), "shop-" + tag());
        byte[] body = event("evt-" + tag(), shopId);

        List<WebhookReceipt> first = sync.receiveWebhook(appSigned.platform(), appSigned.sign(body), new ByteArrayInputStream(body));
        List<WebhookReceipt> again = sync.receiveWebhook(appSigned.platform(), appSigned.sign(body), body);

        assertThat(first).singleElement().satisfies(r -> {
            assertThat(r.organizationId()).isEqualTo(shop.org);
            assertThat(r.storeId()).isEqualTo(shop.store.id());
            assertThat(r.duplicate()).isFalse();
        });
        assertThat(again).singleElement().satisfies(r -> {
            assertThat(r.eventId()).isEqualTo(first.get(0).eventId());
            assertThat(r.duplicate()).isTrue();
        });
        assertThat(events(shop)).isEqualTo(1);
        assertThat(count(shop.org, "SELECT count(*) FROM sync_jobs WHERE store_id = ? AND job_type LIKE 'webhook%'",
                shop.store.id().value())).isEqualTo(1);
        // stored as an app-level delivery: no endpoint
        assertThat(count(shop.org, "SELECT count(*) FROM webhook_events WHERE store_id = ? AND webhook_endpoint_id IS NULL",
                shop.store.id().value())).isEqualTo(1);
        // the other shop of the same platform got nothing
        assertThat(events(otherShop)).isZero();
    }

    /**
     * The choice: a platform shop id normally maps to one store, but the unique key is per organization, so two tenants
     * may have connected the same shop (an agency and the merchant, say). Each gets its own copy, deduplicated in its
     * own store; neither learns of the other beyond the receipts the host is handed.
     */
    @Test
    void aShopConnectedInTwoTenantsIsDeliveredToEachOnceAndNotToAnInactiveStore() throws Exception {
        String shopId = "shop-" + tag();
        Shop a = shop(appSigned.platform(), shopId);
        Shop b = shop(appSigned.platform(), shopId);
        Shop gone = shop(appSigned.platform(), shopId);
        sync.tenant(gone.org, Actor.user(gone.owner)).stores().deactivate(gone.store.id());
        byte[] body = event("evt-" + tag(), shopId);

        List<WebhookReceipt> receipts = sync.receiveWebhook(appSigned.platform(), appSigned.sign(body), body);
        List<WebhookReceipt> again = sync.receiveWebhook(appSigned.platform(), appSigned.sign(body), body);

        assertThat(receipts).extracting(WebhookReceipt::storeId).containsExactlyInAnyOrder(a.store.id(), b.store.id());
        assertThat(receipts).noneMatch(WebhookReceipt::duplicate);
        assertThat(again).hasSize(2).allMatch(WebhookReceipt::duplicate);
        assertThat(events(a)).isEqualTo(1);
        assertThat(events(b)).isEqualTo(1);
        assertThat(events(gone)).isZero();
    }

    @Test
    void anUnknownShopOrADeliveryNamingNoShopIsRefusedAsNotFoundNamingNothing() throws Exception {
        String known = "shop-" + tag();
        Shop shop = shop(appSigned.platform(), known);
        String guessed = "guessed-" + tag();
        byte[] unknown = event("evt-" + tag(), guessed);
        byte[] noShop = "{\"event_id\":\"evt-none\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> sync.receiveWebhook(appSigned.platform(), appSigned.sign(unknown), unknown))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.getMessage()).doesNotContain(guessed, known, shop.org.value().toString(),
                            shop.store.id().value().toString());
                });
        String unknownMessage = catchMessage(unknown);
        assertThat(catchMessage(noShop)).isEqualTo(unknownMessage);
        assertThat(events(shop)).isZero();
        assertThat(rejections).hasSize(3);
    }

    @Test
    void theRoutingFunctionAsTheApplicationRoleReturnsOnlyRoutingColumnsAndNothingForAGuess() throws Exception {
        String shopId = "shop-" + tag();
        Shop shop = shop(appSigned.platform(), shopId);
        try (Connection c = db.appDataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement set = c.prepareStatement("SELECT set_config('search_path', ?, true)")) {
                set.setString(1, db.schema());
                set.execute();
            }
            // no tenant set: the stores table itself shows nothing to the application role
            assertThat(scalarLong(c, "SELECT count(*) FROM stores")).isZero();
            // a guessed shop id: no rows
            assertThat(routeRows(c, appSigned.platform(), "guessed-" + tag())).isEmpty();
            // an empty or wildcard id matches nothing either (equality, not LIKE)
            assertThat(routeRows(c, appSigned.platform(), "%")).isEmpty();
            assertThat(routeRows(c, "%", shopId)).isEmpty();
            // the real shop id: one row, and its columns are the routing and nothing else
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM route_app_webhook(?, ?)")) {
                ps.setString(1, appSigned.platform());
                ps.setString(2, shopId);
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    List<String> columns = new ArrayList<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) columns.add(md.getColumnName(i));
                    assertThat(columns).containsExactly("organization_id", "store_id");
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getObject(1, UUID.class)).isEqualTo(shop.org.value());
                    assertThat(rs.getObject(2, UUID.class)).isEqualTo(shop.store.id().value());
                    assertThat(rs.next()).isFalse();
                }
            }
            // the door is the application role's only: PUBLIC may not execute it, and it is a definer with a pinned path
            assertThat(scalarText(c, "SELECT has_function_privilege('public', 'route_app_webhook(text,text)', 'EXECUTE')::text"))
                    .isEqualTo("false");
            assertThat(scalarText(c, "SELECT p.prosecdef::text || ' ' || array_to_string(p.proconfig, ',') FROM pg_proc p"
                    + " WHERE p.oid = 'route_app_webhook(text,text)'::regprocedure"))
                    .startsWith("true ").contains("search_path=" + db.schema()).contains("pg_temp");
            c.commit();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // fixtures

    private record Shop(OrganizationId org, UserId owner, Store store) {}

    private String catchMessage(byte[] body) {
        try {
            sync.receiveWebhook(appSigned.platform(), appSigned.sign(body), body);
        } catch (NotFoundException e) {
            return e.getMessage();
        }
        throw new AssertionError("not refused");
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static byte[] event(String eventId, String shopId) {
        return ("{\"event_id\":\"" + eventId + "\",\"shop_id\":\"" + shopId + "\",\"code\":3}").getBytes(StandardCharsets.UTF_8);
    }

    /** An organization with one store on {@code platform} with platform shop id {@code shopId}, made through the API. */
    private Shop shop(String platform, String shopId) {
        UserId owner = UserId.random();
        String tag = tag();
        Organization org = sync.createOrganization(NewOrganization.of("App " + tag, "app-" + tag, owner, tag + "@example.com", "Owner"));
        Tenant tenant = sync.tenant(org.id(), Actor.user(owner));
        Store store = tenant.stores().connect(new NewStore(platform, "Shop " + tag, shopId,
                StoreCredentials.of(Secret.of("token-" + tag), Secret.of("refresh-" + tag), Instant.now().plus(Duration.ofDays(30))),
                StoreSettings.DEFAULTS));
        return new Shop(org.id(), owner, store);
    }

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

    private long events(Shop shop) throws SQLException {
        return count(shop.org, "SELECT count(*) FROM webhook_events WHERE store_id = ?", shop.store.id().value());
    }

    /** One count, read in a tenant transaction as the application role (outside the counted pool view). */
    private long count(OrganizationId org, String sql, Object arg) throws SQLException {
        try (Connection c = Sql.tenant(db.appDataSource(), db.schema(), org.value())) {
            long n = Sql.scalar(c, sql, arg);
            c.commit();
            return n;
        }
    }

    private static List<UUID> routeRows(Connection c, String platform, String shopId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT store_id FROM route_app_webhook(?, ?)")) {
            ps.setString(1, platform);
            ps.setString(2, shopId);
            List<UUID> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(rs.getObject(1, UUID.class));
            }
            return rows;
        }
    }

    private static long scalarLong(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private static String scalarText(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    /**
     * HMAC-SHA256 of the body in {@value #SIGNATURE}, keyed with the app's secret (or, when not app-signed, something
     * of the store's); the shop named by {@code "shop_id"} in the body. Records how many pool connections StoreSync had
     * taken when it was asked to verify. Everything else is unsupported.
     */
    private final class AppConnector implements Connector {
        static final String SIGNATURE = "X-App-Signature";
        private static final Pattern SHOP = Pattern.compile("\"shop_id\"\\s*:\\s*\"([^\"]*)\"");
        private static final Pattern EVENT = Pattern.compile("\"event_id\"\\s*:\\s*\"([^\"]*)\"");
        private final String platform;
        private final boolean appSecret;
        private final byte[] appKey = "app-secret-of-the-app".getBytes(StandardCharsets.UTF_8);
        final List<Integer> connectionsAtVerification = new CopyOnWriteArrayList<>();

        AppConnector(String platform, boolean appSecret) {
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
                    return AppConnector.this;
                }
            };
        }

        Map<String, List<String>> sign(byte[] body) {
            return Map.of(SIGNATURE, List.of(hmac(appKey, body)), "Content-Type", List.of("application/json"));
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
        public VerifiedWebhook verifyAppWebhook(WebhookDelivery delivery) {
            connectionsAtVerification.add(connections.get());
            String signature = delivery.header(SIGNATURE).orElseThrow(() -> new WebhookSignatureException("unsigned"));
            if (!MessageDigest.isEqual(hmac(appKey, delivery.body()).getBytes(StandardCharsets.US_ASCII),
                    signature.getBytes(StandardCharsets.US_ASCII))) {
                throw new WebhookSignatureException("signature does not match the body");
            }
            return new VerifiedWebhook(find(EVENT, delivery).orElse(null), "order");
        }

        @Override
        public Optional<String> webhookShopId(WebhookDelivery delivery) {
            return find(SHOP, delivery);
        }

        private Optional<String> find(Pattern p, WebhookDelivery delivery) {
            Matcher m = p.matcher(new String(delivery.body(), StandardCharsets.UTF_8));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }

        @Override
        public VerifiedWebhook verifyWebhook(StoreAccess store, WebhookDelivery delivery) {
            connectionsAtVerification.add(connections.get());
            throw new WebhookSignatureException("store-keyed signatures are not exercised here");
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
