package io.storesync.connector.kit;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Parses an HTTP {@code Retry-After} header (RFC 9110 §10.2.3): delta-seconds or an HTTP-date (IMF-fixdate, and the
 * obsolete RFC 850 and asctime forms). A present but unusable value (negative, garbage) gives the fallback; every
 * result is capped at the maximum, so a platform cannot park a job for a year. Immutable and thread-safe.
 */
public final class RetryAfter {
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("EEEE, dd-MMM-").appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
            .appendPattern(" HH:mm:ss 'GMT'").toFormatter(Locale.US);
    private static final DateTimeFormatter ASCTIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("EEE MMM").appendLiteral(' ').optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("d HH:mm:ss yyyy").toFormatter(Locale.US);
    private static final List<DateTimeFormatter> ZONED = List.of(DateTimeFormatter.RFC_1123_DATE_TIME);

    private final Duration fallback;
    private final Duration max;
    private final Clock clock;

    private RetryAfter(Duration fallback, Duration max, Clock clock) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.max = Objects.requireNonNull(max, "max");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (fallback.isNegative() || max.isNegative() || fallback.compareTo(max) > 0) {
            throw new IllegalArgumentException("need 0 <= fallback <= max");
        }
    }

    /** A parser with a fallback of 10 seconds for unusable values and a cap of 15 minutes. */
    public static RetryAfter standard(Clock clock) {
        return new RetryAfter(Duration.ofSeconds(10), Duration.ofMinutes(15), clock);
    }

    /** A parser with the given fallback (for unusable values) and cap. */
    public static RetryAfter of(Duration fallback, Duration max, Clock clock) {
        return new RetryAfter(fallback, max, clock);
    }

    /**
     * The wait a {@code Retry-After} value asks for: empty when the header is absent or blank; the fallback when it is
     * negative or unparseable; zero for a date in the past; never more than the cap.
     */
    public Optional<Duration> parse(@Nullable String value) {
        if (value == null || value.isBlank()) return Optional.empty();
        String v = value.trim();
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // more digits than a long holds is still a (silly) valid delta: cap it
            if (v.length() > 18) return Optional.of(max);
            return Optional.of(cap(Duration.ofSeconds(Long.parseLong(v))));
        }
        Instant at = parseDate(v);
        if (at == null) return Optional.of(fallback);
        Duration wait = Duration.between(clock.instant(), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : cap(wait));
    }

    private Duration cap(Duration d) {
        return d.compareTo(max) > 0 ? max : d;
    }

    private static @Nullable Instant parseDate(String v) {
        for (DateTimeFormatter f : ZONED) {
            try {
                return ZonedDateTime.parse(v, f).toInstant();
            } catch (DateTimeException e) {
                // next form
            }
        }
        for (DateTimeFormatter f : List.of(RFC_850, ASCTIME)) {
            try {
                return LocalDateTime.parse(v, f).toInstant(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                // next form
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "RetryAfter[fallback=" + fallback + ", max=" + max + "]";
    }
}
