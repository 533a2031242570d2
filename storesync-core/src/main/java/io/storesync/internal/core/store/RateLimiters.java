package io.storesync.internal.core.store;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.storesync.api.store.StoreId;
import io.storesync.spi.connector.ConnectorLimits;
import io.storesync.spi.persistence.Persistence;
import io.storesync.spi.persistence.RateLimitBuckets;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * One token bucket per store and platform (Bucket4j), refilled at the connector's declared rate. When the persistence
 * offers {@link RateLimitBuckets} the bucket lives in the database and every instance draws from the same one;
 * otherwise buckets are local to this JVM and several instances each get the full rate.
 */
public final class RateLimiters {
    /** Longer waits are not slept through on a worker thread: the job is rescheduled instead. */
    static final Duration MAX_LOCAL_WAIT = Duration.ofSeconds(2);

    private final @Nullable RateLimitBuckets shared;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Buckets local to this JVM. */
    public RateLimiters() {
        this(null);
    }

    /** @param shared buckets in the database, or null for buckets local to this JVM */
    public RateLimiters(@Nullable RateLimitBuckets shared) {
        this.shared = shared;
    }

    /** The limiters an engine over {@code persistence} uses: shared when it offers shared buckets. */
    public static RateLimiters of(Persistence persistence) {
        return new RateLimiters(persistence.rateLimitBuckets().orElse(null));
    }

    /** Whether the buckets are shared through the database rather than local to this JVM. */
    public boolean shared() {
        return shared != null;
    }

    /**
     * Takes one call's token, sleeping for it when the wait is short.
     *
     * @return zero when the call may go ahead, else how long to wait before trying again
     */
    public Duration acquire(String platform, StoreId store, ConnectorLimits limits) throws InterruptedException {
        Bucket bucket = buckets.computeIfAbsent(platform + "/" + store, k -> newBucket(platform, store, limits));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) return Duration.ZERO;
        Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
        if (wait.compareTo(MAX_LOCAL_WAIT) > 0) return wait;
        bucket.asBlocking().consume(1);
        return Duration.ZERO;
    }

    private Bucket newBucket(String platform, StoreId store, ConnectorLimits limits) {
        RateLimitBuckets db = shared;
        if (db != null) return db.bucket(platform, store, () -> configuration(limits));
        return Bucket.builder().addLimit(bandwidth(limits)).build();
    }

    static BucketConfiguration configuration(ConnectorLimits limits) {
        return BucketConfiguration.builder().addLimit(bandwidth(limits)).build();
    }

    private static Bandwidth bandwidth(ConnectorLimits limits) {
        long periodNanos = (long) (1_000_000_000L / limits.callsPerSecond());
        return Bandwidth.builder().capacity(limits.burst())
                .refillGreedy(1, Duration.ofNanos(Math.max(1, periodNanos))).build();
    }
}
