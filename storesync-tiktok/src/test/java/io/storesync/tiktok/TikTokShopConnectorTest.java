package io.storesync.tiktok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storesync.api.Secret;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreId;
import io.storesync.api.webhook.WebhookSignatureException;
import io.storesync.connector.kit.ConnectorEventListener;
import io.storesync.connector.kit.ErrorClassifier;
import io.storesync.connector.kit.PlatformError;
import io.storesync.spi.connector.AccessTokenRejectedException;
import io.storesync.spi.connector.Authorization;
import io.storesync.spi.connector.AuthorizedShop;
import io.storesync.spi.connector.ConnectorException;
import io.storesync.spi.connector.ConnectorListing;
import io.storesync.spi.connector.CredentialsRejectedException;
import io.storesync.spi.connector.ListingPage;
import io.storesync.spi.connector.PriceUpdate;
import io.storesync.spi.connector.PushResult;
import io.storesync.spi.connector.StockUpdate;
import io.storesync.spi.connector.StoreAccess;
import io.storesync.spi.connector.WebhookDelivery;
import io.storesync.spi.connector.WebhookEvent;
import io.storesync.testkit.simulator.RecordedRequest;
import io.storesync.testkit.simulator.SignedDelivery;
import io.storesync.testkit.simulator.SimulatedListing;
import io.storesync.testkit.simulator.tiktok.TikTokShopSimulator;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TikTok Shop specifics the compatibility kit does not cover, against the simulator. */
class TikTokShopConnectorTest {
    private static final URI CALLBACK = URI.create("https://host.example/cb");
    private final TikTokShopSimulator sim = TikTokShopSimulator.start();
    private final TikTokShopConnector connector = TikTokConnectorKitTest.connector(sim, Duration.ofSeconds(10));

    @AfterEach
    void stop() {
        sim.close();
    }

    private static StoreAccess access(String shopId, StoreCredentials credentials) {
        return new StoreAccess(new StoreId(UUID.nameUUIDFromBytes(shopId.getBytes(StandardCharsets.UTF_8))), shopId,
                credentials);
    }

    @Test
    void oneConsentGrantsSeveralShopsEachWithItsCipherAndTheCodeIsSingleUse() {
        URI url = connector.consentUrl("st4te", CALLBACK);
        assertThat(url.toString()).startsWith(TikTokShopConnector.DEFAULT_CONSENT + "?service_id=").endsWith("&state=st4te");
        String code = sim.consent("shop-1", "shop-2");
        Authorization granted = connector.exchangeCode(code, CALLBACK);
        assertThat(granted.shops()).extracting(AuthorizedShop::platformStoreId).containsExactly("shop-1", "shop-2");
        // the token is the consent's; each cipher only its own shop's store gets
        assertThat(granted.credentials().extra().keySet()).noneMatch(k -> k.startsWith(TikTokShopConnector.CIPHER_PREFIX));
        AuthorizedShop shop1 = granted.shops().get(0);
        AuthorizedShop shop2 = granted.shops().get(1);
        assertThat(granted.credentialsFor(shop1).extra().get("shop_cipher:shop-1").reveal()).isEqualTo(sim.cipher("shop-1"));
        assertThat(granted.credentialsFor(shop1).extra()).doesNotContainKey("shop_cipher:shop-2");
        assertThat(granted.credentialsFor(shop2).extra().get("shop_cipher:shop-2").reveal()).isEqualTo(sim.cipher("shop-2"));
        assertThat(shop2.toString()).doesNotContain(sim.cipher("shop-2"));
        assertThat(granted.authorizationExpiry()).isPresent();
        assertThat(TikTokShopConnector.authorizationExpiry(granted.credentials())).isEqualTo(granted.authorizationExpiry());
        assertThat(granted.toString()).doesNotContain(granted.credentials().accessToken().reveal());
        // each shop is reachable with the shared token and its own cipher
        sim.shop("shop-2").add(SimulatedListing.of("P2", "SKU-2", "1.00", 3));
        assertThat(connector.listListings(access("shop-2", granted.credentialsFor(shop2)), null).listings())
                .extracting(ConnectorListing::sku).containsExactly("SKU-2");
        CredentialsRejectedException replay = org.junit.jupiter.api.Assertions.assertThrows(
                CredentialsRejectedException.class, () -> connector.exchangeCode(code, CALLBACK));
        assertThat(replay.platformCode()).contains("36004004");
        assertThat(replay.getMessage()).doesNotContain(sim.appSecret()).doesNotContain(code);
    }

