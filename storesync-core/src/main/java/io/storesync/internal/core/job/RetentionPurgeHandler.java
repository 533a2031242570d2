package io.storesync.internal.core.job;

import io.storesync.spi.persistence.LogDetails;

/** Deletes finished jobs (their logs cascade) and processed webhook deliveries past the retention period. */
final class RetentionPurgeHandler implements JobHandler {
    @Override
    public void run(JobContext ctx) throws Exception {
        java.time.Duration age = ctx.pool().options().jobRetention();
        int[] counts = ctx.tx(tx -> new int[] {tx.jobs().purgeFinished(age), tx.webhooks().purgeProcessed(age)});
        ctx.log("info", "purged " + counts[0] + " finished job(s) and " + counts[1] + " processed webhook(s) older than "
                + age.toDays() + " day(s)", LogDetails.of("jobs", counts[0], "webhooks", counts[1]));
    }
}
