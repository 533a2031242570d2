package io.storesync.internal.core.job;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a run ended when it did not succeed, as the failure policy classified it.
 *
 * @param kind retry after {@code delay} counting the attempt; reschedule after {@code delay} without counting it
 *     (throttled); or give up now with {@code outcome}
 * @param outcome for {@link Kind#GIVE_UP}: {@code rejected}, {@code cancelled} or {@code credentials_rejected}
 */
record JobFailure(Kind kind, Duration delay, String message, @Nullable String outcome) {
    /** What to do next. */
    enum Kind { RETRY, RESCHEDULE, GIVE_UP }

    JobFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(message, "message");
    }
}
