package io.storesync.spi.persistence;

import io.storesync.api.job.Job;


/** An enqueued job, or the waiting job with the same dedupe key ({@code created} false). */
public record EnqueueResult(Job job, boolean created) {}
