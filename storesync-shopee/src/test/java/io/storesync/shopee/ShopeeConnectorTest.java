package io.storesync.shopee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storesync.api.Secret;
import io.storesync.api.ValidationException;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.order.OrderStatus;
import io.storesync.api.order.OrderStatusMapping;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreId;
import io.storesync.api.webhook.WebhookSignatureException;
import io.storesync.spi.connector.AccessTokenRejectedException;
import io.storesync.spi.connector.Authorization;
import io.storesync.spi.connector.ConnectorException;
import io.storesync.spi.connector.ConnectorListing;
import io.storesync.spi.connector.ConnectorSettings;
import io.storesync.spi.connector.ConsentCallback;
import io.storesync.spi.connector.CredentialsRejectedException;
import io.storesync.spi.connector.ListingPage;
import io.storesync.spi.connector.MissedWebhook;
import io.storesync.spi.connector.MissedWebhooks;
import io.storesync.spi.connector.PriceUpdate;
import io.storesync.spi.connector.PushResult;
import io.storesync.spi.connector.RateLimitedException;
import io.storesync.spi.connector.StockUpdate;
import io.storesync.spi.connector.StoreAccess;
import io.storesync.spi.connector.WebhookDelivery;
import io.storesync.spi.connector.WebhookEvent;
import io.storesync.testkit.simulator.Fault;
import io.storesync.testkit.simulator.FaultPlan;
import io.storesync.testkit.simulator.SignedDelivery;
import io.storesync.testkit.simulator.SimulatedListing;
import io.storesync.testkit.simulator.SimulatedOrder;
import io.storesync.testkit.simulator.shopee.ShopeeSimulator;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The connector against the Shopee simulator: consent, tokens, catalogue, pushes, orders, errors and push handling. */
class ShopeeConnectorTest {
    private static final URI CALLBACK = URI.create("https://host.example/storesync/shopee/callback");
    private final ShopeeSimulator sim = ShopeeSimulator.start();
    private final ShopeeConnector connector = ShopeeConnectorKitTest.connector(sim, Duration.ofSeconds(10));

    @AfterEach
    void stop() {
        sim.close();
    }

    private static StoreAccess access(String shopId, StoreCredentials credentials) {
        return new StoreAccess(new StoreId(UUID.nameUUIDFromBytes(shopId.getBytes(StandardCharsets.UTF_8))), shopId,
                credentials);
    }

    private ShopeeConnector connector(Clock clock, Map<String, String> extraValues, Map<String, Secret> secrets) {
        ConnectorSettings s = sim.connectorSettings();
        Map<String, String> values = new HashMap<>(s.values());
        values.putAll(extraValues);
        Map<String, Secret> keys = new HashMap<>(s.secrets());
        keys.putAll(secrets);
        return ShopeeConnector.create(new ConnectorSettings("shopee", values, keys), clock);
    }

    /** The query of a consent callback, decoded (the ITs read the simulator's redirects with it too). */
    static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    // ---- authorisation ---------------------------------------------------------------------------------------------

    @Test
    void aShopConsentIsExchangedOnceAndReportsItsExpiry() {
        Instant lapses = Instant.now().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        sim.authorizationExpiresAt("101", lapses);
        URI link = connector.consentUrl("st4te", CALLBACK);
        assertThat(link.getRawPath()).isEqualTo("/api/v2/shop/auth_partner");
        URI callback = sim.approve(link, "101");
        Map<String, String> q = query(callback);
        assertThat(q).containsEntry("state", "st4te").containsEntry("shop_id", "101");
        String code = ShopeeConnector.consentCode(q.get("code"), q.get("shop_id"), null);
        Authorization granted = connector.exchangeCode(code, CALLBACK);
        assertThat(granted.shops()).extracting(s -> s.platformStoreId()).containsExactly("101");
        assertThat(granted.shops().get(0).region()).isEqualTo("SG");
        assertThat(granted.authorizationExpiry()).contains(lapses);
        assertThat(granted.credentials().refreshToken()).isNotNull();
        assertThat(granted.credentials().expiry()).isPresent();
        // the code is single-use
        assertThatThrownBy(() -> connector.exchangeCode(code, CALLBACK)).isInstanceOf(CredentialsRejectedException.class);
        // the callback's raw query works as well
        URI again = sim.approve(connector.consentUrl("s2", CALLBACK), "101");
        assertThat(connector.exchangeCode(again.getRawQuery(), CALLBACK).shops()).hasSize(1);
    }

