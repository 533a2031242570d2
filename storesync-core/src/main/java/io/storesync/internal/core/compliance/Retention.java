package io.storesync.internal.core.compliance;

import io.storesync.api.ValidationException;
import io.storesync.api.compliance.DataClass;
import io.storesync.api.compliance.RetentionBounds;
import io.storesync.api.compliance.RetentionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** The rules: an organization's effective periods, validation of a new setting, and each class's cutoff. */
public final class Retention {
    private Retention() {}

    /** The organization's settings where it has them, the host's defaults elsewhere, each clamped to the bounds. */
    public static RetentionPolicy effective(RetentionBounds bounds, Map<DataClass, Duration> settings) {
        RetentionPolicy p = bounds.defaults();
        for (DataClass c : DataClass.values()) {
            Duration set = settings.get(c);
            p = p.with(c, bounds.clamp(c, set == null ? bounds.defaults().of(c) : set));
        }
        return p;
    }

    /** The settings to store for {@code policy}, or a {@link ValidationException} naming every period out of bounds. */
    public static Map<DataClass, Duration> validate(RetentionBounds bounds, RetentionPolicy policy) {
        StringBuilder problems = new StringBuilder();
        Map<DataClass, Duration> out = new EnumMap<>(DataClass.class);
        for (DataClass c : DataClass.values()) {
            Duration d = policy.of(c);
            if (!bounds.allows(c, d)) {
                if (problems.length() > 0) problems.append("; ");
                problems.append(c.name().toLowerCase(Locale.ROOT)).append(" must be ").append(bounds.minimum().of(c).toDays())
                        .append(" to ").append(bounds.maximum().of(c).toDays()).append(" days, got ").append(d.toDays());
            }
            out.put(c, d);
        }
        if (problems.length() > 0) throw new ValidationException("retention out of the host's bounds: " + problems);
        return out;
    }

    /** Rows of {@code dataClass} older than this instant are past their period at {@code now}. */
    public static Instant cutoff(RetentionPolicy policy, DataClass dataClass, Instant now) {
        return now.minus(policy.of(dataClass));
    }
}
