package io.storesync.connector.kit;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.api.ErrorCode;
import io.storesync.spi.connector.ConnectorException;
import io.storesync.spi.connector.CredentialsRejectedException;
import io.storesync.spi.connector.RateLimitedException;
import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorErrorsTest {
    private static final Duration CONNECT = Duration.ofSeconds(1);
    private static final Duration REQUEST = Duration.ofSeconds(2);

    private final ConnectorErrors shopee = ConnectorErrors.of("shopee", ErrorClassifier.byCode(Map.of(
            "error_rate_limit", ErrorClassifier.Kind.RATE_LIMITED,
            "error_auth", ErrorClassifier.Kind.CREDENTIALS_REJECTED,
            "error_server", ErrorClassifier.Kind.RETRYABLE,
            "error_param", ErrorClassifier.Kind.PERMANENT)));

    @Test
    void http429IsRateLimitedWithItsRetryAfter() {
        ConnectorException e = shopee.toException(new PlatformError(429, null, null, "req-1", Duration.ofSeconds(7)));

        assertThat(e).isInstanceOf(RateLimitedException.class);
        assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(e.requestId()).contains("req-1");
        assertThat(e.httpStatus()).isEqualTo(429);
    }

    @Test
    void aRateLimitCodeOnHttp200IsRateLimited() {
        ConnectorException e = shopee.toException(new PlatformError(200, "error_rate_limit", "Too many requests", "r", null));

        assertThat(e).isInstanceOf(RateLimitedException.class);
        assertThat(e.platformCode()).contains("error_rate_limit");
        assertThat(e.retryAfter()).isEmpty();
    }

    @Test
    void credentialCodesAndHttp401AreCredentialsRejected() {
        ConnectorException byCode = shopee.toException(new PlatformError(403, "error_auth", "Invalid access_token", null, null));
        ConnectorException byStatus = shopee.toException(new PlatformError(401, null, null, null, null));

        assertThat(byCode).isInstanceOf(CredentialsRejectedException.class);
        assertThat(byCode.retryable()).isFalse();
        assertThat(byStatus).isInstanceOf(CredentialsRejectedException.class);
    }

    @Test
    void serverErrorsAreRetryableAndKeepRetryAfter() {
        ConnectorException e = shopee.toException(new PlatformError(503, null, null, null, Duration.ofSeconds(3)));
        ConnectorException busy = shopee.toException(new PlatformError(200, "error_server", "busy", null, null));

        assertThat(e).isExactlyInstanceOf(ConnectorException.class);
        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(e.getMessage()).contains("HTTP 503");
        assertThat(busy.retryable()).isTrue();
    }

    @Test
    void clientErrorsAndUnknownCodesAreNotRetryable() {
        ConnectorException bad = shopee.toException(new PlatformError(400, "error_param", "no partner_id", null, null));
        ConnectorException unknown = shopee.toException(new PlatformError(200, "error_new_thing", "?", null, null));
        ConnectorException notFound = shopee.toException(new PlatformError(404, null, null, null, Duration.ofSeconds(9)));

        assertThat(bad).isExactlyInstanceOf(ConnectorException.class);
        assertThat(bad.retryable()).isFalse();
        assertThat(unknown.retryable()).isFalse();
        assertThat(notFound.retryable()).isFalse();
        assertThat(notFound.retryAfter()).isEmpty();
    }

    @Test
    void theClassifierBeatsTheStatusAndCanBeChained() {
        ErrorClassifier tiktok = ErrorClassifier.byCode(Map.of("36009002", ErrorClassifier.Kind.RATE_LIMITED))
                .orElse(e -> e.code() != null && e.code().startsWith("105") ? ErrorClassifier.Kind.CREDENTIALS_REJECTED : null);
        ConnectorErrors errors = ConnectorErrors.of("tiktok", tiktok);

        assertThat(errors.toException(new PlatformError(500, "36009002", "Too many", null, null)))
                .isInstanceOf(RateLimitedException.class);
        assertThat(errors.toException(new PlatformError(200, "105002", "Expired credentials", null, null)))
                .isInstanceOf(CredentialsRejectedException.class);
        assertThat(errors.kindOf(new PlatformError(502, "1", null, null, null))).isEqualTo(ErrorClassifier.Kind.RETRYABLE);
    }

    @Test
    void platformMessagesAreRedacted() {
        ConnectorException e = shopee.toException(new PlatformError(400, "error_param",
                "bad request access_token=tok-SECRET&sign=abc123", null, null));

        assertThat(e.getMessage()).doesNotContain("tok-SECRET", "abc123").contains("access_token=***");
    }

    @Test
    void transportFailuresAreRetryableWithoutStatus() {
        ConnectorException connect = shopee.transportFailure(new HttpConnectTimeoutException("x"), CONNECT, REQUEST);
        ConnectorException timeout = shopee.transportFailure(new HttpTimeoutException("x"), CONNECT, REQUEST);
        ConnectorException io = shopee.transportFailure(
                new IOException("reset", new IOException("while sending ?access_token=tok-SECRET")), CONNECT, REQUEST);

        assertThat(connect.getMessage()).contains("connect timed out after 1000 ms");
        assertThat(timeout.getMessage()).contains("request timed out after 2000 ms");
        assertThat(io.getMessage()).contains("IOException: reset; caused by IOException").doesNotContain("tok-SECRET");
        assertThat(java.util.List.of(connect, timeout, io)).allSatisfy(e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.httpStatus()).isZero();
        });
    }

    @Test
    void malformedBodiesAreTypedAndRetryable() {
        ConnectorException e = shopee.malformedBody(200, "req-9", "JsonParseException at line 1, column 5");

        assertThat(e).isExactlyInstanceOf(ConnectorException.class);
        assertThat(e.code()).isEqualTo(ErrorCode.CONNECTOR);
        assertThat(e.retryable()).isTrue();
        assertThat(e.requestId()).contains("req-9");
    }
}
