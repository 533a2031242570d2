package io.storesync.connector.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorRequestTest {
    private static final URI URI_WITH_TOKEN = URI.create("https://api.example/p?access_token=tok-SECRET&page=2");

    @Test
    void bodyIsCopiedInAndOut() {
        byte[] body = {1, 2, 3};
        ConnectorRequest request = ConnectorRequest.postJson("op", URI_WITH_TOKEN, body);
        body[0] = 9;
        request.body()[1] = 9;

        assertThat(request.body()).containsExactly(1, 2, 3);
    }

    @Test
    void toStringRedactsSecretsAndOmitsTheBody() {
        ConnectorRequest request = ConnectorRequest.postJson("op", URI_WITH_TOKEN, "{\"sign\":\"s-SECRET\"}".getBytes())
                .withHeader("Authorization", "Bearer b-SECRET");

        assertThat(request.toString()).doesNotContain("SECRET").contains("page=2", "Content-Type", "bytes");
    }

    @Test
    void headersAccumulateAndEqualityIsByContent() {
        ConnectorRequest a = ConnectorRequest.get("op", URI_WITH_TOKEN).withHeader("X-A", "1").withHeader("X-A", "2");
        ConnectorRequest b = ConnectorRequest.get("op", URI_WITH_TOKEN).withHeader("X-A", "1").withHeader("X-A", "2");

        assertThat(a.headers()).containsEntry("X-A", List.of("1", "2"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    }

    @Test
    void relativeUrisAreRefused() {
        assertThatThrownBy(() -> ConnectorRequest.get("op", URI.create("/relative")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void responseHeadersAreCaseInsensitiveAndSecretHeadersRedactedInToString() {
        ConnectorResponse response = new ConnectorResponse(200,
                Map.of("Set-Cookie", List.of("session=c-SECRET"), "X-Request-Id", List.of("r1")), new byte[] {1},
                Duration.ofMillis(5));

        assertThat(response.header("x-request-id")).contains("r1");
        assertThat(response.header("absent")).isEmpty();
        assertThat(response.toString()).doesNotContain("c-SECRET").contains("r1");
    }
}
