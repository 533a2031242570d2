package io.storesync.testkit.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Which faults a simulator injects into its API calls, and how often: each call fails with probability {@code rate},
 * with a kind drawn uniformly from {@code kinds}, from a seeded random sequence so a failing run can be repeated.
 *
 * @param rate the share of calls that fail, 0 to 1
 * @param kinds the faults to draw from; not empty when {@code rate > 0}
 * @param seed the seed of the random sequence
 * @param retryAfter what {@link Fault#RATE_LIMITED} answers ask clients to wait
 * @param slowDelay how long a {@link Fault#SLOW} answer is held
 */
public record FaultPlan(double rate, List<Fault> kinds, long seed, Duration retryAfter, Duration slowDelay) {
    /** No faults. */
    public static final FaultPlan NONE = new FaultPlan(0, List.of(), 0, Duration.ofSeconds(1), Duration.ZERO);

    public FaultPlan {
        if (!(rate >= 0 && rate <= 1)) throw new IllegalArgumentException("rate must be within 0..1");
        kinds = List.copyOf(kinds);
        if (rate > 0 && kinds.isEmpty()) throw new IllegalArgumentException("a positive rate needs fault kinds");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(slowDelay, "slowDelay");
        if (retryAfter.isNegative() || slowDelay.isNegative()) throw new IllegalArgumentException("negative duration");
    }

    /** {@code rate} of the calls fail with one of {@code kinds}; one-second retry-after, 200 ms slow answers. */
    public static FaultPlan atRate(double rate, long seed, Fault... kinds) {
        return new FaultPlan(rate, List.of(kinds), seed, Duration.ofSeconds(1), Duration.ofMillis(200));
    }

    /** A copy with another retry-after. */
    public FaultPlan withRetryAfter(Duration value) {
        return new FaultPlan(rate, kinds, seed, value, slowDelay);
    }

    /** A copy with another slow delay. */
    public FaultPlan withSlowDelay(Duration value) {
        return new FaultPlan(rate, kinds, seed, retryAfter, value);
    }

    /** A fresh random sequence for this plan. */
    Random random() {
        return new Random(seed);
    }
}
