package io.storesync.api.job;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Check;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the n-th retry waits {@code initial * 2^(n-1)}, capped at {@code max}, then
 * moved by up to {@code jitter} of itself either way (0.2 = ±20%), so that jobs failing together do not retry
 * together. A platform's retry-after, when longer, wins.
 */
public record RetryPolicy(Duration initial, Duration max, double jitter) {
    /** 5 s, 10 s, 20 s ... at most 15 minutes, ±20%. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(15), 0.2);

    public RetryPolicy {
        Check.present(initial, "initial");
        Check.present(max, "max");
        if (initial.isNegative() || initial.isZero()) throw new ValidationException("initial must be positive, got " + initial);
        if (max.compareTo(initial) < 0) throw new ValidationException("max must be at least initial");
        if (!(jitter >= 0 && jitter < 1)) throw new ValidationException("jitter must be in [0, 1), got " + jitter);
    }

    /** The wait before retry number {@code retry} (1 for the first retry), without jitter. */
    public Duration baseDelay(int retry) {
        if (retry < 1) throw new ValidationException("retry counts from 1, got " + retry);
        long initialNanos = initial.toNanos();
        long maxNanos = max.toNanos();
        int shift = Math.min(retry - 1, 62);
        long delay = initialNanos > (maxNanos >> shift) ? maxNanos : initialNanos << shift;
        return Duration.ofNanos(Math.min(delay, maxNanos));
    }

    /** The wait before retry number {@code retry}, with jitter. */
    public Duration delay(int retry) {
        long base = baseDelay(retry).toNanos();
        if (jitter == 0) return Duration.ofNanos(base);
        double factor = 1 + ThreadLocalRandom.current().nextDouble(-jitter, jitter);
        return Duration.ofNanos((long) (base * factor));
    }
}
