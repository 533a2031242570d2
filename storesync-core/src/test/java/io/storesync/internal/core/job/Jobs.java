package io.storesync.internal.core.job;

import io.storesync.api.job.Job;
import io.storesync.api.job.JobId;
import io.storesync.api.job.JobStatus;
import io.storesync.api.job.JobType;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import java.time.Instant;
import java.util.Map;

/** Running jobs for tests of rules that look at a job but never at a database. */
final class Jobs {
    private Jobs() {}

    static Job running(JobType type, int attempt, int maxAttempts) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new Job(JobId.random(), OrganizationId.random(), type.needsStore() ? StoreId.random() : null, type,
                JobStatus.RUNNING, 100, now, attempt, maxAttempts, 0, 0, 0, null, null, null, Map.of(), now, now, null);
    }
}
