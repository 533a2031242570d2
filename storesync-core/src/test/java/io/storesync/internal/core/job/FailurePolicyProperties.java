package io.storesync.internal.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.api.job.JobStatus;
import io.storesync.spi.persistence.HeldJob;
import io.storesync.spi.persistence.JobTransition;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class FailurePolicyProperties {

    @Property
    void aFailedRunNeverLeavesTheJobRunningOrCompleted(@ForAll @IntRange(min = 1, max = 100) int attempt,
            @ForAll @IntRange(min = 1, max = 100) int max, @ForAll boolean superseded, @ForAll JobFailure.Kind kind) {
        JobTransition t = FailurePolicy.next(new HeldJob(attempt, max, superseded),
                new JobFailure(kind, Duration.ofSeconds(1), "x", null));
        assertThat(t.status()).isIn(JobStatus.PENDING, JobStatus.RETRYING, JobStatus.FAILED, JobStatus.CANCELLED);
        // a waiting job has no outcome, a finished one always has one
        assertThat(t.outcome() == null).isEqualTo(!t.terminal());
    }

    @Property
    void onlyAThrottledRunHandsItsAttemptBack(@ForAll @IntRange(min = 1, max = 100) int attempt,
            @ForAll @IntRange(min = 1, max = 100) int max, @ForAll boolean superseded, @ForAll JobFailure.Kind kind) {
        JobTransition t = FailurePolicy.next(new HeldJob(attempt, max, superseded),
                new JobFailure(kind, Duration.ofSeconds(1), "x", null));
        assertThat(t.attempt()).isEqualTo(kind == JobFailure.Kind.RESCHEDULE ? attempt - 1 : attempt);
    }

    @Property
    void aCountedRetryNeverOutlivesItsAttempts(@ForAll @IntRange(min = 1, max = 100) int attempt,
            @ForAll @IntRange(min = 1, max = 100) int max) {
        JobTransition t = FailurePolicy.next(new HeldJob(attempt, max, false),
                new JobFailure(JobFailure.Kind.RETRY, Duration.ofSeconds(1), "x", null));
        assertThat(t.status()).isEqualTo(attempt >= max ? JobStatus.FAILED : JobStatus.RETRYING);
        assertThat(t.countsRetry()).isEqualTo(attempt < max);
    }
}
