package io.storesync.connector.kit;

import static org.assertj.core.api.Assertions.assertThat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-12-01T20:00:00Z");
    private final RetryAfter retryAfter =
            RetryAfter.of(Duration.ofSeconds(10), Duration.ofMinutes(15), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void readsDeltaSeconds() {
        assertThat(retryAfter.parse("120")).contains(Duration.ofSeconds(120));
        assertThat(retryAfter.parse(" 0 ")).contains(Duration.ZERO);
    }

    @Test
    void readsImfFixdate() {
        assertThat(retryAfter.parse("Tue, 01 Dec 2026 20:01:30 GMT")).contains(Duration.ofSeconds(90));
    }

    @Test
    void readsObsoleteRfc850AndAsctimeDates() {
        assertThat(retryAfter.parse("Tuesday, 01-Dec-26 20:00:45 GMT")).contains(Duration.ofSeconds(45));
        assertThat(retryAfter.parse("Tue Dec  1 20:00:05 2026")).contains(Duration.ofSeconds(5));
    }

    @Test
    void aDateInThePastMeansNow() {
        assertThat(retryAfter.parse("Tue, 01 Dec 2026 19:00:00 GMT")).contains(Duration.ZERO);
    }

    @Test
    void absentOrBlankIsEmpty() {
        assertThat(retryAfter.parse(null)).isEmpty();
        assertThat(retryAfter.parse("  ")).isEmpty();
    }

    @Test
    void negativeOrGarbageGivesTheFallback() {
        assertThat(retryAfter.parse("-5")).contains(Duration.ofSeconds(10));
        assertThat(retryAfter.parse("soon")).contains(Duration.ofSeconds(10));
        assertThat(retryAfter.parse("1.5")).contains(Duration.ofSeconds(10));
        assertThat(retryAfter.parse("Tue, 32 Dec 2026 20:00:00 GMT")).contains(Duration.ofSeconds(10));
    }

    @Test
    void hugeValuesAreCapped() {
        assertThat(retryAfter.parse("86400")).contains(Duration.ofMinutes(15));
        assertThat(retryAfter.parse("99999999999999999999999")).contains(Duration.ofMinutes(15));
        assertThat(retryAfter.parse("Fri, 01 Jan 2100 00:00:00 GMT")).contains(Duration.ofMinutes(15));
    }
}
