package io.storesync.testkit.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Which faults a simulator injects into its API calls, and how often: each call fails with probability {@code rate},
 * with a kind drawn uniformly from {@code kinds}, from a seeded random sequence so a failing run can be repeated.
 * A drawn rate wanders on a short run (a test of 150 calls at 20% sees anything from 12% to 28%); an
 * {@linkplain #exact() exact} plan fails exactly {@code rate} of the calls instead: the calls are taken in blocks of
 * the smallest size {@code n} for which {@code rate × n} is whole (5 for 20%), and in each block that many calls, at
 * random positions, fail. After any number of calls the faults injected are then within one block's faults of
 * {@code rate} times the calls.
 *
 * @param rate the share of calls that fail, 0 to 1
 * @param kinds the faults to draw from; not empty when {@code rate > 0}
 * @param seed the seed of the random sequence
 * @param retryAfter what {@link Fault#RATE_LIMITED} answers ask clients to wait
 * @param slowDelay how long a {@link Fault#SLOW} answer is held
 */
public record FaultPlan(double rate, List<Fault> kinds, long seed, Duration retryAfter, Duration slowDelay, boolean exact) {
    /** No faults. */
    public static final FaultPlan NONE = new FaultPlan(0, List.of(), 0, Duration.ofSeconds(1), Duration.ZERO);

    /** A plan whose faults are drawn call by call (not {@linkplain #exact() exact}). */
    public FaultPlan(double rate, List<Fault> kinds, long seed, Duration retryAfter, Duration slowDelay) {
        this(rate, kinds, seed, retryAfter, slowDelay, false);
    }

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
        return new FaultPlan(rate, kinds, seed, value, slowDelay, exact);
    }

    /** A copy with another slow delay. */
    public FaultPlan withSlowDelay(Duration value) {
        return new FaultPlan(rate, kinds, seed, retryAfter, value, exact);
    }

    /** A copy that fails exactly {@code rate} of the calls, block by block (see the class comment). */
    public FaultPlan exactly() {
        return new FaultPlan(rate, kinds, seed, retryAfter, slowDelay, true);
    }

    /**
     * The next block of an exact plan: which of its calls fail. The block is the smallest {@code n} up to 1,000 for
     * which {@code rate × n} is whole (1,000 when none is).
     */
    boolean[] nextBlock(Random random) {
        int size = 1000;
        for (int n = 1; n <= 1000; n++) {
            double faults = rate * n;
            if (Math.abs(faults - Math.rint(faults)) < 1e-9) {
                size = n;
                break;
            }
        }
        int faults = (int) Math.rint(rate * size);
        boolean[] block = new boolean[size];
        // the first `faults` positions of a random permutation (a partial Fisher-Yates shuffle)
        int[] positions = new int[size];
        for (int i = 0; i < size; i++) positions[i] = i;
        for (int i = 0; i < faults; i++) {
            int j = i + random.nextInt(size - i);
            int t = positions[i];
            positions[i] = positions[j];
            positions[j] = t;
            block[positions[i]] = true;
        }
        return block;
    }

    /** A fresh random sequence for this plan. */
    Random random() {
        return new Random(seed);
    }
}
