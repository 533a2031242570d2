package io.storesync.connector.kit;

import static org.assertj.core.api.Assertions.assertThat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimestampToleranceTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void acceptsWithinFiveMinutesBothWaysBoundsIncluded() {
        TimestampTolerance t = TimestampTolerance.of(Duration.ofMinutes(5), clock);

        assertThat(t.accepts(NOW)).isTrue();
        assertThat(t.accepts(NOW.minusSeconds(300))).isTrue();
        assertThat(t.accepts(NOW.plusSeconds(300))).isTrue();
        assertThat(t.accepts(NOW.minusSeconds(301))).isFalse();
        assertThat(t.accepts(NOW.plusSeconds(301))).isFalse();
    }

    @Test
    void asymmetricToleranceLimitsTheFutureSeparately() {
        TimestampTolerance tiktok = new TimestampTolerance(Duration.ofMinutes(5), Duration.ofSeconds(30), clock);

        assertThat(tiktok.acceptsEpochSeconds(NOW.getEpochSecond() - 290)).isTrue();
        assertThat(tiktok.acceptsEpochSeconds(NOW.getEpochSecond() + 30)).isTrue();
        assertThat(tiktok.acceptsEpochSeconds(NOW.getEpochSecond() + 31)).isFalse();
    }

    @Test
    void rejectsGarbageAndAbsurdValuesWithoutThrowing() {
        TimestampTolerance t = TimestampTolerance.of(Duration.ofMinutes(5), clock);

        assertThat(t.acceptsEpochSeconds("")).isFalse();
        assertThat(t.acceptsEpochSeconds("12e9")).isFalse();
        assertThat(t.acceptsEpochSeconds(" " + NOW.getEpochSecond() + " ")).isTrue();
        assertThat(t.acceptsEpochSeconds(Long.MAX_VALUE)).isFalse();
        assertThat(t.acceptsEpochSeconds(Long.MIN_VALUE)).isFalse();
    }
}
