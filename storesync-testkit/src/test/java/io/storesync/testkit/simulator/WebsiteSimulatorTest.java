package io.storesync.testkit.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.api.store.StoreCredentials;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator holds the contract's line on its own: keys, caps, faults at the rate asked, shop behaviour. */
class WebsiteSimulatorTest {
    private final WebsiteSimulator site = WebsiteSimulator.start();
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void aWrongApiKeyIsRefusedWith401() throws Exception {
        site.shop("s").add(SimulatedListing.of("P1", "SKU", "1.00", 1));
        StoreCredentials c = site.credentials("s");
        assertThat(get(c, "/products", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(get(c, "/products", "Bearer " + c.accessToken().reveal()).statusCode()).isEqualTo(200);
        site.revokeCredentials("s");
        assertThat(get(c, "/products", "Bearer " + c.accessToken().reveal()).statusCode()).isEqualTo(401);
    }

    @Test
    void callsBeyondTheContractsCapsAreRefusedWith400() throws Exception {
        StoreCredentials c = site.credentials("s");
        String key = "Bearer " + c.accessToken().reveal();
        assertThat(get(c, "/products?limit=101", key).statusCode()).isEqualTo(400);
        assertThat(get(c, "/orders?updated_from=2026-01-01T00:00:00Z&updated_to=2026-01-09T00:00:00Z", key).statusCode())
                .isEqualTo(400);
        String items = "{\"product_id\":\"P\",\"quantity\":1},".repeat(101);
        HttpResponse<String> batch = client.send(HttpRequest.newBuilder(URI.create(base(c) + "/stock"))
                .header("Authorization", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"items\":[" + items.substring(0, items.length() - 1) + "]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(batch.statusCode()).isEqualTo(400);
        assertThat(batch.body()).contains("batch_too_large");
    }

    @Test
    void faultsAreInjectedAtRoughlyTheRateAskedAndRecorded() throws Exception {
        StoreCredentials c = site.credentials("s");
        site.faults(FaultPlan.atRate(0.2, 42, Fault.SERVER_ERROR, Fault.RATE_LIMITED));
        int calls = 300;
        for (int i = 0; i < calls; i++) get(c, "/products", "Bearer " + c.accessToken().reveal());
        long faulted = site.requests().stream().filter(r -> r.fault() != null).count();
        assertThat(faulted).isBetween(35L, 85L);
        assertThat(site.faultsInjected()).isEqualTo((int) faulted);
        assertThat(site.requests()).filteredOn(r -> r.fault() == Fault.RATE_LIMITED)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(429));
        assertThat(site.requests()).filteredOn(r -> r.fault() == Fault.SERVER_ERROR)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(503));
    }

    @Test
    void theShopLowersStockOnSaleAndRestoresItOnCancel() {
        SimulatedShop shop = site.shop("s").add(SimulatedListing.of("P1", "SKU", "10.00", 5));
        Instant now = Instant.now();
        shop.placeOrder("O1", "IDR", now, List.of(new SimulatedOrder.Line("1", "P1", null, "SKU", "Thing", 2,
                new BigDecimal("10.00"))));
        assertThat(shop.stock("P1", null)).isEqualTo(3);
        shop.changeStatus("O1", "cancelled", now.plusSeconds(1));
        assertThat(shop.stock("P1", null)).isEqualTo(5);
        assertThat(shop.ordersChanged(now, now.plusSeconds(2))).singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo("cancelled"));
    }

    @Test
    void webhookSignaturesChangeWithTheBody() {
        site.credentials("s");
        SignedDelivery a = site.signedEvent("s", "msg_1", "ping", java.util.Map.of("n", 1), Instant.ofEpochSecond(1_700_000_000));
        SignedDelivery b = site.signedEvent("s", "msg_1", "ping", java.util.Map.of("n", 2), Instant.ofEpochSecond(1_700_000_000));
        assertThat(a.headers().get("webhook-signature").get(0)).startsWith("v1,")
                .isNotEqualTo(b.headers().get("webhook-signature").get(0));
        assertThat(a.headers().get("webhook-timestamp")).containsExactly("1700000000");
    }

    private HttpResponse<String> get(StoreCredentials c, String pathAndQuery, String authorization)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base(c) + pathAndQuery)).header("Authorization", authorization)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String base(StoreCredentials c) {
        return c.extra().get("base_url").reveal();
    }
}
