package io.storesync.testkit.simulator.shopee;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storesync.api.store.StoreCredentials;
import io.storesync.testkit.simulator.SimulatedListing;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator refuses what Shopee refuses. Requests here are signed by this test's own few lines of
 * {@code javax.crypto}, so the checks do not lean on the simulator's signer or a connector's.
 */
class ShopeeSimulatorTest {
    private final ShopeeSimulator sim = ShopeeSimulator.start();
    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        sim.close();
    }

    private String sign(String base) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(sim.partnerKey().reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
    }

    /** A shop call at {@code ts} with the given extra query, signed (or with {@code badSign}). */
    private JsonNode shopGet(String path, String shop, String token, long ts, String query, boolean badSign) throws Exception {
        String sign = sign(sim.partnerId() + path + ts + token + shop);
        if (badSign) sign = sign.substring(1) + "0";
        URI uri = URI.create(sim.baseUri() + path + "?partner_id=" + sim.partnerId() + "&timestamp=" + ts + "&access_token="
                + token + "&shop_id=" + shop + "&sign=" + sign + (query.isEmpty() ? "" : "&" + query));
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(r.body());
    }

    private JsonNode shopPost(String path, String shop, String token, String body) throws Exception {
        long ts = Instant.now().getEpochSecond();
        URI uri = URI.create(sim.baseUri() + path + "?partner_id=" + sim.partnerId() + "&timestamp=" + ts + "&access_token="
                + token + "&shop_id=" + shop + "&sign=" + sign(sim.partnerId() + path + ts + token + shop));
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(r.body());
    }

    private JsonNode publicPost(String path, String body) throws Exception {
        long ts = Instant.now().getEpochSecond();
        URI uri = URI.create(sim.baseUri() + path + "?partner_id=" + sim.partnerId() + "&timestamp=" + ts + "&sign="
                + sign(sim.partnerId() + path + ts));
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(r.body());
    }

    @Test
    void aGoodCallIsAnsweredInShopeesEnvelope() throws Exception {
        sim.shop("1").add(SimulatedListing.of("10", "A", "1.00", 3));
        String token = sim.credentials("1").accessToken().reveal();
        JsonNode r = shopGet("/api/v2/product/get_item_list", "1", token, Instant.now().getEpochSecond(),
                "offset=0&page_size=100&item_status=NORMAL", false);
        assertThat(r.path("error").asText()).isEmpty();
        assertThat(r.has("request_id")).isTrue();
        assertThat(r.has("warning")).isTrue();
        assertThat(r.path("response").path("item").get(0).path("item_id").isNumber()).isTrue();
    }

    @Test
    void wrongSignStaleTimestampAndBadTokensAreRefused() throws Exception {
        String token = sim.credentials("1").accessToken().reveal();
        long now = Instant.now().getEpochSecond();
        String q = "offset=0&page_size=10&item_status=NORMAL";
        assertThat(shopGet("/api/v2/product/get_item_list", "1", token, now, q, true).path("error").asText()).isEqualTo("error_sign");
        assertThat(shopGet("/api/v2/product/get_item_list", "1", token, now - 301, q, false).path("message").asText())
                .contains("Timestamp is expired");
        assertThat(shopGet("/api/v2/product/get_item_list", "1", "not-a-token", now, q, false).path("error").asText())
                .isEqualTo("error_auth");
        sim.expireAccessTokens("1");
        assertThat(shopGet("/api/v2/product/get_item_list", "1", token, now, q, false).path("error").asText())
                .isEqualTo("error_auth");
    }

    @Test
    void aRefreshTokenWorksOnce() throws Exception {
        StoreCredentials creds = sim.credentials("7");
        String body = "{\"refresh_token\":\"" + creds.refreshToken().reveal() + "\",\"partner_id\":" + sim.partnerId()
                + ",\"shop_id\":7}";
        JsonNode first = publicPost("/api/v2/auth/access_token/get", body);
        assertThat(first.path("error").asText()).isEmpty();
        assertThat(first.path("refresh_token").asText()).isNotEqualTo(creds.refreshToken().reveal());
        assertThat(publicPost("/api/v2/auth/access_token/get", body).path("error").asText()).isEqualTo("error_auth");
    }

    @Test
    void capsAreErrorParam() throws Exception {
        String token = sim.credentials("1").accessToken().reveal();
        long now = Instant.now().getEpochSecond();
        assertThat(shopGet("/api/v2/product/get_item_list", "1", token, now, "offset=0&page_size=101&item_status=NORMAL",
                false).path("error").asText()).isEqualTo("error_param");
        assertThat(shopGet("/api/v2/order/get_order_list", "1", token, now, "time_range_field=update_time&time_from="
                + (now - 15 * 86_400 - 1) + "&time_to=" + now + "&page_size=100", false).path("error").asText())
                .isEqualTo("error_param");
        assertThat(shopGet("/api/v2/order/get_order_list", "1", token, now, "time_range_field=update_time&time_from="
                + (now - 15 * 86_400) + "&time_to=" + now + "&page_size=100", false).path("error").asText()).isEmpty();
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 51; i++) ids.append(i == 0 ? "" : ",").append(1000 + i);
        assertThat(shopGet("/api/v2/product/get_item_base_info", "1", token, now, "item_id_list=" + ids, false)
                .path("error").asText()).isEqualTo("error_param");
        assertThat(shopGet("/api/v2/order/get_order_detail", "1", token, now, "order_sn_list=" + ids, false)
                .path("error").asText()).isEqualTo("error_param");
        sim.shop("1").add(new SimulatedListing("55", "1", "A", BigDecimal.ONE, 0, true));
        StringBuilder list = new StringBuilder("{\"item_id\":55,\"stock_list\":[");
        for (int i = 0; i < 51; i++) list.append(i == 0 ? "" : ",").append("{\"model_id\":1,\"seller_stock\":[{\"stock\":1}]}");
        assertThat(shopPost("/api/v2/product/update_stock", "1", token, list + "]}").path("error").asText())
                .isEqualTo("error_param");
        assertThat(shopPost("/api/v2/product/update_stock", "1", token,
                "{\"item_id\":55,\"stock_list\":[{\"model_id\":1,\"normal_stock\":3}]}").path("error").asText())
                .isEqualTo("error_param");
    }

    @Test
    void pushesAreSignedOverUrlAndBody() throws Exception {
        sim.pushUrl("https://host.example/push");
        var push = sim.deauthorizationPush("9");
        String expected = sign("https://host.example/push|" + new String(push.body(), StandardCharsets.UTF_8));
        assertThat(push.headers().get("Authorization")).containsExactly(expected);
        assertThat(json.readTree(push.body()).path("code").asInt()).isEqualTo(2);
    }
}
