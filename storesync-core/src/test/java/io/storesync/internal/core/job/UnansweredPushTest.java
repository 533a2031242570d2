package io.storesync.internal.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.api.ValidationException;
import io.storesync.spi.connector.ConnectorException;
import io.storesync.spi.connector.CredentialsRejectedException;
import io.storesync.spi.connector.RateLimitedException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which failed stock push calls may still be applied by the platform, and so hold their listings' marks. */
class UnansweredPushTest {

    @Test
    void aCallWithoutAUsableAnswerMayLandLate() {
        assertThat(StockPushHandler.mayLandLate(failure(0, null))).as("timeout, lost connection").isTrue();
        assertThat(StockPushHandler.mayLandLate(failure(500, null))).as("5xx").isTrue();
        assertThat(StockPushHandler.mayLandLate(failure(504, "gateway_timeout"))).as("5xx with a code").isTrue();
        assertThat(StockPushHandler.mayLandLate(failure(200, null))).as("an answer that could not be read").isTrue();
        assertThat(StockPushHandler.mayLandLate(new IllegalStateException("connector bug after sending"))).isTrue();
    }

    @Test
    void aRefusalOrACallNeverSentDoesNot() {
        assertThat(StockPushHandler.mayLandLate(failure(400, null))).as("4xx").isFalse();
        assertThat(StockPushHandler.mayLandLate(failure(200, "error_param"))).as("an error in the envelope").isFalse();
        assertThat(StockPushHandler.mayLandLate(new RateLimitedException("shopee", null, "throttled", null, 429,
                Duration.ofSeconds(1)))).isFalse();
        assertThat(StockPushHandler.mayLandLate(new CredentialsRejectedException("shopee", "invalid_acceess_token",
                "token", null, 403))).isFalse();
        assertThat(StockPushHandler.mayLandLate(new JobContext.ThrottledException(Duration.ofSeconds(2)))).isFalse();
        assertThat(StockPushHandler.mayLandLate(new ValidationException("refused before sending"))).isFalse();
    }

    private static ConnectorException failure(int status, String code) {
        return new ConnectorException("shopee", code, "failed", null, status, true, null);
    }
}
