package io.storesync.api.compliance;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Check;
import java.time.Duration;

/**
 * What the host allows organizations to choose, and what they get when they choose nothing. An organization's
 * setting outside the bounds is refused; a stored setting that a later, tighter bound excludes is clamped at purge
 * time.
 *
 * @param defaults what an organization that chose nothing gets
 * @param minimum the shortest period per class (for orders: the legal minimum the host must keep)
 * @param maximum the longest period per class
 */
public record RetentionBounds(RetentionPolicy defaults, RetentionPolicy minimum, RetentionPolicy maximum) {

    /**
     * The schema document's defaults; minimums: orders 1 year, sync logs 7 days, webhook events 7 days (above every
     * supported platform's redelivery window), audit trail 1 year, idempotency keys 1 day; maximums 100 years.
     */
    public static final RetentionBounds DEFAULT = new RetentionBounds(RetentionPolicy.DEFAULTS,
            new RetentionPolicy(Duration.ofDays(366), Duration.ofDays(7), Duration.ofDays(7), Duration.ofDays(366),
                    Duration.ofDays(1)),
            new RetentionPolicy(Duration.ofDays(36_600), Duration.ofDays(36_600), Duration.ofDays(36_600),
                    Duration.ofDays(36_600), Duration.ofDays(36_600)));

    public RetentionBounds {
        Check.present(defaults, "defaults");
        Check.present(minimum, "minimum");
        Check.present(maximum, "maximum");
        for (DataClass c : DataClass.values()) {
            if (minimum.of(c).compareTo(maximum.of(c)) > 0) {
                throw new ValidationException("minimum " + name(c) + " exceeds its maximum");
            }
            Duration d = defaults.of(c);
            if (d.compareTo(minimum.of(c)) < 0 || d.compareTo(maximum.of(c)) > 0) {
                throw new ValidationException("default " + name(c) + " is outside its bounds");
            }
        }
    }

    /** Whether {@code period} is within this class's bounds. */
    public boolean allows(DataClass dataClass, Duration period) {
        return period.compareTo(minimum.of(dataClass)) >= 0 && period.compareTo(maximum.of(dataClass)) <= 0;
    }

    /** {@code period} moved into this class's bounds. */
    public Duration clamp(DataClass dataClass, Duration period) {
        if (period.compareTo(minimum.of(dataClass)) < 0) return minimum.of(dataClass);
        if (period.compareTo(maximum.of(dataClass)) > 0) return maximum.of(dataClass);
        return period;
    }

    /** These bounds with another minimum for orders (the host's legal minimum). */
    public RetentionBounds withMinimum(DataClass dataClass, Duration period) {
        RetentionPolicy min = minimum.with(dataClass, period);
        RetentionPolicy def = defaults.of(dataClass).compareTo(min.of(dataClass)) < 0 ? defaults.with(dataClass, period) : defaults;
        return new RetentionBounds(def, min, maximum);
    }

    static String name(DataClass c) {
        return c.name().toLowerCase(java.util.Locale.ROOT);
    }
}
