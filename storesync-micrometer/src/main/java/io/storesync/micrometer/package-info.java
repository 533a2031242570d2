/**
 * Micrometer meters for StoreSync: register {@link io.storesync.micrometer.StoreSyncMetrics} as the builder's listener
 * and bind {@link io.storesync.micrometer.StoreSyncQueueMetrics} to the registry. Every meter is named under
 * {@code storesync.} with low-cardinality tags only (platform, job type, outcome); no organization or store ids.
 */
@NullMarked
package io.storesync.micrometer;

import org.jspecify.annotations.NullMarked;
