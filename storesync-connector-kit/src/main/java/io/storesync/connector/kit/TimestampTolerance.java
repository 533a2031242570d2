package io.storesync.connector.kit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How far a signed timestamp (a webhook's, a signed request's) may be from now: at most {@code maxAge} in the past and
 * {@code maxAhead} in the future (TikTok Shop allows 5 minutes back but only 30 seconds ahead). Time comes from the
 * injected {@link Clock}.
 *
 * @param maxAge   how old a timestamp may be; not negative
 * @param maxAhead how far ahead of this clock a timestamp may be; not negative
 * @param clock    the time source
 */
public record TimestampTolerance(Duration maxAge, Duration maxAhead, Clock clock) {

    /** Requires non-negative tolerances and a clock. */
    public TimestampTolerance {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(maxAhead, "maxAhead");
        Objects.requireNonNull(clock, "clock");
        if (maxAge.isNegative() || maxAhead.isNegative()) throw new IllegalArgumentException("negative tolerance");
    }

    /** The same tolerance both ways, such as five minutes for Standard Webhooks and Shopee. */
    public static TimestampTolerance of(Duration tolerance, Clock clock) {
        return new TimestampTolerance(tolerance, tolerance, clock);
    }

    /** Whether the instant is within tolerance of now (bounds included). */
    public boolean accepts(Instant timestamp) {
        Instant now = clock.instant();
        return !timestamp.isBefore(now.minus(maxAge)) && !timestamp.isAfter(now.plus(maxAhead));
    }

    /** Whether a Unix timestamp in seconds is within tolerance of now; absurd values are rejected, never thrown. */
    public boolean acceptsEpochSeconds(long epochSeconds) {
        if (epochSeconds < Instant.MIN.getEpochSecond() || epochSeconds > Instant.MAX.getEpochSecond()) return false;
        return accepts(Instant.ofEpochSecond(epochSeconds));
    }

    /** Whether a header value holding Unix seconds is within tolerance; missing or non-numeric values are rejected. */
    public boolean acceptsEpochSeconds(String epochSeconds) {
        try {
            return acceptsEpochSeconds(Long.parseLong(epochSeconds.trim()));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