    @Test
    void aMainAccountConsentGrantsEveryShop() {
        URI callback = sim.approveMainAccount(connector.consentUrl("st", CALLBACK), "9000", List.of("201", "202", "203"));
        Map<String, String> q = query(callback);
        assertThat(q).containsEntry("main_account_id", "9000").doesNotContainKey("shop_id");
        Authorization granted = connector.exchangeCode(ShopeeConnector.consentCode(q.get("code"), null, "9000"), CALLBACK);
        assertThat(granted.shops()).extracting(s -> s.platformStoreId()).containsExactly("201", "202", "203");
        // the one token opens each shop
        for (String shop : List.of("201", "202", "203")) {
            sim.shop(shop).add(SimulatedListing.of("7" + shop, "SKU-" + shop, "1.00", 1));
            assertThat(connector.listListings(access(shop, granted.credentials()), null).listings()).hasSize(1);
        }
    }

    @Test
    void theWholeCallbackNamesTheShopOrTheMainAccountTheCodeIsFor() {
        // a main account: one code, three shops
        Map<String, String> main = query(sim.approveMainAccount(connector.consentUrl("st", CALLBACK), "9100",
                List.of("211", "212", "213")));
        main.remove("state");
        String code = main.remove("code");
        Authorization granted = connector.exchangeCode(new ConsentCallback(code, main), CALLBACK);
        assertThat(granted.shops()).extracting(s -> s.platformStoreId()).containsExactly("211", "212", "213");
        // the token/get body carried main_account_id, not shop_id
        assertThat(sim.requests()).filteredOn(r -> r.path().endsWith("/auth/token/get")).singleElement()
                .satisfies(r -> assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"main_account_id\":9100")
                        .doesNotContain("shop_id"));
        // one shop
        Map<String, String> one = query(sim.approve(connector.consentUrl("st2", CALLBACK), "214"));
        String code2 = one.remove("code");
        one.remove("state");
        assertThat(connector.exchangeCode(new ConsentCallback(code2, one), CALLBACK).shops())
                .extracting(s -> s.platformStoreId()).containsExactly("214");
        // a callback naming neither (or the code alone) is refused before Shopee is asked
        int calls = sim.requests().size();
        assertThatThrownBy(() -> connector.exchangeCode(ConsentCallback.of("abc"), CALLBACK))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> connector.exchangeCode(new ConsentCallback("abc", Map.of("shop_id", "1",
                "main_account_id", "2")), CALLBACK)).isInstanceOf(ValidationException.class);
        assertThat(sim.requests()).hasSize(calls);
    }

    @Test
    void anExpiredAccessTokenIsReportedAsOneARefreshMayCure() {
        sim.shop("311").add(SimulatedListing.of("7311", "SKU-311", "1.00", 1));
        StoreCredentials issued = sim.credentials("311");
        sim.expireAccessTokens("311");
        assertThatThrownBy(() -> connector.listListings(access("311", issued), null))
                .isInstanceOf(AccessTokenRejectedException.class)
                .satisfies(e -> assertThat(((ConnectorException) e).platformCode()).contains("error_auth"));
        StoreCredentials fresh = connector.refreshCredentials(access("311", issued));
        assertThat(connector.listListings(access("311", fresh), null).listings()).hasSize(1);
        // a refused refresh is final: no refresh can cure it
        assertThatThrownBy(() -> connector.refreshCredentials(access("311", issued)))
                .isInstanceOf(CredentialsRejectedException.class).isNotInstanceOf(AccessTokenRejectedException.class);
    }

    @Test
    void aConsentLinkOlderThanFiveMinutesIsRefusedByShopee() {
        ShopeeConnector late = connector(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-6)), Map.of(), Map.of());
        URI stale = late.consentUrl("st", CALLBACK);
        assertThatThrownBy(() -> sim.approve(stale, "101")).hasMessageContaining("Timestamp is expired");
    }

    @Test
    void refreshRotatesTheRefreshTokenAndAUsedOneIsRejected() {
        StoreCredentials first = sim.credentials("301");
        StoreCredentials withLocation = new StoreCredentials(first.accessToken(), first.refreshToken(), first.expiresAt(),
                Map.of(ShopeeConnector.LOCATION_ID, Secret.of("SGZ")));
        StoreCredentials second = connector.refreshCredentials(access("301", withLocation));
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(second.extra()).containsKey(ShopeeConnector.LOCATION_ID);
        assertThat(second.expiresAt()).isBetween(Instant.now().plus(Duration.ofHours(3)), Instant.now().plus(Duration.ofHours(5)));
        assertThatThrownBy(() -> connector.refreshCredentials(access("301", first)))
                .isInstanceOf(CredentialsRejectedException.class);
        StoreCredentials third = connector.refreshCredentials(access("301", second));
        assertThat(third.refreshToken()).isNotEqualTo(second.refreshToken());
    }

    @Test
    void anExpiredAccessTokenIsRejectedUntilRefreshed() {
        sim.shop("302").add(SimulatedListing.of("1", "A", "1.00", 1));
        StoreCredentials creds = sim.credentials("302");
        sim.expireAccessTokens("302");
        assertThatThrownBy(() -> connector.listListings(access("302", creds), null))
                .isInstanceOf(CredentialsRejectedException.class);
        StoreCredentials fresh = connector.refreshCredentials(access("302", creds));
        assertThat(connector.listListings(access("302", fresh), null).listings()).hasSize(1);
    }

    // ---- errors ----------------------------------------------------------------------------------------------------

    @Test
    void aStaleTimestampIsAPermanentErrorWithShopeesMessageAndRequestIdButNoSecret() {
        StoreCredentials creds = sim.credentials("401");
        ShopeeConnector late = connector(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-6)), Map.of(), Map.of());
        ConnectorException e = org.junit.jupiter.api.Assertions.assertThrows(ConnectorException.class,
                () -> late.listListings(access("401", creds), null));
        assertThat(e.retryable()).isFalse();
        assertThat(e.platformCode()).contains("error_param");
        assertThat(e.requestId()).isPresent();
        assertThat(e.getMessage()).contains("Timestamp is expired").doesNotContain(creds.accessToken().reveal())
                .doesNotContain(sim.partnerKey().reveal());
    }

    @Test
    void aWrongPartnerKeyIsShopeesSignError() {
        StoreCredentials creds = sim.credentials("402");
        ShopeeConnector wrong = connector(Clock.systemUTC(), Map.of(), Map.of("partner_key", Secret.of("shpk-not-the-key")));
        ConnectorException e = org.junit.jupiter.api.Assertions.assertThrows(ConnectorException.class,
                () -> wrong.listListings(access("402", creds), null));
        assertThat(e.platformCode()).contains("error_sign");
        assertThat(e.retryable()).isFalse();
        assertThat(e).isNotInstanceOf(CredentialsRejectedException.class);
    }

    @Test
    void theDailyQuotaIsRateLimitedUntilMidnightUtcPlusEight() {
        StoreCredentials creds = sim.credentials("403");
        Instant at = Instant.parse("2026-03-01T10:00:00Z"); // 18:00 in UTC+8: six hours to the reset
        ShopeeConnector fixed = connector(Clock.fixed(at, ZoneOffset.UTC), Map.of(), Map.of());
        assertThat(fixed.untilQuotaReset()).isEqualTo(Duration.ofHours(6));
        sim.dailyQuotaSpent(true);
        RateLimitedException e = org.junit.jupiter.api.Assertions.assertThrows(RateLimitedException.class,
                () -> connector.listListings(access("403", creds), null));
        assertThat(e.platformCode()).contains("error_limit");
        assertThat(e.retryAfter()).isPresent();
        assertThat(e.retryAfter().get()).isLessThanOrEqualTo(Duration.ofDays(1)).isPositive();
    }

    @Test
    void missingSettingsAreConfigurationErrors() {
        assertThatThrownBy(() -> ShopeeConnector.create(new ConnectorSettings("shopee", Map.of(), Map.of())))
                .hasMessageContaining("partner_id");
        assertThatThrownBy(() -> ShopeeConnector.create(new ConnectorSettings("shopee", Map.of("partner_id", "1"), Map.of())))
                .hasMessageContaining("partner_key");
        assertThatThrownBy(() -> ShopeeConnector.create(new ConnectorSettings("shopee", Map.of("partner_id", "1",
                "region", "mars"), Map.of("partner_key", Secret.of("k"))))).hasMessageContaining("region");
        assertThat(ShopeeConnector.create(new ConnectorSettings("shopee", Map.of("partner_id", "1", "region", "br"),
                Map.of("partner_key", Secret.of("k")))).toString()).contains("openplatform.shopee.com.br");
    }

    // ---- catalogue, stock, prices ----------------------------------------------------------------------------------

    @Test
    void itemsWithModelsBecomeOneListingPerModelAndItemsWithoutOneListing() {
        sim.shop("501").add(new SimulatedListing("1001", "11", "TEE-S", new BigDecimal("9.90"), 5, true),
                new SimulatedListing("1001", "12", "TEE-M", new BigDecimal("9.90"), 6, true),
                new SimulatedListing("1001", "13", "TEE-L", new BigDecimal("10.90"), 7, true),
                new SimulatedListing("1002", null, "MUG", new BigDecimal("4.50"), 8, false));
        StoreAccess store = access("501", sim.credentials("501"));
        List<ConnectorListing> all = new ArrayList<>();
        String cursor = null;
        do {
            ListingPage page = connector.listListings(store, cursor);
            all.addAll(page.listings());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(all).containsExactlyInAnyOrder(
                new ConnectorListing("1001", "11", "TEE-S", new BigDecimal("9.90"), 5, true),
                new ConnectorListing("1001", "12", "TEE-M", new BigDecimal("9.90"), 6, true),
                new ConnectorListing("1001", "13", "TEE-L", new BigDecimal("10.90"), 7, true),
                new ConnectorListing("1002", null, "MUG", new BigDecimal("4.50"), 8, false));
    }

    @Test
    void aScanPastTheOffsetCapContinuesInUpdateTimeSlicesWithoutLosingItems() {
        sim.itemOffsetCap(200);
        List<SimulatedListing> items = new ArrayList<>();
        for (int i = 0; i < 450; i++) items.add(SimulatedListing.of(Integer.toString(50_000 + i), "S" + i, "1.00", i));
        sim.shop("502").add(items);
        ShopeeConnector capped = connector(Clock.systemUTC(), Map.of("item_offset_cap", "200"), Map.of());
        StoreAccess store = access("502", sim.credentials("502"));
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            ListingPage page = capped.listListings(store, cursor);
            page.listings().forEach(l -> seen.add(l.platformProductId()));
            cursor = page.nextCursor();
            assertThat(++pages).isLessThan(50);
        } while (cursor != null);
        assertThat(seen).hasSize(450);
        assertThat(sim.requests()).noneMatch(r -> r.status() == 400);
    }

    @Test
    void stockGoesToTheShopsWarehouseAndIsRefusedPerListingWithoutIt() {
        sim.multiWarehouse("503", "SGZ01");
        sim.shop("503").add(new SimulatedListing("2001", "21", "A", BigDecimal.ONE, 0, true),
                new SimulatedListing("2001", "22", "B", BigDecimal.ONE, 0, true));
        StoreAccess store = access("503", sim.credentials("503"));
        List<PushResult> ok = connector.pushStock(store, List.of(new StockUpdate("2001", "21", 4), new StockUpdate("2001", "22", 9)));
        assertThat(ok).allMatch(PushResult::accepted);
        assertThat(sim.shop("503").stock("2001", "21")).isEqualTo(4);
        assertThat(sim.shop("503").stock("2001", "22")).isEqualTo(9);
        assertThat(sim.requests().stream().filter(r -> r.path().endsWith("update_stock")).count()).isEqualTo(1);
        StoreCredentials noLocation = new StoreCredentials(store.credentials().accessToken(), null, null, Map.of());
        List<PushResult> refused = connector.pushStock(access("503", noLocation), List.of(new StockUpdate("2001", "21", 1)));
        assertThat(refused).singleElement().satisfies(r -> {
            assertThat(r.accepted()).isFalse();
            assertThat(r.error()).contains("error_busi");
        });
        assertThat(sim.shop("503").stock("2001", "21")).isEqualTo(4);
    }

    @Test
    void pricesAreWrittenExactlyAndModelZeroOnAVariantItemIsAPerListingFailure() {
        sim.shop("504").add(new SimulatedListing("3001", "31", "A", BigDecimal.ONE, 0, true),
                SimulatedListing.of("3002", "B", "1.00", 0));
        StoreAccess store = access("504", sim.credentials("504"));
        List<PushResult> results = connector.pushPrices(store, List.of(new PriceUpdate("3001", "31", new BigDecimal("12.35")),
                new PriceUpdate("3001", null, new BigDecimal("1.00")), new PriceUpdate("3002", null, new BigDecimal("0.10"))));
        assertThat(results).extracting(PushResult::accepted).containsExactly(true, false, true);
        assertThat(results.get(1).error()).contains("has_model");
        assertThat(sim.shop("504").listing("3001", "31").orElseThrow().price()).isEqualByComparingTo("12.35");
        assertThat(sim.shop("504").listing("3002", null).orElseThrow().price()).isEqualByComparingTo("0.10");
    }

    // ---- orders ----------------------------------------------------------------------------------------------------

    @Test
    void everyShopeeStatusIsMappedAndAnUnknownOneKeptVerbatim() {
        List<String> statuses = List.of("UNPAID", "READY_TO_SHIP", "PROCESSED", "SHIPPED", "TO_CONFIRM_RECEIVE", "COMPLETED",
                "IN_CANCEL", "CANCELLED", "TO_RETURN", "RETRY_SHIP", "INVOICE_PENDING", "HELD_FOR_REVIEW_2027");
        Instant now = Instant.now();
        List<String> ids = new ArrayList<>();
        for (String status : statuses) {
            String id = "2601" + status.hashCode();
            ids.add(id);
            sim.shop("601").put(new SimulatedOrder(id, null, status, "SGD", new BigDecimal("20.00"), Map.of("name", "Tan"),
                    now.minusSeconds(60), now, List.of(new SimulatedOrder.Line("77", "4001", "41", "TEE-S", "Tee", 2,
                    new BigDecimal("10.00")))));
        }
        List<OrderSnapshot> orders = connector.ordersById(access("601", sim.credentials("601")), ids);
        assertThat(orders).hasSize(statuses.size());
        for (OrderSnapshot o : orders) {
            assertThat(o.status()).isEqualTo(OrderStatusMapping.map("shopee", o.platformStatus()));
            if (o.platformStatus().equals("HELD_FOR_REVIEW_2027")) assertThat(o.status()).isEqualTo(OrderStatus.UNKNOWN);
            else assertThat(o.status()).isNotEqualTo(OrderStatus.UNKNOWN);
            assertThat(o.lines()).singleElement().satisfies(l -> {
                assertThat(l.platformProductId()).isEqualTo("4001");
                assertThat(l.platformVariantId()).isEqualTo("41");
                assertThat(l.sku()).isEqualTo("TEE-S");
                assertThat(l.lineTotal()).isEqualByComparingTo("20.00");
            });
            assertThat(o.customerInfo()).containsEntry("name", "Tan");
        }
    }

    @Test
    void aWindowWiderThanFifteenDaysIsNeverSent() {
        StoreAccess store = access("602", sim.credentials("602"));
        Instant now = Instant.now();
        assertThatThrownBy(() -> connector.ordersChanged(store, now.minus(Duration.ofDays(15)).minusSeconds(1), now, null))
                .isInstanceOf(IllegalArgumentException.class);
        // the widest declared window, with both ends inside a second: rounding outwards still fits Shopee's 15 days
        Instant to = now.plusMillis(1);
        connector.ordersChanged(store, to.minus(ShopeeConnector.MAX_ORDER_WINDOW), to, null);
        assertThat(sim.requests()).noneMatch(r -> r.status() == 400);
    }

    // ---- pushes ----------------------------------------------------------------------------------------------------

    @Test
    void theCommunityPushVectorVerifies() {
        // minchao/shopee-php SignatureValidatorTest: key PARTNER_KEY, URL http://localhost/webhook, body HELLO;
        // expected value from: printf '%s' 'http://localhost/webhook|HELLO' | openssl dgst -sha256 -hmac PARTNER_KEY
        ShopeeConnector c = ShopeeConnector.create(new ConnectorSettings("shopee", Map.of("partner_id", "1", "push_url",
                "http://localhost/webhook"), Map.of("partner_key", Secret.of("PARTNER_KEY"))));
        byte[] body = "HELLO".getBytes(StandardCharsets.UTF_8);
        assertThat(c.pushSignatureMatches(body, "b43c7e4cad148d440597015f1da5a0b9335895110ca4399785593bbf6e0e329e")).isTrue();
        assertThat(c.pushSignatureMatches(body, "B43C7E4CAD148D440597015F1DA5A0B9335895110CA4399785593BBF6E0E329E")).isTrue();
        assertThat(c.pushSignatureMatches(body, "")).isFalse();
        assertThat(c.pushSignatureMatches(body, "InvalidSignature")).isFalse();
        assertThat(c.pushSignatureMatches("HELLO!".getBytes(StandardCharsets.UTF_8),
                "b43c7e4cad148d440597015f1da5a0b9335895110ca4399785593bbf6e0e329e")).isFalse();
    }

    @Test
    void theGuidesPushExampleVerifiesAtItsTime() {
        // DOC-PUSH's example body; signature from openssl with our key over push_url|body
        String body = "{\"shop_id\":123,\"code\":1,\"success\":1,\"extra\":\"shop_id 123 is authorized successfully\","
                + "\"data\":{\"more_info\":\"more info\"},\"timestamp\":1470198856}";
        ShopeeConnector c = ShopeeConnector.create(new ConnectorSettings("shopee", Map.of("partner_id", "2001887", "push_url",
                "https://host.example/storesync/shopee/push"), Map.of("partner_key", Secret.of("shpk4e6f7a2b9c0d1e2f3a4b5c6d7e8f90"))),
                Clock.fixed(Instant.ofEpochSecond(1470198856 + 30), ZoneOffset.UTC));
        WebhookDelivery d = new WebhookDelivery(Map.of("Authorization",
                List.of("8cf636ab957fed94ee39c3ba2acb2d1de88f44bd828b179c2f7b8a68ee64e36f")), body.getBytes(StandardCharsets.UTF_8));
        assertThat(c.verifyAppWebhook(d).eventType()).isEqualTo("shop_authorization");
        assertThat(c.webhookShopId(d)).contains("123");
    }

    @Test
    void pushesBecomeEventsWithDedupeKeys() {
        Instant now = Instant.now();
        sim.shop("701").put(new SimulatedOrder("260101ABC", null, "READY_TO_SHIP", "SGD", BigDecimal.TEN, Map.of(), now, now,
                List.of()));
        StoreAccess store = access("701", sim.credentials("701"));
        SignedDelivery status = sim.orderStatusPush("701", "260101ABC");
        SignedDelivery tracking = sim.trackingPush("701", "260101ABC", "SPXSG0001");
        String statusKey = connector.verifyAppWebhook(delivery(status)).platformEventId();
        String trackingKey = connector.verifyAppWebhook(delivery(tracking)).platformEventId();
        assertThat(statusKey).isEqualTo("shopee:3:701:260101ABC:" + now.getEpochSecond());
        assertThat(trackingKey).startsWith("shopee:4:701:260101ABC:").endsWith("SPXSG0001").isNotEqualTo(statusKey);
        assertThat(connector.parseWebhook(store, delivery(tracking)))
                .containsExactly(new WebhookEvent(WebhookEvent.Kind.ORDER_CHANGED, "260101ABC", null));
        assertThat(connector.parseWebhook(store, delivery(sim.deauthorizationPush("701"))))
                .extracting(WebhookEvent::kind).containsExactly(WebhookEvent.Kind.AUTHORIZATION_REVOKED);
        assertThat(connector.parseWebhook(store, delivery(sim.authorizationExpiryPush("701"))))
                .extracting(WebhookEvent::kind).containsExactly(WebhookEvent.Kind.AUTHORIZATION_REVOKED);
        SignedDelivery verification = sim.verificationPush();
        assertThat(connector.verifyAppWebhook(delivery(verification)).eventType()).isEqualTo("verification");
        assertThat(connector.webhookShopId(delivery(verification))).isEmpty();
        assertThat(connector.webhookForAppOnly(delivery(verification))).isTrue();
        assertThat(connector.webhookForAppOnly(delivery(status))).isFalse();
        assertThatThrownBy(() -> connector.verifyAppWebhook(delivery(verification.tampered())))
                .isInstanceOf(WebhookSignatureException.class);
        assertThat(connector.webhookShopId(delivery(status))).contains("701");
        assertThatThrownBy(() -> connector.verifyWebhook(access("702", store.credentials()), delivery(status)))
                .isInstanceOf(WebhookSignatureException.class);
        assertThatThrownBy(() -> connector.verifyAppWebhook(delivery(status.tampered())))
                .isInstanceOf(WebhookSignatureException.class);
    }

    @Test
    void aCatalogueScanResumesFromItsCursorWhileAFifthOfCallsFailAndListsEveryListingOnce() {
        // 150 items: 120 with three models, 30 without
        Set<String> expected = new HashSet<>();
        List<SimulatedListing> items = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String item = Long.toString(90_000 + i);
            if (i < 120) {
                for (int k = 0; k < 3; k++) {
                    String model = Long.toString(9_000_000L + i * 3L + k);
                    items.add(new SimulatedListing(item, model, "S-" + i + "-" + k, new BigDecimal("2.50"), k, true));
                    expected.add(item + "/" + model);
                }
            } else {
                items.add(SimulatedListing.of(item, "S-" + i, "2.50", 1));
                expected.add(item + "/null");
            }
        }
        sim.shop("501").add(items);
        StoreAccess store = access("501", sim.credentials("501"));
        sim.faults(new FaultPlan(0.2, List.of(Fault.SERVER_ERROR, Fault.MALFORMED_BODY, Fault.RATE_LIMITED), 501L,
                Duration.ofMillis(10), Duration.ZERO).exactly());
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int failures = 0;
        int pages = 0;
        int mostCallsInAPage = 0;
        boolean more = true;
        while (more) {
            int before = sim.requests().size();
            ListingPage page;
            try {
                page = connector.listListings(store, cursor);
            } catch (ConnectorException e) {
                // what the engine does: the page is read again from the cursor it stored with the previous one
                assertThat(e.retryable() || e instanceof RateLimitedException).as("%s", e).isTrue();
                failures++;
                continue;
            }
            mostCallsInAPage = Math.max(mostCallsInAPage, sim.requests().size() - before);
            for (ConnectorListing l : page.listings()) seen.add(l.platformProductId() + "/" + l.platformVariantId());
            assertThat(page.nextCursor()).isNotEqualTo(cursor);
            cursor = page.nextCursor();
            more = cursor != null;
            assertThat(++pages).as("the scan ends").isLessThan(1_000);
        }
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(failures).as("faults were injected").isGreaterThan(20);
        // a page costs a call, or three where it reads a new item page: a failure loses little
        assertThat(mostCallsInAPage).isLessThanOrEqualTo(3);
        // and the scan costs what it did in pages of a hundred: a list call per 100 items, a base-info call per 50,
        // a model call per item with variants
        long calls = sim.requests().stream().filter(r -> r.fault() == null && r.path().startsWith("/api/v2/product/")).count();
        assertThat(calls).isEqualTo(2 /* NORMAL */ + 1 /* UNLIST */ + 3 + 120);
    }

    @Test
    void lostPushesAreHandedOverAsTheLivePushesAndConfirmedPageByPage() {
        Instant now = Instant.now();
        sim.shop("802").put(new SimulatedOrder("260102LIVE", null, "READY_TO_SHIP", "SGD", BigDecimal.TEN, Map.of(), now,
                now, List.of()));
        for (int i = 0; i < 130; i++) sim.losePush("802", i == 0 ? "260102LIVE" : "LOST" + i);

        MissedWebhooks first = connector.missedWebhooks();
        assertThat(first.webhooks()).hasSize(100);
        assertThat(first.unreadable()).isEmpty();
        assertThat(first.more()).isTrue();
        assertThat(first.confirmation()).isNotBlank();
        MissedWebhook lost = first.webhooks().get(0);
        assertThat(lost.shopId()).isEqualTo("802");
        // read as the push Shopee would have sent: the same shop, events, type and dedupe key as the live one
        SignedDelivery live = sim.orderStatusPush("802", "260102LIVE");
        assertThat(lost.verified()).isEqualTo(connector.verifyAppWebhook(delivery(live)));
        assertThat(lost.verified().platformEventId()).isEqualTo("shopee:3:802:260102LIVE:" + now.getEpochSecond());
        assertThat(connector.webhookShopId(lost.delivery())).contains("802");
        assertThat(connector.webhookForAppOnly(lost.delivery())).isFalse();
        StoreAccess store = access("802", sim.credentials("802"));
        assertThat(connector.parseWebhook(store, lost.delivery()))
                .containsExactly(new WebhookEvent(WebhookEvent.Kind.ORDER_CHANGED, "260102LIVE", null));
        assertThat(lost.delivery().header("Authorization")).isEmpty();

        // unconfirmed, the same page comes again; confirmed, the next one
        assertThat(connector.missedWebhooks().confirmation()).isEqualTo(first.confirmation());
        assertThat(sim.unconfirmedLostPushes()).isEqualTo(130);
        connector.confirmMissedWebhooks(first.confirmation());
        MissedWebhooks second = connector.missedWebhooks();
        assertThat(second.webhooks()).hasSize(30).extracting(w -> w.verified().platformEventId())
                .doesNotContainAnyElementsOf(first.webhooks().stream().map(w -> w.verified().platformEventId()).toList());
        assertThat(second.more()).isFalse();
        connector.confirmMissedWebhooks(second.confirmation());
        // confirming an older page again is harmless (two engines may sweep at once)
        connector.confirmMissedWebhooks(first.confirmation());
        assertThat(sim.unconfirmedLostPushes()).isZero();
        assertThat(connector.missedWebhooks()).satisfies(none -> {
            assertThat(none.isEmpty()).isTrue();
            assertThat(none.confirmation()).isNull();
        });
    }

    @Test
    void aLostPushThatCannotBeReadIsReportedWithoutItsDataAndConfirmedWithItsPage() {
        sim.losePush("803", 3, "{not json, buyer Siti Aminah");
        sim.losePush("0", 1, "{\"extra\":\"no shop\"}");
        sim.losePush("803", 12, "{\"expire_before\":1900000000}");

        MissedWebhooks page = connector.missedWebhooks();
        assertThat(page.unreadable()).hasSize(2).noneMatch(r -> r.contains("Siti"));
        assertThat(page.webhooks()).singleElement().satisfies(w -> {
            assertThat(w.verified().eventType()).isEqualTo("authorization_expiry");
            // no order in it: deduplicated on the body's digest, as a live one would be
            assertThat(w.verified().platformEventId()).isNull();
            assertThat(connector.parseWebhook(access("803", sim.credentials("803")), w.delivery()))
                    .extracting(WebhookEvent::kind).containsExactly(WebhookEvent.Kind.AUTHORIZATION_REVOKED);
        });
        connector.confirmMissedWebhooks(page.confirmation());
        assertThat(sim.unconfirmedLostPushes()).isZero();
    }

    @Test
    @SuppressWarnings("removal") // the deprecated host-run sweep keeps working for hosts that still call it
    void lostPushesAreSweptAndConfirmed() {
        for (int i = 0; i < 130; i++) sim.losePush("801", "LOST" + i);
        List<String> seen = new ArrayList<>();
        int handled = ShopeePushSweep.sweep(connector, m -> seen.add(m.data().path("ordersn").asText()));
        assertThat(handled).isEqualTo(130);
        assertThat(seen).doesNotHaveDuplicates().contains("LOST0", "LOST129");
        assertThat(sim.unconfirmedLostPushes()).isZero();
        assertThat(ShopeePushSweep.sweep(connector, m -> seen.add("again"))).isZero();
    }

    private static WebhookDelivery delivery(SignedDelivery d) {
        return new WebhookDelivery(d.headers(), d.body());
    }
}
