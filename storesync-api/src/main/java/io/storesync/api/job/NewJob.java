package io.storesync.api.job;

import io.storesync.api.ValidationException;
import io.storesync.api.store.StoreId;
import io.storesync.internal.api.Check;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A job to enqueue.
 *
 * @param type what to do
 * @param storeId the store, required for {@link JobType#needsStore() store jobs}
 * @param priority 0 (first) to 1000 (last); 100 unless set
 * @param delay how long to wait before the first run, at most {@link #MAX_DELAY}
 * @param maxAttempts how many runs before the job fails for good (1 to 100)
 * @param dedupeKey when set, at most one waiting (pending or retrying) job per organization has this key; enqueueing
 *     another returns the waiting one
 * @param parameters handler parameters (plain text, never secrets)
 */
public record NewJob(JobType type, @Nullable StoreId storeId, int priority, Duration delay, int maxAttempts,
        @Nullable String dedupeKey, Map<String, String> parameters) {
    /** The default priority. */
    public static final int DEFAULT_PRIORITY = 100;
    /** The default number of attempts. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /**
     * The longest delay, about ten years: a job's run time must stay a timestamp PostgreSQL and {@link Duration}'s
     * nanoseconds can both hold (300 years overflowed into an internal error).
     */
    public static final Duration MAX_DELAY = Duration.ofDays(3660);

    public NewJob {
        Check.present(type, "type");
        if (type.needsStore() && storeId == null) throw new ValidationException(type + " jobs need a store");
        if (priority < 0 || priority > 1000) throw new ValidationException("priority must be 0 to 1000, got " + priority);
        Check.present(delay, "delay");
        if (delay.isNegative()) throw new ValidationException("delay must not be negative, got " + delay);
        if (delay.compareTo(MAX_DELAY) > 0) throw new ValidationException("delay must be at most " + MAX_DELAY.toDays() + " days");
        if (maxAttempts < 1 || maxAttempts > 100) throw new ValidationException("maxAttempts must be 1 to 100, got " + maxAttempts);
        Check.optionalText(dedupeKey, "dedupeKey", 255);
        if (dedupeKey != null && dedupeKey.isBlank()) throw new ValidationException("dedupeKey must not be blank");
        Check.jsonObject(Check.present(parameters, "parameters"), "parameters");
        parameters = Map.copyOf(parameters);
    }

    /** A job with default priority and attempts, no delay and no dedupe key. */
    public static NewJob of(JobType type, @Nullable StoreId storeId) {
        return new NewJob(type, storeId, DEFAULT_PRIORITY, Duration.ZERO, DEFAULT_MAX_ATTEMPTS, null, Map.of());
    }

    /** A job of a store with the conventional dedupe key {@code TYPE:store}, so at most one waits per store. */
    public static NewJob deduplicated(JobType type, StoreId storeId) {
        return of(type, storeId).withDedupeKey(type.name() + ":" + storeId);
    }

    /** This job with a dedupe key. */
    public NewJob withDedupeKey(String key) {
        return new NewJob(type, storeId, priority, delay, maxAttempts, key, parameters);
    }

    /** This job with another number of attempts. */
    public NewJob withMaxAttempts(int attempts) {
        return new NewJob(type, storeId, priority, delay, attempts, dedupeKey, parameters);
    }

    /** This job with a delay before its first run. */
    public NewJob withDelay(Duration by) {
        return new NewJob(type, storeId, priority, by, maxAttempts, dedupeKey, parameters);
    }

    /** This job with another priority. */
    public NewJob withPriority(int value) {
        return new NewJob(type, storeId, value, delay, maxAttempts, dedupeKey, parameters);
    }

    /** This job with handler parameters. */
    public NewJob withParameters(Map<String, String> values) {
        return new NewJob(type, storeId, priority, delay, maxAttempts, dedupeKey, values);
    }
}
