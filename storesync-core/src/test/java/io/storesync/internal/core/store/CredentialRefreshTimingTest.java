package io.storesync.internal.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CredentialRefreshTimingTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void credentialsWithoutExpiryAreNeverRefreshed() {
        assertThat(StoresService.refreshAt(NOW, null)).isNull();
    }

    @Test
    void longLivedTokensRefreshAnHourBeforeTheyExpire() {
        assertThat(StoresService.refreshAt(NOW, NOW.plus(Duration.ofDays(30))))
                .isEqualTo(NOW.plus(Duration.ofDays(30)).minus(Duration.ofHours(1)));
        assertThat(StoresService.refreshAt(NOW, NOW.plus(Duration.ofHours(2)))).isEqualTo(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void shortLivedTokensRefreshHalfwayThroughWhatIsLeft() {
        assertThat(StoresService.refreshAt(NOW, NOW.plus(Duration.ofMinutes(90)))).isEqualTo(NOW.plus(Duration.ofMinutes(45)));
        assertThat(StoresService.refreshAt(NOW, NOW.plus(Duration.ofSeconds(10)))).isEqualTo(NOW.plus(Duration.ofSeconds(5)));
    }

    @Test
    void expiredTokensRefreshNowNotInThePast() {
        assertThat(StoresService.refreshAt(NOW, NOW)).isEqualTo(NOW);
        assertThat(StoresService.refreshAt(NOW, NOW.minus(Duration.ofHours(3)))).isEqualTo(NOW);
    }
}
