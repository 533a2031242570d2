package io.storesync.spi.persistence;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.storesync.api.store.StoreId;
import java.util.function.Supplier;

/**
 * Token buckets kept where every host instance sees them, so a store's calls per second hold across all instances
 * together rather than per JVM. A persistence that offers none leaves the engine with buckets local to its JVM.
 */
public interface RateLimitBuckets {

    /**
     * The shared bucket of one store on one platform, created with {@code configuration} the first time any instance
     * asks for it. Every call on the returned bucket may block on the database.
     */
    Bucket bucket(String platform, StoreId store, Supplier<BucketConfiguration> configuration);
}
