package io.storesync.connector.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import com.fasterxml.jackson.databind.JsonNode;
import io.storesync.spi.connector.ConnectorException;
import io.storesync.spi.connector.CredentialsRejectedException;
import io.storesync.spi.connector.RateLimitedException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectorHttpTest {
    private static final ResponseEnvelope TIKTOK = ResponseEnvelope.fields("code", "message", "request_id", "0"::equals);
    private static final ResponseEnvelope SHOPEE = ResponseEnvelope.fields("error", "message", "request_id", String::isEmpty);
    /** Generous, so a loaded build machine never turns a plain call into a timeout. */
    private static final ConnectorHttpConfig FAST =
            ConnectorHttpConfig.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
    /** For the timeout tests: the server stalls for much longer than this. */
    private static final ConnectorHttpConfig IMPATIENT =
            ConnectorHttpConfig.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(500));

    private TestServer server;
    private final RecordingListener events = new RecordingListener();

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ConnectorHttp tiktok() {
        return tiktok(FAST);
    }

    private ConnectorHttp tiktok(ConnectorHttpConfig config) {
        return ConnectorHttp.builder("tiktok").config(config).envelope(TIKTOK).eventListener(events)
                .classifier(ErrorClassifier.byCode(Map.of("36009002", ErrorClassifier.Kind.RATE_LIMITED,
                        "105002", ErrorClassifier.Kind.CREDENTIALS_REJECTED)))
                .build();
    }

    private ConnectorHttp shopee() {
        return ConnectorHttp.builder("shopee").config(FAST).envelope(SHOPEE).eventListener(events)
                .classifier(ErrorClassifier.byCode(Map.of("error_auth", ErrorClassifier.Kind.CREDENTIALS_REJECTED,
                        "error_rate_limit", ErrorClassifier.Kind.RATE_LIMITED)))
                .build();
    }

    @Test
    void sendsAndReturnsRawBodyBytesUnchanged() {
        byte[] raw = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0xA9, '"', ' ', ' ', '}'};
        byte[] reply = {(byte) 0xFF, 0x00, 0x7B, (byte) 0x80};
        server.handle(TestServer.respond(200, Map.of("X-Sig", "s1"), reply));

        ConnectorResponse response = tiktok().send(ConnectorRequest.postJson("echo", server.uri("/echo?x=1"), raw)
                .withHeader("x-tts-access-token", "TTS-SECRET"));

        TestServer.Received got = server.received.peek();
        assertThat(got.body()).isEqualTo(raw);
        assertThat(got.method()).isEqualTo("POST");
        assertThat(got.headers().get("X-tts-access-token")).containsExactly("TTS-SECRET");
        assertThat(got.headers().get("User-agent")).containsExactly("StoreSync");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(reply);
        assertThat(response.header("X-SIG")).contains("s1");
    }

    @Test
    void exchangeKeepsBigIdsAndMoneyExactOverHttp() {
        server.respond(200, "{\"code\":0,\"message\":\"Success\",\"request_id\":\"r1\",\"data\":{\"id\":9223372036854775807,"
                + "\"sku_id\":12345678901234567890,\"price\":19.90}}");

        JsonNode body = tiktok().exchange(ConnectorRequest.get("product.get", server.uri("/product")));

        assertThat(body.get("data").get("id").asText()).isEqualTo("9223372036854775807");
        assertThat(body.get("data").get("sku_id").asText()).isEqualTo("12345678901234567890");
        assertThat(body.get("data").get("price").decimalValue().toPlainString()).isEqualTo("19.90");
    }

    @Test
    void http429WithRetryAfterSecondsIsRateLimited() {
        server.handle(TestServer.respond(429, Map.of("Retry-After", "5"),
                "{\"code\":36009002,\"message\":\"Too many requests\",\"request_id\":\"r-429\"}"));

        RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
                () -> tiktok().exchange(ConnectorRequest.get("order.search", server.uri("/orders"))));

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
        assertThat(e.platformCode()).contains("36009002");
        assertThat(e.requestId()).contains("r-429");
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void http429WithAnHttpDateAndNoJsonIsRateLimited() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T20:00:00Z"), ZoneOffset.UTC);
        server.handle(TestServer.respond(429, Map.of("Retry-After", "Tue, 01 Dec 2026 20:00:42 GMT"), "slow down"));
        ConnectorHttp http = ConnectorHttp.builder("custom").config(FAST).clock(clock).build();

        RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
                () -> http.exchange(ConnectorRequest.get("stock.set", server.uri("/stock"))));

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(42));
    }

    @Test
    void aRateLimitCodeInsideHttp200IsRateLimited() {
        server.handle(TestServer.respond(200, Map.of(),
                "{\"error\":\"error_rate_limit\",\"message\":\"Too many requests.\",\"request_id\":\"s-1\",\"response\":{}}"));

        assertThatThrownBy(() -> shopee().exchange(ConnectorRequest.get("product.get_item_list", server.uri("/p"))))
                .isInstanceOf(RateLimitedException.class);
    }

    @Test
    void rejectedCredentialsAreTypedWithTheRequestIdAndARedactedMessage() {
        server.handle(TestServer.respond(403, Map.of(),
                "{\"error\":\"error_auth\",\"message\":\"Invalid access_token=tok-SECRET\",\"request_id\":\"s-403\"}"));

        CredentialsRejectedException e = catchThrowableOfType(CredentialsRejectedException.class,
                () -> shopee().exchange(ConnectorRequest.get(
                "shop.get_shop_info", server.uri("/shop?access_token=tok-SECRET&sign=abc"))));

        assertThat(e.requestId()).contains("s-403");
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).doesNotContain("tok-SECRET");
    }

    @Test
    void serverErrorsWithAnHtmlBodyAreRetryable() {
        server.handle(TestServer.respond(502, Map.of("Content-Type", "text/html"), "<html>Bad gateway</html>"));

        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> tiktok().exchange(ConnectorRequest.get("product.get", server.uri("/p"))));

        assertThat(e).isExactlyInstanceOf(ConnectorException.class);
        assertThat(e.retryable()).isTrue();
        assertThat(e.httpStatus()).isEqualTo(502);
    }

    @Test
    void aServerErrorWithAJsonEnvelopeKeepsThePlatformCode() {
        server.handle(TestServer.respond(500, Map.of(),
                "{\"code\":36009003,\"message\":\"internal error\",\"request_id\":\"r-500\"}"));

        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> tiktok().exchange(ConnectorRequest.get("product.get", server.uri("/p"))));

        assertThat(e.retryable()).isTrue();
        assertThat(e.platformCode()).contains("36009003");
        assertThat(e.requestId()).contains("r-500");
    }

    @Test
    void malformedJsonOnSuccessIsATypedErrorNeverAJacksonOne() {
        server.respond(200, "{\"code\":0,\"data\":{\"access_token\":\"tok-SECRET\"");

        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> tiktok().exchange(ConnectorRequest.get("token.get", server.uri("/t"))));

        assertThat(e).isExactlyInstanceOf(ConnectorException.class);
        assertThat(e.getMessage()).contains("malformed response body").doesNotContain("tok-SECRET");
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.getCause()).isNull();
    }

    @Test
    void aSuccessBodyOfTheWrongShapeIsMalformedNotAPlatformError() {
        server.respond(200, "[1, 2]");
        ConnectorException array = catchThrowableOfType(ConnectorException.class,
                () -> tiktok().exchange(ConnectorRequest.get("product.get", server.uri("/p"))));
        server.respond(200, "{\"data\":{}}");
        ConnectorException noCode = catchThrowableOfType(ConnectorException.class,
                () -> tiktok().exchange(ConnectorRequest.get("product.get", server.uri("/p"))));

        assertThat(array.getMessage()).contains("malformed response body", "not a JSON object");
        assertThat(noCode.getMessage()).contains("malformed response body", "no code");
        assertThat(noCode.retryable()).isTrue();
    }

    @Test
    void aMissingErrorFieldIsSuccessWhereTheEmptyCodeMeansSuccess() {
        server.respond(200, "{\"response\":{\"item_id\":1}}");

        assertThat(shopee().exchange(ConnectorRequest.get("product.get", server.uri("/p"))).get("response").get("item_id")
                .asText()).isEqualTo("1");
    }

    @Test
    void aClientErrorWithoutAnEnvelopeErrorIsNotRetryable() {
        server.respond(404, "{\"code\":0}");

        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> tiktok().exchange(ConnectorRequest.get("product.get", server.uri("/p"))));

        assertThat(e.retryable()).isFalse();
        assertThat(e.httpStatus()).isEqualTo(404);
    }

    @Test
    void noContentIsASuccessWithAMissingBody() {
        server.handle(TestServer.respond(204, Map.of(), new byte[0]));

        assertThat(tiktok().exchange(ConnectorRequest.postJson("stock.set", server.uri("/s"), new byte[] {'{', '}'}))
                .isMissingNode()).isTrue();
    }

    @Test
    void aSlowServerTimesOutAsARetryableFailure() {
        server.handle(exchange -> {
            Thread.sleep(8_000);
            TestServer.respond(200, Map.of(), "{}").handle(exchange);
        });
        long started = System.nanoTime();

        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> tiktok(IMPATIENT).send(ConnectorRequest.get("product.get", server.uri("/slow"))));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(e.retryable()).isTrue();
        assertThat(e.httpStatus()).isZero();
        assertThat(e.getMessage()).contains("request timed out after 500 ms");
    }

    @Test
    void aBodyThatTricklesPastTheRequestTimeoutTimesOut() {
        server.handle(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write('{');
                out.flush();
                Thread.sleep(8_000);
                out.write('}');
            }
        });
        long started = System.nanoTime();

        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> tiktok(IMPATIENT).send(ConnectorRequest.get("product.get", server.uri("/trickle"))));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("timed out");
    }

    @Test
    void aRefusedConnectionIsARetryableTransportFailure() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> tiktok().send(ConnectorRequest.get("product.get",
                URI.create("http://127.0.0.1:" + port + "/x?access_token=tok-SECRET"))));

        assertThat(e.retryable()).isTrue();
        assertThat(e.httpStatus()).isZero();
        assertThat(e.getMessage()).contains("transport failure").doesNotContain("tok-SECRET");
        assertThat(events.names()).containsExactly("start", "failed");
    }

    @Test
    void anInterruptedCallFailsRetryablyAndKeepsTheInterruptFlag() {
        server.handle(exchange -> {
            Thread.sleep(8_000);
            TestServer.respond(200, Map.of(), "{}").handle(exchange);
        });
        Thread.currentThread().interrupt();
        try {
            ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> tiktok().send(ConnectorRequest.get("product.get", server.uri("/slow"))));

            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aBodyOverTheLimitFailsWithoutBeingReadInFull() {
        ConnectorHttp http = tiktok(FAST.withMaxResponseBytes(1024));
        server.handle(TestServer.respond(200, Map.of(), new byte[1025]));
        ConnectorException declared = catchThrowableOfType(ConnectorException.class,
                () -> http.send(ConnectorRequest.get("big", server.uri("/big"))));
        server.handle(exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no length announced
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 64; i++) out.write(new byte[512]);
            }
        });
        ConnectorException chunked = catchThrowableOfType(ConnectorException.class,
                () -> http.send(ConnectorRequest.get("big", server.uri("/chunked"))));
        server.handle(TestServer.respond(200, Map.of(), new byte[1024]));

        assertThat(List.of(declared, chunked)).allSatisfy(e -> {
            assertThat(e.getMessage()).contains("response body exceeds 1024 bytes");
            assertThat(e.retryable()).isFalse();
        });
        assertThat(http.send(ConnectorRequest.get("fits", server.uri("/fits"))).body()).hasSize(1024);
    }

    @Test
    void redirectsAreNotFollowed() {
        server.handle(TestServer.respond(302, Map.of("Location", "http://127.0.0.1:1/steal"), ""));

        ConnectorResponse response = tiktok().send(ConnectorRequest.get("product.get", server.uri("/moved")));

        assertThat(response.status()).isEqualTo(302);
        assertThat(server.received).hasSize(1);
    }

    @Test
    void listenerHearsStartResponseAndEndWithARedactedUrl() {
        server.respond(200, "{\"code\":0,\"data\":{}}");

        tiktok().exchange(ConnectorRequest.get("product.search",
                server.uri("/product/202309/products/search?app_key=k&access_token=tok-SECRET&sign=abc")));

        assertThat(events.names()).containsExactly("start", "response 200", "end 200");
        ConnectorCall call = events.calls.get(0);
        assertThat(call.platform()).isEqualTo("tiktok");
        assertThat(call.operation()).isEqualTo("product.search");
        assertThat(call.method()).isEqualTo("GET");
        assertThat(call.url()).contains("app_key=k", "access_token=***", "sign=***").doesNotContain("tok-SECRET", "abc");
        assertThat(events.calls).allSatisfy(c -> assertThat(c).isSameAs(call));
    }

    @Test
    void listenerHearsThePlatformErrorCodeOfAFailedCall() {
        server.handle(TestServer.respond(200, Map.of(), "{\"code\":105002,\"message\":\"Expired credentials\"}"));

        assertThatThrownBy(() -> tiktok().exchange(ConnectorRequest.get("product.get", server.uri("/p"))))
                .isInstanceOf(CredentialsRejectedException.class);

        assertThat(events.names()).containsExactly("start", "response 200", "failed");
        assertThat(events.failures.get(0).platformCode()).contains("105002");
        assertThat(events.failures.get(0).httpStatus()).isEqualTo(200);
    }

    @Test
    void aThrowingListenerNeverFailsTheCall() {
        server.respond(200, "{}");
        ConnectorHttp http = ConnectorHttp.builder("custom").config(FAST).eventListener(new ConnectorEventListener() {
            @Override
            public void callStart(ConnectorCall call) {
                throw new IllegalStateException("metrics backend down");
            }
        }).build();

        assertThat(http.send(ConnectorRequest.get("ping", server.uri("/ping"))).status()).isEqualTo(200);
    }

    @Test
    void aRequestsOwnUserAgentReplacesTheDefault() {
        tiktok().send(ConnectorRequest.get("ping", server.uri("/ping")).withHeader("User-Agent", "Shop/1.0"));

        assertThat(server.received.peek().headers().get("User-agent")).containsExactly("Shop/1.0");
    }

    @Test
    void aRequestTheJdkRefusesFailsBeforeAnyEvent() {
        ConnectorRequest restricted = ConnectorRequest.get("ping", server.uri("/ping")).withHeader("Host", "evil.example");

        assertThatThrownBy(() -> tiktok().send(restricted)).isInstanceOf(IllegalArgumentException.class);
        assertThat(events.names()).isEmpty();
        assertThat(server.received).isEmpty();
    }

    @Test
    void eachCallHasItsOwnId() {
        server.respond(200, "{}");
        ConnectorHttp http = tiktok();

        http.send(ConnectorRequest.get("a", server.uri("/a")));
        http.send(ConnectorRequest.get("b", server.uri("/b")));

        assertThat(events.calls.stream().map(ConnectorCall::id).distinct()).hasSize(2);
    }

    /** Records events in order. */
    static final class RecordingListener implements ConnectorEventListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<ConnectorCall> calls = new CopyOnWriteArrayList<>();
        final List<ConnectorException> failures = new CopyOnWriteArrayList<>();

        @Override
        public void callStart(ConnectorCall call) {
            events.add("start");
            calls.add(call);
        }

        @Override
        public void responseReceived(ConnectorCall call, int status, Duration elapsed) {
            events.add("response " + status);
            calls.add(call);
        }

        @Override
        public void callEnd(ConnectorCall call, int status, Duration elapsed) {
            events.add("end " + status);
            calls.add(call);
        }

        @Override
        public void callFailed(ConnectorCall call, Duration elapsed, ConnectorException failure) {
            events.add("failed");
            calls.add(call);
            failures.add(failure);
        }

        List<String> names() {
            return events;
        }
    }
}
