package io.storesync.website;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.api.Secret;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreId;
import io.storesync.api.webhook.WebhookSignatureException;
import io.storesync.spi.connector.ConnectorException;
import io.storesync.spi.connector.ConnectorProvider;
import io.storesync.spi.connector.ConnectorSettings;
import io.storesync.spi.connector.CredentialsRejectedException;
import io.storesync.spi.connector.StoreAccess;
import io.storesync.spi.connector.WebhookDelivery;
import io.storesync.spi.connector.WebhookEvent;
import io.storesync.testkit.simulator.RecordedRequest;
import io.storesync.testkit.simulator.SimulatedListing;
import io.storesync.testkit.simulator.WebsiteSimulator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the compatibility kit does not cover: discovery, configuration, request signing, the spec's own test vector. */
class WebsiteConnectorTest {
    private final WebsiteSimulator site = WebsiteSimulator.start();

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void theServiceLoaderFindsTheProviderForTheSeededPlatformName() {
        List<String> platforms = ServiceLoader.load(ConnectorProvider.class).stream()
                .map(p -> p.get().platform()).toList();
        assertThat(platforms).contains("custom_website");
    }

    @Test
    void plainHttpIsRefusedUnlessTheHostAllowsIt() {
        site.shop("s").add(SimulatedListing.of("P1", "SKU-1", "1.00", 1));
        WebsiteConnector strict = WebsiteConnector.create(ConnectorSettings.none(WebsiteConnector.PLATFORM));
        assertThatThrownBy(() -> strict.listListings(access("s", site.credentials("s")), null))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.retryable()).as("a wrong setup stays wrong").isFalse();
                    assertThat(e.getMessage()).contains("https");
                });
        assertThat(site.requests()).as("nothing was sent").isEmpty();
    }

    @Test
    void aStoreWithoutABaseUrlFailsWithoutRetrying() {
        StoreCredentials noUrl = new StoreCredentials(Secret.of("sk_test"), null, null, Map.of());
        assertThatThrownBy(() -> connector().listListings(access("s", noUrl), null))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    void signedRequestsAreAcceptedBySiteThatVerifiesThemIndependently() {
        site.shop("signed").add(SimulatedListing.of("P1", "SKU-1", "1.00", 1));
        site.requireRequestSigning("signed");
        StoreCredentials credentials = site.credentials("signed");
        assertThat(connector().listListings(access("signed", credentials), null).listings()).hasSize(1);
        RecordedRequest request = site.requests().get(0);
        assertThat(request.header("x-storesync-signature")).startsWith("v1=");
        assertThat(request.header("x-storesync-timestamp")).matches("[0-9]+");
    }

    @Test
    void aWrongSigningSecretIsRejectedCredentialsAndTheMessageCarriesNoSecret() {
        site.shop("signed").add(SimulatedListing.of("P1", "SKU-1", "1.00", 1));
        site.requireRequestSigning("signed");
        StoreCredentials good = site.credentials("signed");
        Map<String, Secret> extra = new HashMap<>(good.extra());
        extra.put(WebsiteConnector.REQUEST_SIGNING_SECRET, Secret.of("not-the-secret"));
        StoreCredentials wrong = new StoreCredentials(good.accessToken(), null, null, extra);
        assertThatThrownBy(() -> connector().listListings(access("signed", wrong), null))
                .isInstanceOf(CredentialsRejectedException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(good.accessToken().reveal())
                        .doesNotContain("not-the-secret"));
    }

    @Test
    void apiKeysDoNotRotateSoRefreshReturnsThemUnchanged() {
        StoreCredentials credentials = site.credentials("s");
        WebsiteConnector connector = connector();
        assertThat(connector.refreshCredentials(access("s", credentials))).isEqualTo(credentials);
        assertThat(connector.rotatesRefreshTokens()).isFalse();
        assertThat(connector.supportsConsent()).isFalse();
        assertThat(connector.stockSemantics().maxBatch()).isEqualTo(connector.limits().maxStockBatch());
    }

    /**
     * The test vector published with the Standard Webhooks reference libraries: a verifier that passes it signs what
     * every other Standard Webhooks sender signs, independently of our simulator.
     */
    @Test
    void theStandardWebhooksReferenceVectorVerifies() {
        Instant signedAt = Instant.ofEpochSecond(1614265330);
        WebsiteConnector connector = WebsiteConnector.create(ConnectorSettings.none(WebsiteConnector.PLATFORM),
                Clock.fixed(signedAt.plusSeconds(30), ZoneOffset.UTC));
        StoreCredentials credentials = new StoreCredentials(Secret.of("k"), null, null,
                Map.of(WebsiteConnector.WEBHOOK_SECRET, Secret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")));
        WebhookDelivery delivery = new WebhookDelivery(Map.of(
                "webhook-id", List.of("msg_p5jXN8AQM9LWM0D4loKWxJek"),
                "webhook-timestamp", List.of("1614265330"),
                "webhook-signature", List.of("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")),
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertThat(connector.verifyWebhook(access("s", credentials), delivery).platformEventId())
                .isEqualTo("msg_p5jXN8AQM9LWM0D4loKWxJek");
        WebsiteConnector later = WebsiteConnector.create(ConnectorSettings.none(WebsiteConnector.PLATFORM),
                Clock.fixed(signedAt.plus(Duration.ofMinutes(6)), ZoneOffset.UTC));
        assertThatThrownBy(() -> later.verifyWebhook(access("s", credentials), delivery))
                .isInstanceOf(WebhookSignatureException.class);
    }

    @Test
    void aWebhookWithoutTheWholeOrderNamesItForFetching() {
        site.shop("s");
        site.credentials("s");
        var delivery = site.orderIdWebhook("s", "msg_1", "WEB-9", Instant.now());
        List<WebhookEvent> events = connector().parseWebhook(access("s", site.credentials("s")),
                new WebhookDelivery(delivery.headers(), delivery.body()));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(WebhookEvent.Kind.ORDER_CHANGED);
            assertThat(e.reference()).isEqualTo("WEB-9");
            assertThat(e.order()).isNull();
        });
    }

    private static WebsiteConnector connector() {
        return WebsiteConnectorKitTest.connector(Duration.ofSeconds(5));
    }

    private static StoreAccess access(String shop, StoreCredentials credentials) {
        return new StoreAccess(new StoreId(UUID.randomUUID()), shop, credentials);
    }
}
