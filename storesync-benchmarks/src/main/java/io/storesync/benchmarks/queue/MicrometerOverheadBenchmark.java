package io.storesync.benchmarks.queue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storesync.api.StoreSyncListener;
import io.storesync.micrometer.StoreSyncMetrics;
import io.storesync.testkit.TestDatabase;
import java.util.Locale;

/**
 * The Micrometer listener's cost on queue throughput: no-op jobs per second with 4 workers, without and with
 * {@link StoreSyncMetrics} on a {@link SimpleMeterRegistry}, alternating {@code bench.rounds} times (default 3) in the
 * same run and database; the result is the ratio of the best of each. Jobs per round: {@code bench.jobs} (10000).
 *
 * <pre>mvn -B -Pbench -pl storesync-benchmarks -am verify -DskipTests \
 *     -Dbench.main=io.storesync.benchmarks.queue.MicrometerOverheadBenchmark</pre>
 */
public final class MicrometerOverheadBenchmark {
    private MicrometerOverheadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int jobs = Integer.getInteger("bench.jobs", 10_000);
        int rounds = Integer.getInteger("bench.rounds", 3);
        double bestPlain = 0;
        double bestMetered = 0;
        try (TestDatabase db = TestDatabase.create()) {
            for (int round = 1; round <= rounds; round++) {
                double plain = QueueBenchmarks.storeSyncThroughput(db, jobs, StoreSyncListener.NONE);
                SimpleMeterRegistry registry = new SimpleMeterRegistry();
                double metered = QueueBenchmarks.storeSyncThroughput(db, jobs, new StoreSyncMetrics(registry));
                long counted = registry.get("storesync.jobs.execution").timer().count();
                if (counted != jobs) throw new IllegalStateException("the meters counted " + counted + " of " + jobs);
                System.out.printf(Locale.ROOT, "round %d: plain %.0f jobs/s, with Micrometer %.0f jobs/s, ratio %.3f%n",
                        round, plain, metered, metered / plain);
                bestPlain = Math.max(bestPlain, plain);
                bestMetered = Math.max(bestMetered, metered);
            }
        }
        System.out.printf(Locale.ROOT, "RESULT Micrometer overhead (best of %d, %d no-op jobs, 4 workers): plain %.0f jobs/s,"
                + " with Micrometer %.0f jobs/s, ratio %.3f%n", rounds, jobs, bestPlain, bestMetered, bestMetered / bestPlain);
    }
}
