/** Job queue benchmarks: StoreSync's queue against db-scheduler, and inventory-change-to-push latency. */
@NullMarked
package io.storesync.benchmarks.queue;

import org.jspecify.annotations.NullMarked;
