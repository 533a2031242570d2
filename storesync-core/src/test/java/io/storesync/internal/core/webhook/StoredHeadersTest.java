package io.storesync.internal.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoredHeadersTest {
    private static final Map<String, List<String>> RECEIVED = Map.of(
            "Content-Type", List.of("application/json"),
            "Webhook-Id", List.of("msg_1"),
            "X-Shop-Signature", List.of("abc"),
            "Authorization", List.of("Bearer host-secret"),
            "Cookie", List.of("session=s3cr3t"),
            "X-Api-Key", List.of("gw-key"),
            "X-Gateway-Token", List.of("gw-token"),
            "User-Agent", List.of("curl"));

    @Test
    void keepsOnlyTheDeclaredHeadersUnderLowerCaseNames() {
        Map<String, List<String>> kept = StoredHeaders.keep(RECEIVED, Set.of("content-type", "WEBHOOK-ID"));
        assertThat(kept).containsOnlyKeys("content-type", "webhook-id");
        assertThat(kept.get("Content-Type")).containsExactly("application/json");
    }

    @Test
    void neverKeepsCredentialHeadersEvenWhenAConnectorDeclaresThem() {
        Map<String, List<String>> kept = StoredHeaders.keep(RECEIVED,
                Set.of("authorization", "Cookie", "x-api-key", "x-gateway-token", "x-shop-signature"));
        assertThat(kept).containsOnlyKeys("x-shop-signature");
        assertThat(kept.toString()).doesNotContain("host-secret", "s3cr3t", "gw-key", "gw-token");
    }

    @Test
    void nameFragmentsThatSuggestASecretAreRefusedWhateverTheirSpelling() {
        assertThat(StoredHeaders.storable("x-session-id")).isFalse();
        assertThat(StoredHeaders.storable("x-my-apikey")).isFalse();
        assertThat(StoredHeaders.storable("x-client-secret")).isFalse();
        assertThat(StoredHeaders.storable("webhook-timestamp")).isTrue();
        assertThat(StoredHeaders.storable("content-type")).isTrue();
    }
}
