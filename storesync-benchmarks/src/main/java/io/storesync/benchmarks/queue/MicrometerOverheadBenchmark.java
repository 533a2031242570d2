package io.storesync.benchmarks.queue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storesync.api.StoreSyncListener;
import io.storesync.micrometer.StoreSyncMetrics;
import io.storesync.api.job.Job;
import io.storesync.api.order.IngestResult;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import io.storesync.api.webhook.WebhookEndpointId;
import io.storesync.testkit.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * The Micrometer listener's cost on queue throughput: no-op jobs per second with 4 workers, without and with
 * {@link StoreSyncMetrics} on a {@link SimpleMeterRegistry}, alternating {@code bench.rounds} times (default 3) in the
 * same run and database; the result is the ratio of the best of each. Jobs per round: {@code bench.jobs} (10000).
 *
 * <p>Round-to-round noise on a shared machine (±15% even when quiet) is larger than the 5% to be shown, so each
 * metered round also times the listener itself: the wall time spent inside its callbacks, per job. That time, if it
 * were all on the queue's critical path (it is not: four workers share it), would cost at most
 * {@code listener time per job × plain jobs per second} of the throughput — a bound the noise cannot blur.
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
        double worstBound = 0;
        try (TestDatabase db = TestDatabase.create()) {
            for (int round = 1; round <= rounds; round++) {
                double plain = QueueBenchmarks.storeSyncThroughput(db, jobs, StoreSyncListener.NONE);
                SimpleMeterRegistry registry = new SimpleMeterRegistry();
                TimedListener timed = new TimedListener(new StoreSyncMetrics(registry));
                double metered = QueueBenchmarks.storeSyncThroughput(db, jobs, timed);
                long counted = registry.get("storesync.jobs.execution").timer().count();
                if (counted != jobs) throw new IllegalStateException("the meters counted " + counted + " of " + jobs);
                double nanosPerJob = timed.nanos.sum() / (double) jobs;
                double bound = nanosPerJob * plain / 1e9;
                System.out.printf(Locale.ROOT, "round %d: plain %.0f jobs/s, with Micrometer %.0f jobs/s, ratio %.3f;"
                        + " %.0f ns in the listener per job (%d callbacks), at most %.2f%% of the plain throughput%n",
                        round, plain, metered, metered / plain, nanosPerJob, timed.calls.sum(), bound * 100);
                worstBound = Math.max(worstBound, bound);
                bestPlain = Math.max(bestPlain, plain);
                bestMetered = Math.max(bestMetered, metered);
            }
        }
        System.out.printf(Locale.ROOT, "RESULT Micrometer overhead (best of %d, %d no-op jobs, 4 workers): plain %.0f jobs/s,"
                + " with Micrometer %.0f jobs/s, ratio %.3f; listener time at most %.2f%% of the throughput in any round%n",
                rounds, jobs, bestPlain, bestMetered, bestMetered / bestPlain, worstBound * 100);
    }

    /** Passes every callback on, adding up the wall time spent in them. */
    private static final class TimedListener implements StoreSyncListener {
        private final StoreSyncListener delegate;
        final LongAdder nanos = new LongAdder();
        final LongAdder calls = new LongAdder();

        TimedListener(StoreSyncListener delegate) {
            this.delegate = delegate;
        }

        private void timed(Runnable callback) {
            long start = System.nanoTime();
            callback.run();
            nanos.add(System.nanoTime() - start);
            calls.increment();
        }

        @Override
        public void jobStarted(Job job) {
            timed(() -> delegate.jobStarted(job));
        }

        @Override
        public void jobFinished(Job job, Duration took) {
            timed(() -> delegate.jobFinished(job, took));
        }

        @Override
        public void jobFailed(Job job, String error, boolean willRetry) {
            timed(() -> delegate.jobFailed(job, error, willRetry));
        }

        @Override
        public void stockPushed(OrganizationId organization, StoreId store, int listings) {
            timed(() -> delegate.stockPushed(organization, store, listings));
        }

        @Override
        public void stockAcknowledged(String platform, List<Instant> changedAt, Instant acknowledgedAt) {
            timed(() -> delegate.stockAcknowledged(platform, changedAt, acknowledgedAt));
        }

        @Override
        public void webhookRejected(WebhookEndpointId endpoint, String reason) {
            timed(() -> delegate.webhookRejected(endpoint, reason));
        }

        @Override
        public void appWebhookRejected(String platform, String reason) {
            timed(() -> delegate.appWebhookRejected(platform, reason));
        }

        @Override
        public void webhookReceived(String platform, boolean duplicate) {
            timed(() -> delegate.webhookReceived(platform, duplicate));
        }

        @Override
        public void ordersIngested(String platform, List<IngestResult> results) {
            timed(() -> delegate.ordersIngested(platform, results));
        }

        @Override
        public void rateLimited(String platform, Duration waited, boolean rescheduled) {
            timed(() -> delegate.rateLimited(platform, waited, rescheduled));
        }
    }
}
