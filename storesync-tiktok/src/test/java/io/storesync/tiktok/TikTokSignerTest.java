package io.storesync.tiktok;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Signatures against vectors computed outside this code base with {@code openssl dgst -sha256 -hmac <secret>} over the
 * base string the official "sign your API request" page describes (its own example's path, app key and timestamp;
 * the page's secret is not in our reference, so the secret here is ours).
 */
class TikTokSignerTest {
    private static final String SECRET = "e59af819cc";
    private static final TikTokSigner SIGNER = TikTokSigner.withAppSecret(SECRET);
    private static final String CIPHER = "GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3";

    @Test
    void theDocumentationsGetExampleIsSignedPathFirstWithSortedParameters() {
        // the doc's steps: "/authorization/202309/shops" + "app_key29a39dtimestamp1623812664", wrapped in the secret
        Map<String, String> query = new LinkedHashMap<>();
        query.put("timestamp", "1623812664");
        query.put("app_key", "29a39d");
        query.put("access_token", "must-not-be-signed");
        query.put("sign", "must-not-be-signed");
        assertThat(new String(SIGNER.baseString("/authorization/202309/shops", query, new byte[0], "application/json"),
                StandardCharsets.UTF_8)).isEqualTo(SECRET + "/authorization/202309/shopsapp_key29a39dtimestamp1623812664" + SECRET);
        assertThat(SIGNER.sign("/authorization/202309/shops", query, new byte[0], "application/json"))
                .isEqualTo("b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8");
    }

    @Test
    void aPostWithABodyAndAPageTokenSignsTheDecodedTokenAndTheExactBodyBytes() {
        Map<String, String> query = Map.of("app_key", "29a39d", "timestamp", "1623812664", "shop_cipher", CIPHER,
                "page_size", "100", "page_token", "6AsPQ+/N5M1");
        byte[] body = "{\"update_time_ge\":0,\"update_time_le\":1700000000}".getBytes(StandardCharsets.UTF_8);
        assertThat(SIGNER.sign("/product/202309/products/search", query, body, "application/json"))
                .isEqualTo("9769a67c3fda60e8acf9f6cec5c769765c564bee5df1a82033707a91507648f6");
    }

    @Test
    void aPutWithABodyIsSignedOverItsBody() {
        Map<String, String> query = Map.of("app_key", "29a39d", "timestamp", "1623812664", "shop_cipher", CIPHER);
        byte[] body = "{\"address\":\"https://host.example/tts\",\"event_type\":\"ORDER_STATUS_CHANGE\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(SIGNER.sign("/event/202309/webhooks", query, body, "application/json"))
                .isEqualTo("a5c3e15186c3980e7f01ff5e6879bb85d112af2117c03785f871f3cde560638e");
    }

    @Test
    void multipartBodiesAndEmptyParametersAreLeftOut() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("app_key", "29a39d");
        query.put("timestamp", "1623812664");
        query.put("page_token", "");
        String withoutBody = "a60f625b25dd3e0d7c49afa9a5646678ef462d3b5c79fd9a1a6b053de4fd5dce";
        assertThat(SIGNER.sign("/product/202309/products/search", query, "--x\r\nfile".getBytes(StandardCharsets.UTF_8),
                "multipart/form-data; boundary=x")).isEqualTo(withoutBody);
        assertThat(SIGNER.sign("/product/202309/products/search", query, new byte[0], null)).isEqualTo(withoutBody);
        assertThat(SIGNER.sign("/product/202309/products/search", query, "{}".getBytes(StandardCharsets.UTF_8),
                "application/json")).isNotEqualTo(withoutBody);
    }

    @Test
    void webhooksAreVerifiedOverAppKeyAndTheRawBodyInEitherHexCaseButNotTampered() {
        byte[] body = ("{\"type\":1,\"tts_notification_id\":\"7327112393057371910\",\"shop_id\":\"7494049642642441621\","
                + "\"timestamp\":1664095733,\"data\":{\"order_id\":\"576486316948490001\",\"order_status\":\"UNPAID\","
                + "\"update_time\":1664095733}}").getBytes(StandardCharsets.UTF_8);
        String expected = "e42c2dd203d0ecebcecb91e6802918b40433eb5f41f5906b26498210f27c9045";
        assertThat(SIGNER.webhookSignature("29a39d", body)).isEqualTo(expected);
        assertThat(SIGNER.verifyWebhook("29a39d", body, expected)).isTrue();
        assertThat(SIGNER.verifyWebhook("29a39d", body, expected.toUpperCase())).isTrue();
        assertThat(SIGNER.verifyWebhook("other", body, expected)).isFalse();
        body[body.length - 2] ^= 1;
        assertThat(SIGNER.verifyWebhook("29a39d", body, expected)).isFalse();
        assertThat(SIGNER.verifyWebhook("29a39d", body, null)).isFalse();
        assertThat(SIGNER.verifyWebhook("29a39d", body, "not hex")).isFalse();
    }

    @Test
    void theSecretNeverShows() {
        assertThat(SIGNER.toString()).doesNotContain(SECRET);
    }
}
