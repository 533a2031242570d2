package io.storesync.internal.core.store;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.storesync.api.store.StoreId;
import io.storesync.spi.connector.ConnectorLimits;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One token bucket per store and platform (Bucket4j), refilled at the connector's declared rate. Buckets are local
 * to this JVM: several instances each get the full rate (documented; a shared bucket would need a distributed
 * Bucket4j backend).
 */
public final class RateLimiters {
    /** Longer waits are not slept through on a worker thread: the job is rescheduled instead. */
    static final Duration MAX_LOCAL_WAIT = Duration.ofSeconds(2);

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * Takes one call's token, sleeping for it when the wait is short.
     *
     * @return zero when the call may go ahead, else how long to wait before trying again
     */
    public Duration acquire(String platform, StoreId store, ConnectorLimits limits) throws InterruptedException {
        Bucket bucket = buckets.computeIfAbsent(platform + "/" + store, k -> newBucket(limits));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) return Duration.ZERO;
        Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
        if (wait.compareTo(MAX_LOCAL_WAIT) > 0) return wait;
        bucket.asBlocking().consume(1);
        return Duration.ZERO;
    }

    private static Bucket newBucket(ConnectorLimits limits) {
        long periodNanos = (long) (1_000_000_000L / limits.callsPerSecond());
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limits.burst())
                        .refillGreedy(1, Duration.ofNanos(Math.max(1, periodNanos))).build())
                .build();
    }
}