    @Test
    void storesOfOneConsentShareARotatingRefreshTokenWithoutLockingEachOtherOut() {
        Authorization granted = connector.exchangeCode(sim.consent("s1", "s2"), CALLBACK);
        StoreCredentials fresh1 = connector.refreshCredentials(access("s1", granted.credentialsFor(granted.shops().get(0))));
        StoreCredentials fresh2 = connector.refreshCredentials(access("s2", granted.credentialsFor(granted.shops().get(1))));
        assertThat(sim.refreshesServed()).as("one refresh token spent once").isEqualTo(1);
        assertThat(fresh1.accessToken()).isEqualTo(fresh2.accessToken());
        assertThat(fresh1.refreshToken()).isNotEqualTo(granted.credentials().refreshToken());
        assertThat(fresh1.extra()).containsKey("shop_cipher:s1").doesNotContainKey("shop_cipher:s2");
        assertThat(fresh2.extra()).containsKey("shop_cipher:s2").doesNotContainKey("shop_cipher:s1");
        // the new token works; a connector that did not see the refresh is refused the spent token
        sim.shop("s1").add(SimulatedListing.of("P", "SKU", "1.00", 1));
        assertThat(connector.listListings(access("s1", fresh1), null).listings()).hasSize(1);
        TikTokShopConnector other = TikTokConnectorKitTest.connector(sim, Duration.ofSeconds(10));
        assertThatThrownBy(() -> other.refreshCredentials(access("s1", granted.credentialsFor(granted.shops().get(0)))))
                .isInstanceOf(CredentialsRejectedException.class);
        assertThat(other.refreshCredentials(access("s1", fresh1)).accessToken()).isNotEqualTo(fresh1.accessToken());
    }

    @Test
    void anExpiredAccessTokenIsReportedAsOneARefreshMayCureAndARefusedRefreshIsFinal() {
        sim.shop("x1").add(SimulatedListing.of("P", "SKU", "1.00", 1));
        Authorization granted = connector.exchangeCode(sim.consent("x1"), CALLBACK);
        StoreCredentials issued = granted.credentialsFor(granted.shops().get(0));
        sim.expireAccessTokens("x1");
        assertThatThrownBy(() -> connector.listListings(access("x1", issued), null))
                .isInstanceOf(AccessTokenRejectedException.class)
                .satisfies(e -> assertThat(((ConnectorException) e).platformCode()).contains("105002"));
        StoreCredentials fresh = connector.refreshCredentials(access("x1", issued));
        assertThat(connector.listListings(access("x1", fresh), null).listings()).hasSize(1);
        // an access token TikTok no longer knows at all (the consent revoked): also one a refresh is tried for
        sim.revokeCredentials("x1");
        assertThatThrownBy(() -> connector.listListings(access("x1", fresh), null))
                .isInstanceOf(AccessTokenRejectedException.class)
                .satisfies(e -> assertThat(((ConnectorException) e).platformCode()).contains("36009004"));
        // a refused refresh is final: no refresh can cure it
        TikTokShopConnector other = TikTokConnectorKitTest.connector(sim, Duration.ofSeconds(10));
        assertThatThrownBy(() -> other.refreshCredentials(access("x1", fresh)))
                .isInstanceOf(CredentialsRejectedException.class).isNotInstanceOf(AccessTokenRejectedException.class);
        // and so is a spent consent code
        assertThatThrownBy(() -> connector.exchangeCode("not-a-code", CALLBACK))
                .isInstanceOf(CredentialsRejectedException.class).isNotInstanceOf(AccessTokenRejectedException.class);
    }

