package io.storesync.website;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.webhook.WebhookSignatureException;
import io.storesync.spi.connector.Authorization;
import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.ConnectorLimits;
import io.storesync.spi.connector.ListingPage;
import io.storesync.spi.connector.OrderPage;
import io.storesync.spi.connector.PriceUpdate;
import io.storesync.spi.connector.PushResult;
import io.storesync.spi.connector.RateLimitedException;
import io.storesync.spi.connector.StockUpdate;
import io.storesync.spi.connector.StoreAccess;
import io.storesync.spi.connector.VerifiedWebhook;
import io.storesync.spi.connector.WebhookDelivery;
import io.storesync.spi.connector.WebhookEvent;
import io.storesync.testkit.connector.ConnectorCompatibilityKit;
import io.storesync.testkit.simulator.MarketplaceSimulator;
import io.storesync.testkit.simulator.SignedDelivery;
import io.storesync.testkit.simulator.WebsiteSimulator;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The compatibility kit catches broken connectors: each deliberately broken variant of the website connector is run
 * through the whole kit, and exactly the checks its defect breaks must fail (the rest still pass, so the failure is
 * the defect's and not a broken set-up).
 */
class BrokenConnectorsTest {

    @Test
    void aConnectorThatSwallowsThrottlingFailsTheRateLimitCheck() {
        KitRun run = runKit(SwallowsRateLimits.class);
        assertThat(run.failed()).containsExactly("throttlingIsRateLimitedWithTheRetryAfter");
        assertThat(run.passed()).hasSizeGreaterThan(15);
    }

    @Test
    void aConnectorThatComparesTheSignatureHeaderWithEqualsFailsTheRotationCheck() {
        KitRun run = runKit(ComparesSignatureHeaderWithEquals.class);
        assertThat(run.failed()).containsExactly("aWebhookWithSeveralSignaturesIsVerifiedByAnyOfThem");
        assertThat(run.passed()).contains("aSignedWebhookIsVerifiedAndParsed", "aTamperedWebhookIsRefused");
    }

    @Test
    void aConnectorThatIgnoresTheWebhookTimestampFailsTheStalenessCheck() {
        KitRun run = runKit(IgnoresWebhookTimestamps.class);
        assertThat(run.failed()).containsExactly("staleAndFutureWebhooksAreRefused");
    }

    @Test
    void aConnectorThatOverstatesItsBatchLimitFailsTheBatchCheck() {
        KitRun run = runKit(OverstatesBatchLimit.class);
        assertThat(run.failed()).contains("aFullStockBatchIsAcceptedItemByItemWithRefusalsReported");
    }

    @Test
    void aConnectorThatKeepsTheSpentRefreshTokenFailsTheRotationChecks() {
        KitRun run = runKit(KeepsTheSpentRefreshToken.class);
        assertThat(run.failed()).containsExactlyInAnyOrder("aRefreshReturnsCredentialsThatWork",
                "aRotatedRefreshTokenIsSpentAndTheNewOneRefreshesAgain");
        assertThat(run.passed()).contains("aConsentCodeIsExchangedOnceForCredentialsAndTheShop", "listingsArePagedToTheEnd");
    }

    @Test
    void aConnectorThatRetriesARefusedConsentCodeFailsTheExchangeCheck() {
        KitRun run = runKit(RetriesARefusedCode.class);
        assertThat(run.failed()).containsExactly("aConsentCodeIsExchangedOnceForCredentialsAndTheShop");
    }

    @Test
    void aConnectorThatDropsTheStateFailsTheConsentUrlCheck() {
        KitRun run = runKit(DropsTheState.class);
        assertThat(run.failed()).containsExactly("theConsentUrlCarriesTheStateUnchanged");
    }

    @Test
    void theScriptedAuthorisationRowPassesEveryCheck() {
        KitRun run = runKit(ScriptedAuthorizationKitTest.class);
        assertThat(run.failed()).isEmpty();
        assertThat(run.passed()).contains("aRefreshReturnsCredentialsThatWork", "aRotatedRefreshTokenIsSpentAndTheNewOneRefreshesAgain",
                "theConsentUrlCarriesTheStateUnchanged", "aConsentCodeIsExchangedOnceForCredentialsAndTheShop");
    }

    /**
     * Refreshes, but hands back the refresh token it presented instead of the rotated one: the engine would store a
     * spent token and the store would need the seller's consent again at the next refresh.
     */
    static class KeepsTheSpentRefreshToken extends ScriptedAuthorizationKitTest {
        @Override
        protected Connector newConnector(MarketplaceSimulator simulator, Duration requestTimeout) {
            return new Delegating(super.newConnector(simulator, requestTimeout)) {
                @Override
                public StoreCredentials refreshCredentials(StoreAccess store) {
                    StoreCredentials fresh = super.refreshCredentials(store);
                    return new StoreCredentials(fresh.accessToken(), store.credentials().refreshToken(), fresh.expiresAt(),
                            fresh.extra());
                }
            };
        }
    }

    /** Reports a refused code as a retryable failure: the host would retry a code that can never work. */
    static class RetriesARefusedCode extends ScriptedAuthorizationKitTest {
        @Override
        protected Connector newConnector(MarketplaceSimulator simulator, Duration requestTimeout) {
            return new Delegating(super.newConnector(simulator, requestTimeout)) {
                @Override
                public Authorization exchangeCode(String code, java.net.URI redirect) {
                    try {
                        return super.exchangeCode(code, redirect);
                    } catch (io.storesync.spi.connector.CredentialsRejectedException e) {
                        throw new io.storesync.spi.connector.ConnectorException(platform(), "invalid_code", "try again",
                                null, 400, true, null);
                    }
                }
            };
        }
    }

    /** Builds the consent URL without the state: the host could not tell its own callback from a forged one. */
    static class DropsTheState extends ScriptedAuthorizationKitTest {
        @Override
        protected Connector newConnector(MarketplaceSimulator simulator, Duration requestTimeout) {
            return new Delegating(super.newConnector(simulator, requestTimeout)) {
                @Override
                public java.net.URI consentUrl(String state, java.net.URI redirect) {
                    return java.net.URI.create("https://auth.example/authorize?app=storesync&redirect_uri="
                            + java.net.URLEncoder.encode(redirect.toString(), StandardCharsets.UTF_8));
                }
            };
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    record KitRun(Set<String> passed, Set<String> failed) {}

    private static KitRun runKit(Class<?> kit) {
        Set<String> passed = new TreeSet<>();
        Set<String> failed = new TreeSet<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(kit)).build(),
                new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (!id.isTest() || !(id.getSource().orElse(null) instanceof MethodSource m)) return;
                        synchronized (passed) {
                            // a check skipped by an assumption (ABORTED) is neither
                            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) passed.add(m.getMethodName());
                            if (result.getStatus() == TestExecutionResult.Status.FAILED) failed.add(m.getMethodName());
                        }
                    }
                });
        return new KitRun(passed, failed);
    }

    /** The kit against the simulator, with the connector wrapped by {@code breakage}. */
    abstract static class BrokenKit extends ConnectorCompatibilityKit {
        abstract Connector breakage(WebsiteConnector good);

        @Override
        protected MarketplaceSimulator newSimulator() {
            return WebsiteSimulator.start();
        }

        @Override
        protected Connector newConnector(MarketplaceSimulator simulator, Duration requestTimeout) {
            return breakage(WebsiteConnectorKitTest.connector(requestTimeout));
        }

        @Override
        protected Optional<SignedDelivery> withExtraSignature(SignedDelivery good) {
            return new WebsiteConnectorKitTest().withExtraSignature(good);
        }
    }

    /** Treats throttling as an empty answer: the engine would never back off. */
    static class SwallowsRateLimits extends BrokenKit {
        @Override
        Connector breakage(WebsiteConnector good) {
            return new Delegating(good) {
                @Override
                public ListingPage listListings(StoreAccess store, @Nullable String cursor) {
                    try {
                        return super.listListings(store, cursor);
                    } catch (RateLimitedException e) {
                        return new ListingPage(List.of(), null, 0);
                    }
                }

                @Override
                public List<PushResult> pushStock(StoreAccess store, List<StockUpdate> updates) {
                    try {
                        return super.pushStock(store, updates);
                    } catch (RateLimitedException e) {
                        return updates.stream().map(u -> PushResult.ok(u.platformProductId(), u.platformVariantId())).toList();
                    }
                }
            };
        }
    }

    /** Verifies by comparing the whole signature header with {@code String.equals} (and not in constant time). */
    static class ComparesSignatureHeaderWithEquals extends BrokenKit {
        @Override
        Connector breakage(WebsiteConnector good) {
            return new Delegating(good) {
                @Override
                public VerifiedWebhook verifyWebhook(StoreAccess store, WebhookDelivery delivery) {
                    String id = delivery.header("webhook-id").orElse("");
                    String ts = delivery.header("webhook-timestamp").orElse("0");
                    String expected = "v1," + mac(store, id + "." + ts + ".", delivery.body());
                    if (!expected.equals(delivery.header("webhook-signature").orElse(""))) {
                        throw new WebhookSignatureException("signature does not match");
                    }
                    return super.verifyWebhook(store, delivery);
                }
            };
        }
    }

    /** Checks the MAC but not how old the delivery is: a captured delivery can be replayed for ever. */
    static class IgnoresWebhookTimestamps extends BrokenKit {
        @Override
        Connector breakage(WebsiteConnector good) {
            return new Delegating(good) {
                @Override
                public VerifiedWebhook verifyWebhook(StoreAccess store, WebhookDelivery delivery) {
                    byte[] body = delivery.body();
                    if (body.length > WebsiteConnector.MAX_WEBHOOK_BYTES) throw new WebhookSignatureException("too big");
                    String id = delivery.header("webhook-id").orElseThrow(() -> new WebhookSignatureException("no id"));
                    String ts = delivery.header("webhook-timestamp").orElseThrow(() -> new WebhookSignatureException("no ts"));
                    String given = delivery.header("webhook-signature").orElseThrow(() -> new WebhookSignatureException("no sig"));
                    String expected = mac(store, id + "." + ts + ".", body);
                    boolean ok = false;
                    for (String s : given.split(" ")) {
                        ok |= java.security.MessageDigest.isEqual(("v1," + expected).getBytes(StandardCharsets.UTF_8),
                                s.getBytes(StandardCharsets.UTF_8));
                    }
                    if (!ok) throw new WebhookSignatureException("signature does not match");
                    return new VerifiedWebhook(id, "unknown");
                }
            };
        }
    }

    /** Declares batches of 200 where the contract allows 100. */
    static class OverstatesBatchLimit extends BrokenKit {
        @Override
        Connector breakage(WebsiteConnector good) {
            ConnectorLimits real = good.limits();
            return new Delegating(good) {
                @Override
                public ConnectorLimits limits() {
                    return new ConnectorLimits(real.callsPerSecond(), real.burst(), 200, 200, real.maxOrderWindow());
                }

                @Override
                public List<PushResult> pushStock(StoreAccess store, List<StockUpdate> updates) {
                    // what a connector trusting its own limit would do: send the whole batch in one call
                    return sendUnchecked(store, updates);
                }
            };
        }
    }

    /** Sends a stock batch of any size in one call, bypassing the real connector's guard. */
    private static List<PushResult> sendUnchecked(StoreAccess store, List<StockUpdate> updates) {
        // the real connector refuses an oversize batch before sending it, so this posts the body itself
        try {
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            StringBuilder items = new StringBuilder();
            for (StockUpdate u : updates) {
                if (items.length() > 0) items.append(',');
                items.append("{\"product_id\":\"").append(u.platformProductId()).append("\",\"quantity\":")
                        .append(u.quantity()).append('}');
            }
            String base = store.credentials().extra().get(WebsiteConnector.BASE_URL).reveal();
            java.net.http.HttpResponse<String> response = client.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(base + "/stock"))
                    .header("Authorization", "Bearer " + store.credentials().accessToken().reveal())
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"items\":[" + items + "]}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) throw new IllegalStateException("HTTP " + response.statusCode());
            return updates.stream().map(u -> PushResult.ok(u.platformProductId(), u.platformVariantId())).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** HMAC-SHA256 in base64 under the store's whsec_ secret, for the broken verifiers. */
    private static String mac(StoreAccess store, String prefix, byte[] body) {
        try {
            String secret = store.credentials().extra().get(WebsiteConnector.WEBHOOK_SECRET).reveal();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Passes every call to the real connector; the broken variants override one behaviour. */
    static class Delegating implements Connector {
        private final Connector delegate;

        Delegating(Connector delegate) {
            this.delegate = delegate;
        }

        @Override public String platform() { return delegate.platform(); }
        @Override public ConnectorLimits limits() { return delegate.limits(); }
        @Override public ListingPage listListings(StoreAccess s, @Nullable String c) { return delegate.listListings(s, c); }
        @Override public OrderPage ordersChanged(StoreAccess s, Instant f, Instant t, @Nullable String c) { return delegate.ordersChanged(s, f, t, c); }
        @Override public List<OrderSnapshot> ordersById(StoreAccess s, List<String> ids) { return delegate.ordersById(s, ids); }
        @Override public List<PushResult> pushStock(StoreAccess s, List<StockUpdate> u) { return delegate.pushStock(s, u); }
        @Override public List<PushResult> pushPrices(StoreAccess s, List<PriceUpdate> u) { return delegate.pushPrices(s, u); }
        @Override public VerifiedWebhook verifyWebhook(StoreAccess s, WebhookDelivery d) { return delegate.verifyWebhook(s, d); }
        @Override public List<WebhookEvent> parseWebhook(StoreAccess s, WebhookDelivery d) { return delegate.parseWebhook(s, d); }
        @Override public StoreCredentials refreshCredentials(StoreAccess s) { return delegate.refreshCredentials(s); }
        @Override public boolean rotatesRefreshTokens() { return delegate.rotatesRefreshTokens(); }
        @Override public boolean supportsConsent() { return delegate.supportsConsent(); }
        @Override public java.net.URI consentUrl(String state, java.net.URI redirect) { return delegate.consentUrl(state, redirect); }
        @Override public Authorization exchangeCode(String code, java.net.URI redirect) { return delegate.exchangeCode(code, redirect); }
    }
}
