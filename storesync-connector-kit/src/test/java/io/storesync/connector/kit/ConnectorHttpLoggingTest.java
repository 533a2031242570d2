package io.storesync.connector.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorHttpLoggingTest {
    private static final String LOGGER = ConnectorHttp.class.getName();

    @Test
    void noLogLineOrMessageCarriesATokenOrSignature() throws Exception {
        ConnectorHttp http = ConnectorHttp.builder("shopee")
                .config(ConnectorHttpConfig.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)))
                .envelope(ResponseEnvelope.fields("error", "message", "request_id", String::isEmpty))
                .build();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String query = "?partner_id=1&access_token=tok-SECRET&sign=sig-SECRET&refresh_token=rt-SECRET";
        List<Throwable> failures;
        int before = CapturingLogs.linesOf(LOGGER).size();
        try (TestServer server = new TestServer()) {
            server.respond(200, "{\"error\":\"\",\"response\":{}}");
            http.exchange(ConnectorRequest.get("ok", server.uri("/ok" + query))
                    .withHeader("Authorization", "auth-SECRET"));
            server.respond(400, "{\"error\":\"error_param\",\"message\":\"bad access_token=tok-SECRET\"}");
            Throwable platformError = catchThrowable(() -> http.exchange(ConnectorRequest.get("bad", server.uri("/bad" + query))));
            server.respond(200, "{\"refresh_token\":\"rt-SECRET\"");
            Throwable malformed = catchThrowable(() -> http.exchange(ConnectorRequest.get("token", server.uri("/t" + query))));
            Throwable refused = catchThrowable(() -> http.send(ConnectorRequest.get("down",
                    URI.create("http://127.0.0.1:" + closedPort + "/x" + query))));
            failures = List.of(platformError, malformed, refused);
        }

        List<String> lines = CapturingLogs.linesOf(LOGGER).subList(before, CapturingLogs.linesOf(LOGGER).size());
        assertThat(lines).hasSizeGreaterThanOrEqualTo(7).anySatisfy(l -> assertThat(l).contains("access_token=***"));
        assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain("SECRET"));
        assertThat(failures).allSatisfy(e -> assertThat(e).isNotNull().hasMessageNotContaining("SECRET"));
    }

    @Test
    void theCapturingProviderIsTheOneInUse() {
        org.slf4j.LoggerFactory.getLogger("probe").info("hello {}", Map.of());

        assertThat(CapturingLogs.linesOf("probe")).contains("probe INFO hello {}");
    }
}