    @Test
    void theSimulatorRefusesAWrongSignatureAndAStaleTimestampAsNonRetryableWithTikToksCode() {
        StoreAccess store = access("k", sim.credentials("k"));
        TikTokShopConnector wrongSecret = TikTokShopConnector.create(new io.storesync.spi.connector.ConnectorSettings(
                TikTokShopConnector.PLATFORM, TikTokConnectorKitTest.settings(sim, Duration.ofSeconds(10)).values(),
                Map.of("app_secret", Secret.of("not-the-secret"))));
        ConnectorException sign = org.junit.jupiter.api.Assertions.assertThrows(ConnectorException.class,
                () -> wrongSecret.listListings(store, null));
        assertThat(sign.retryable()).isFalse();
        assertThat(sign.platformCode()).contains("106001");
        assertThat(sign.requestId()).isPresent();
        assertThat(sign.getMessage()).doesNotContain("not-the-secret").doesNotContain(store.credentials().accessToken().reveal());

        TikTokShopConnector late = TikTokShopConnector.create(TikTokConnectorKitTest.settings(sim, Duration.ofSeconds(10)),
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-6)), ConnectorEventListener.NONE);
        ConnectorException stale = org.junit.jupiter.api.Assertions.assertThrows(ConnectorException.class,
                () -> late.ordersById(store, List.of("1")));
        assertThat(stale.retryable()).isFalse();
        assertThat(stale.platformCode()).contains("36009004");
        assertThat(stale).isNotInstanceOf(CredentialsRejectedException.class);

        TikTokShopConnector ahead = TikTokShopConnector.create(TikTokConnectorKitTest.settings(sim, Duration.ofSeconds(10)),
                Clock.offset(Clock.systemUTC(), Duration.ofSeconds(45)), ConnectorEventListener.NONE);
        assertThatThrownBy(() -> ahead.ordersById(store, List.of("1"))).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("30 seconds");
    }

    @Test
    void aStoreWithoutItsCipherIsAPermanentErrorAndTheShopsCallNeverSendsOne() {
        StoreCredentials withoutCipher = new StoreCredentials(sim.credentials("k").accessToken(), null, null, Map.of());
        ConnectorException e = org.junit.jupiter.api.Assertions.assertThrows(ConnectorException.class,
                () -> connector.listListings(access("k", withoutCipher), null));
        assertThat(e.retryable()).isFalse();
        connector.exchangeCode(sim.consent("k2"), CALLBACK);
        List<RecordedRequest> shops = sim.requests().stream().filter(r -> r.path().startsWith("/authorization/")).toList();
        assertThat(shops).singleElement().satisfies(r -> {
            assertThat(r.query()).doesNotContain("shop_cipher").doesNotContain("access_token");
            assertThat(r.header("x-tts-access-token")).isNotBlank();
            assertThat(r.status()).isEqualTo(200);
        });
        assertThat(sim.requests()).filteredOn(r -> r.path().startsWith("/order/") || r.path().startsWith("/product/"))
                .allSatisfy(r -> assertThat(r.query()).contains("shop_cipher="));
    }

    @Test
    void listingsCarryEveryWarehousesStockAndAPushSetsThePrimaryWarehouseAndZeroesTheOthers() {
        StoreAccess store = access("w", sim.credentials("w"));
        sim.shop("w").add(new SimulatedListing("P1", "S1", "TEA-1", new BigDecimal("12.50"), 0, true),
                new SimulatedListing("P1", "S2", "TEA-2", new BigDecimal("13.50"), 4, true));
        Map<String, Integer> split = new LinkedHashMap<>();
        split.put("W-A", 5);
        split.put("W-B", 7);
        sim.warehouses("w", "P1", "S1", split);
        List<ConnectorListing> listings = connector.listListings(store, null).listings();
        assertThat(listings).filteredOn(l -> "S1".equals(l.platformVariantId())).singleElement()
                .satisfies(l -> assertThat(l.stock()).isEqualTo(12));
        List<PushResult> results = connector.pushStock(store, List.of(new StockUpdate("P1", "S1", 9),
                new StockUpdate("P1", "S2", 2), new StockUpdate("P1", "S9", 1)));
        assertThat(results).extracting(PushResult::accepted).containsExactly(true, true, false);
        assertThat(sim.warehouseStock("w", "P1", "S1")).containsExactly(Map.entry("W-A", 9), Map.entry("W-B", 0));
        assertThat(sim.shop("w").stock("P1", "S2")).isEqualTo(2);
        assertThat(sim.requests()).filteredOn(r -> r.path().endsWith("/inventory/update"))
                .as("one call for the product's SKUs").hasSize(1);
        List<PushResult> prices = connector.pushPrices(store, List.of(new PriceUpdate("P1", "S2", new BigDecimal("14.05"))));
        assertThat(prices).singleElement().satisfies(r -> assertThat(r.accepted()).isTrue());
        assertThat(sim.shop("w").listing("P1", "S2").orElseThrow().price()).isEqualByComparingTo("14.05");
    }

    @Test
    void aPushForAProductNotSeenSinceStartReadsItFirstAndAnUnknownWarehouseIsRefusedPerSku() {
        StoreAccess store = access("w2", sim.credentials("w2"));
        sim.shop("w2").add(new SimulatedListing("P1", "S1", "TEA-1", new BigDecimal("1.00"), 3, true));
        TikTokShopConnector pinned = TikTokShopConnector.create(new io.storesync.spi.connector.ConnectorSettings(
                TikTokShopConnector.PLATFORM, with(TikTokConnectorKitTest.settings(sim, Duration.ofSeconds(10)).values(),
                "default_warehouse_id", "W-X"), Map.of("app_secret", Secret.of(sim.appSecret()))));
        assertThat(pinned.pushStock(store, List.of(new StockUpdate("P1", "S1", 6)))).singleElement()
                .satisfies(r -> assertThat(r.accepted()).isTrue());
        assertThat(sim.requests()).extracting(RecordedRequest::path)
                .containsSubsequence("/product/202309/products/P1", "/product/202309/products/P1/inventory/update");
        assertThat(sim.shop("w2").stock("P1", "S1")).isEqualTo(6);
    }

    @Test
    void productSearchPastTheResultCapIsSplitByUpdateTime() {
        StoreAccess store = access("big", sim.credentials("big"));
        sim.searchCap(100);
        TikTokShopConnector connector = TikTokShopConnector.create(new io.storesync.spi.connector.ConnectorSettings(
                TikTokShopConnector.PLATFORM, with(TikTokConnectorKitTest.settings(sim, Duration.ofSeconds(10)).values(),
                "search_result_cap", "100"), Map.of("app_secret", Secret.of(sim.appSecret()))));
        Instant base = Instant.now().minus(Duration.ofDays(30));
        for (int i = 0; i < 250; i++) {
            String id = String.format("P%04d", i);
            sim.shop("big").add(SimulatedListing.of(id, "SKU-" + i, "1.00", 1));
            sim.productUpdatedAt("big", id, base.plus(Duration.ofHours(i)));
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            ListingPage page = connector.listListings(store, cursor);
            page.listings().forEach(l -> assertThat(seen.add(l.platformProductId())).as("once: " + l).isTrue());
            cursor = page.nextCursor();
            assertThat(++pages).isLessThan(100);
        } while (cursor != null);
        assertThat(seen).hasSize(250);
        assertThat(sim.requests()).noneMatch(r -> r.status() != 200);
    }

    @Test
    void webhooksAreVerifiedAppWideRoutedByShopAndHugeIdsKeptExact() {
        sim.numericIds(true);
        String shop = "7494049642642441621"; // above 2^53
        ObjectNode data = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        data.put("order_id", new java.math.BigInteger("576486316948490001"));
        SignedDelivery d = sim.event(shop, null, 12, data, Instant.now());
        WebhookDelivery delivery = new WebhookDelivery(d.headers(), d.body());
        assertThat(new String(d.body(), StandardCharsets.UTF_8)).contains("\"shop_id\":" + shop);
        assertThat(connector.verifyAppWebhook(delivery).platformEventId()).as("no id: the engine digests the body").isNull();
        assertThat(connector.verifyAppWebhook(delivery).eventType()).isEqualTo("RETURN_STATUS_CHANGE");
        assertThat(connector.webhookShopId(delivery)).contains(shop);
        StoreAccess store = access(shop, sim.credentials(shop));
        assertThat(connector.parseWebhook(store, delivery)).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(WebhookEvent.Kind.ORDER_CHANGED);
            assertThat(e.reference()).isEqualTo("576486316948490001");
        });
        assertThatThrownBy(() -> connector.verifyWebhook(access("another", store.credentials()), delivery))
                .isInstanceOf(WebhookSignatureException.class);
        assertThat(connector.storedWebhookHeaders()).doesNotContain("authorization");
    }

    @Test
    void deauthorisationRevokesAndAnExpiryWarningOnlyOnceItHasPassed() {
        StoreAccess store = access("x", sim.credentials("x"));
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(kinds(store, sim.event("x", "e1", 6, mapper.createObjectNode(), Instant.now())))
                .containsExactly(WebhookEvent.Kind.AUTHORIZATION_REVOKED);
        ObjectNode future = mapper.createObjectNode().put("expiration_time",
                Long.toString(Instant.now().plus(Duration.ofDays(30)).getEpochSecond()));
        assertThat(kinds(store, sim.event("x", "e2", 7, future, Instant.now()))).containsExactly(WebhookEvent.Kind.OTHER);
        ObjectNode past = mapper.createObjectNode().put("expiration_time", Long.toString(Instant.now().minusSeconds(5).getEpochSecond()));
        assertThat(kinds(store, sim.event("x", "e3", 7, past, Instant.now())))
                .containsExactly(WebhookEvent.Kind.AUTHORIZATION_REVOKED);
        assertThat(kinds(store, sim.orderEvent("x", "e4", 11, "123", Instant.now())))
                .containsExactly(WebhookEvent.Kind.ORDER_CHANGED);
        assertThat(kinds(store, sim.event("x", "e5", 16, mapper.createObjectNode().put("product_id", "9"), Instant.now())))
                .containsExactly(WebhookEvent.Kind.LISTING_CHANGED);
    }

    private List<WebhookEvent.Kind> kinds(StoreAccess store, SignedDelivery d) {
        WebhookDelivery delivery = new WebhookDelivery(d.headers(), d.body());
        connector.verifyWebhook(store, delivery);
        return connector.parseWebhook(store, delivery).stream().map(WebhookEvent::kind).toList();
    }

    @Test
    void webhookSubscriptionsAreManagedPerShop() {
        StoreAccess store = access("h", sim.credentials("h"));
        connector.subscribeWebhook(store, "ORDER_STATUS_CHANGE", URI.create("https://host.example/tts"));
        connector.subscribeWebhook(store, "CANCELLATION_STATUS_CHANGE", URI.create("https://host.example/tts"));
        assertThat(connector.webhookSubscriptions(store)).extracting(WebhookSubscription::eventType)
                .containsExactly("CANCELLATION_STATUS_CHANGE", "ORDER_STATUS_CHANGE");
        connector.unsubscribeWebhook(store, "ORDER_STATUS_CHANGE");
        assertThat(sim.webhookSubscriptions("h")).containsOnlyKeys("CANCELLATION_STATUS_CHANGE");
        assertThatThrownBy(() -> connector.subscribeWebhook(store, "X", URI.create("http://plain.example")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyDocumentedStatusMapsAndAnUnknownOneIsKept() {
        StoreAccess store = access("st", sim.credentials("st"));
        Instant now = Instant.now();
        int i = 0;
        for (String status : TikTokShopSimulator.STATUSES) {
            sim.shop("st").put(new io.storesync.testkit.simulator.SimulatedOrder("O" + i++, null, status, "USD",
                    new BigDecimal("10.00"), Map.of("name", "B"), now, now, List.of()));
        }
        var orders = connector.ordersChanged(store, now.minusSeconds(60), now.plusSeconds(1), null).orders();
        assertThat(orders).hasSize(TikTokShopSimulator.STATUSES.size())
                .allSatisfy(o -> assertThat(o.status()).isNotEqualTo(io.storesync.api.order.OrderStatus.UNKNOWN));
    }

    private static Map<String, String> with(Map<String, String> values, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return copy;
    }

    @Test
    void everyDocumentedErrorCodeMapsToItsKind() {
        Map<String, ErrorClassifier.Kind> byCode = Map.ofEntries(
                Map.entry("36009002", ErrorClassifier.Kind.RATE_LIMITED),
                Map.entry("105001", ErrorClassifier.Kind.CREDENTIALS_REJECTED),
                Map.entry("105002", ErrorClassifier.Kind.CREDENTIALS_REJECTED),
                Map.entry("105003", ErrorClassifier.Kind.CREDENTIALS_REJECTED),
                Map.entry("101000", ErrorClassifier.Kind.CREDENTIALS_REJECTED),
                Map.entry("36004001", ErrorClassifier.Kind.CREDENTIALS_REJECTED),
                Map.entry("36004004", ErrorClassifier.Kind.CREDENTIALS_REJECTED),
                Map.entry("36004005", ErrorClassifier.Kind.CREDENTIALS_REJECTED),
                Map.entry("36009003", ErrorClassifier.Kind.RETRYABLE),
                Map.entry("36009007", ErrorClassifier.Kind.RETRYABLE),
                Map.entry("106001", ErrorClassifier.Kind.PERMANENT),
                Map.entry("106013", ErrorClassifier.Kind.PERMANENT),
                Map.entry("105005", ErrorClassifier.Kind.PERMANENT),
                Map.entry("12052180", ErrorClassifier.Kind.PERMANENT),
                Map.entry("12019028", ErrorClassifier.Kind.PERMANENT));
        byCode.forEach((code, kind) -> assertThat(TikTokShopConnector.CLASSIFIER.classify(
                new PlatformError(200, code, "message", "request", null))).as(code).isEqualTo(kind));
        // 36009004 is several faults: only the access-token one is about credentials
        assertThat(TikTokShopConnector.CLASSIFIER.classify(new PlatformError(401, "36009004",
                "The `x-tts-access-token` header is invalid.", null, null))).isEqualTo(ErrorClassifier.Kind.CREDENTIALS_REJECTED);
        for (String other : List.of("Invalid timestamp. The timestamp must not exceed the current time by more than 30 seconds.",
                "Unexpected identifier. The shop_cipher query parameter is not required for this request.",
                "Invalid credentials. Invalid `app_key`.", "invalid param error")) {
            assertThat(TikTokShopConnector.CLASSIFIER.classify(new PlatformError(400, "36009004", other, null, null)))
                    .as(other).isEqualTo(ErrorClassifier.Kind.PERMANENT);
        }
        // a code TikTok has not documented falls back on the HTTP status
        assertThat(TikTokShopConnector.CLASSIFIER.classify(new PlatformError(429, "99999999", null, null, null)))
                .isEqualTo(ErrorClassifier.Kind.RATE_LIMITED);
        assertThat(TikTokShopConnector.CLASSIFIER.classify(new PlatformError(503, "99999999", null, null, null)))
                .isEqualTo(ErrorClassifier.Kind.RETRYABLE);
        assertThat(TikTokShopConnector.CLASSIFIER.classify(new PlatformError(200, "99999999", null, null, null)))
                .isEqualTo(ErrorClassifier.Kind.PERMANENT);
    }

    @Test
    void mappedWarehouseQuantitiesAreSentAsGivenAndTheSkusOtherWarehousesGetZero() {
        sim.shop("w").add(new io.storesync.testkit.simulator.SimulatedListing("1001", "2001", "S", new java.math.BigDecimal("1.00"), 0, true));
        Map<String, Integer> split = new java.util.LinkedHashMap<>();
        split.put("7001", 1);
        split.put("7002", 1);
        split.put("7003", 1);
        sim.warehouses("w", "1001", "2001", split);
        StoreAccess store = access("w", sim.credentials("w"));
        // the store maps locations to 7002 and 7001 only; 7003 is the SKU's but stocked by no location
        assertThat(connector.pushStock(store, List.of(new io.storesync.spi.connector.StockUpdate("1001", "2001", 9,
                Map.of("7001", 4, "7002", 5))))).singleElement().satisfies(r -> assertThat(r.accepted()).isTrue());
        assertThat(sim.warehouseStock("w", "1001", "2001")).containsExactlyInAnyOrderEntriesOf(Map.of("7001", 4, "7002", 5, "7003", 0));
        // a mapped warehouse the SKU does not have is sent when it has stock, and TikTok's refusal names it
        var refused = connector.pushStock(store, List.of(new io.storesync.spi.connector.StockUpdate("1001", "2001", 3,
                Map.of("7001", 1, "7009", 2))));
        assertThat(refused).singleElement().satisfies(r -> {
            assertThat(r.accepted()).isFalse();
            assertThat(r.error()).contains("7009").contains("12052097");
        });
        assertThat(sim.warehouseStock("w", "1001", "2001")).containsExactlyInAnyOrderEntriesOf(Map.of("7001", 4, "7002", 5, "7003", 0));
    }

    @Test
    void withAWebhookUrlEveryShopOfAConsentIsSubscribedToTheEventsStoreSyncReads() {
        Map<String, String> values = new LinkedHashMap<>(TikTokConnectorKitTest.settings(sim, Duration.ofSeconds(10)).values());
        values.put("webhook_url", "https://host.example/tts/webhooks");
        TikTokShopConnector subscribing = TikTokShopConnector.create(new io.storesync.spi.connector.ConnectorSettings(
                TikTokShopConnector.PLATFORM, values, Map.of("app_secret", Secret.of(sim.appSecret()))));
        subscribing.exchangeCode(sim.consent("sub-1", "sub-2"), CALLBACK);
        for (String shop : List.of("sub-1", "sub-2")) {
            assertThat(sim.webhookSubscriptions(shop)).containsOnlyKeys(TikTokShopConnector.CONSENT_WEBHOOKS)
                    .allSatisfy((type, address) -> assertThat(address).isEqualTo("https://host.example/tts/webhooks"));
        }
        assertThat(sim.requests()).noneMatch(r -> r.status() != 200);
        values.put("webhook_url", "http://host.example/plain");
        assertThatThrownBy(() -> TikTokShopConnector.create(new io.storesync.spi.connector.ConnectorSettings(
                TikTokShopConnector.PLATFORM, values, Map.of("app_secret", Secret.of(sim.appSecret())))))
                .isInstanceOf(io.storesync.api.StoreSyncException.class).hasMessageContaining("webhook_url");
    }
}
