package io.storesync.spi.persistence;

import io.storesync.api.SyncJob;

/** An enqueued job, or the waiting job with the same dedupe key ({@code created} false). */
public record EnqueueResult(SyncJob job, boolean created) {}
