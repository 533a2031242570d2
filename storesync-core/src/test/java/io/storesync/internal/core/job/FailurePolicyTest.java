package io.storesync.internal.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.api.ValidationException;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobStatus;
import io.storesync.api.job.JobType;
import io.storesync.api.job.RetryPolicy;
import io.storesync.spi.connector.ConnectorException;
import io.storesync.spi.connector.CredentialsRejectedException;
import io.storesync.spi.connector.RateLimitedException;
import io.storesync.spi.persistence.HeldJob;
import io.storesync.spi.persistence.JobTransition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FailurePolicyTest {
    /** Without jitter every delay is exact: 10 s, 20 s, 40 s ... at most 5 minutes. */
    private static final RetryPolicy EXACT = new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(5), 0);
    private final FailurePolicy policy = new FailurePolicy(EXACT);
    private final Job third = Jobs.running(JobType.STOCK_PUSH, 3, 5);

    private static ConnectorException connector(boolean retryable, Duration retryAfter) {
        return new ConnectorException("shopee", "E1", "upstream failed", "req-1", 503, retryable, retryAfter);
    }

    // ------------------------------------------------------------------------------------------ classification

    @Test
    void anUnexpectedExceptionRetriesWithTheBackoffOfItsAttempt() {
        JobFailure f = policy.classify(third, new IllegalStateException("boom"));
        assertThat(f.kind()).isEqualTo(JobFailure.Kind.RETRY);
        assertThat(f.delay()).isEqualTo(Duration.ofSeconds(40));
        assertThat(f.outcome()).isNull();
        assertThat(f.message()).isEqualTo("IllegalStateException: boom");
    }

    @Test
    void aRetryableConnectorErrorRetriesWithTheBackoff() {
        JobFailure f = policy.classify(third, connector(true, null));
        assertThat(f.kind()).isEqualTo(JobFailure.Kind.RETRY);
        assertThat(f.delay()).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void aConnectorsRetryAfterWinsWhenLongerThanTheBackoff() {
        JobFailure f = policy.classify(third, connector(true, Duration.ofMinutes(2)));
        assertThat(f.kind()).isEqualTo(JobFailure.Kind.RETRY);
        assertThat(f.delay()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aConnectorsRetryAfterShorterThanTheBackoffDoesNotMakeUsRetrySooner() {
        JobFailure f = policy.classify(third, connector(true, Duration.ofSeconds(1)));
        assertThat(f.delay()).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void aConnectorErrorThatIsNotRetryableGivesUpAsRejected() {
        JobFailure f = policy.classify(third, connector(false, null));
        assertThat(f.kind()).isEqualTo(JobFailure.Kind.GIVE_UP);
        assertThat(f.outcome()).isEqualTo("rejected");
        assertThat(f.delay()).isZero();
    }

    @Test
    void aRateLimitReschedulesAfterThePlatformsRetryAfter() {
        JobFailure f = policy.classify(third, new RateLimitedException("tiktok", null, "slow down", null, 429,
                Duration.ofSeconds(7)));
        assertThat(f.kind()).isEqualTo(JobFailure.Kind.RESCHEDULE);
        assertThat(f.delay()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aRateLimitWithoutRetryAfterReschedulesAfterTheBackoff() {
        JobFailure f = policy.classify(third, new RateLimitedException("tiktok", null, "slow down", null, 429, null));
        assertThat(f.kind()).isEqualTo(JobFailure.Kind.RESCHEDULE);
        assertThat(f.delay()).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void theLocalRateLimiterReschedulesAfterItsWait() {
        JobFailure f = policy.classify(third, new JobContext.ThrottledException(Duration.ofMillis(1500)));
        assertThat(f.kind()).isEqualTo(JobFailure.Kind.RESCHEDULE);
        assertThat(f.delay()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void rejectedCredentialsGiveUpAtOnce() {
        JobFailure f = policy.classify(third, new CredentialsRejectedException("shopee", "auth", "token revoked", null, 401));
        assertThat(f.kind()).isEqualTo(JobFailure.Kind.GIVE_UP);
        assertThat(f.outcome()).isEqualTo("credentials_rejected");
    }

    @Test
    void anUnavailableStoreCancelsTheJob() {
        JobFailure f = policy.classify(third, new JobContext.StoreUnavailableException("store is paused"));
        assertThat(f.kind()).isEqualTo(JobFailure.Kind.GIVE_UP);
        assertThat(f.outcome()).isEqualTo("cancelled");
        assertThat(f.message()).isEqualTo("store is paused");
    }

    @Test
    void aRejectedRunGivesUp() {
        JobFailure f = policy.classify(third, new RejectedException("malformed payload", null));
        assertThat(f.kind()).isEqualTo(JobFailure.Kind.GIVE_UP);
        assertThat(f.outcome()).isEqualTo("rejected");
    }

    @Test
    void invalidDataGivesUpBecauseWaitingDoesNotFixIt() {
        JobFailure f = policy.classify(third, new ValidationException("price must be positive"));
        assertThat(f.kind()).isEqualTo(JobFailure.Kind.GIVE_UP);
        assertThat(f.outcome()).isEqualTo("rejected");
        assertThat(f.message()).isEqualTo("price must be positive");
    }

    @Test
    void aLongForeignMessageIsCutTo2000Characters() {
        JobFailure f = policy.classify(third, new UncheckedIOException("x".repeat(5000), new IOException()));
        assertThat(f.message()).hasSize(2000).startsWith("UncheckedIOException: xxx");
    }

    // ------------------------------------------------------------------------------------------ backoff

    @Test
    void theBackoffDoublesPerAttemptUpToItsMaximum() {
        assertThat(policy.classify(Jobs.running(JobType.NO_OP, 1, 20), new RuntimeException()).delay())
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.classify(Jobs.running(JobType.NO_OP, 2, 20), new RuntimeException()).delay())
                .isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.classify(Jobs.running(JobType.NO_OP, 6, 20), new RuntimeException()).delay())
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.classify(Jobs.running(JobType.NO_OP, 20, 20), new RuntimeException()).delay())
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void jitterMovesTheDelayWithinItsBoundsAndSpreadsRetries() {
        FailurePolicy jittered = new FailurePolicy(new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(5), 0.2));
        Job second = Jobs.running(JobType.NO_OP, 2, 5);
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Duration d = jittered.classify(second, new RuntimeException()).delay();
            assertThat(d).isBetween(Duration.ofSeconds(16), Duration.ofSeconds(24));
            seen.add(d);
        }
        // jobs failing together must not retry together
        assertThat(seen).hasSizeGreaterThan(100);
    }

    // ------------------------------------------------------------------------------------------ transitions

    private static JobFailure retry() {
        return new JobFailure(JobFailure.Kind.RETRY, Duration.ofSeconds(40), "boom", null);
    }

    @Test
    void aRetryBeforeTheLastAttemptWaitsAsRetryingAndCountsTheRetry() {
        JobTransition t = FailurePolicy.next(new HeldJob(3, 5, false), retry());
        assertThat(t.status()).isEqualTo(JobStatus.RETRYING);
        assertThat(t.outcome()).isNull();
        assertThat(t.attempt()).isEqualTo(3);
        assertThat(t.countsRetry()).isTrue();
        assertThat(t.delay()).isEqualTo(Duration.ofSeconds(40));
        assertThat(t.message()).isEqualTo("boom");
    }

    @Test
    void aRetryAtTheLastAttemptGivesUpAsExhausted() {
        JobTransition t = FailurePolicy.next(new HeldJob(5, 5, false), retry());
        assertThat(t.status()).isEqualTo(JobStatus.FAILED);
        assertThat(t.outcome()).isEqualTo("exhausted");
        assertThat(t.countsRetry()).isFalse();
        assertThat(t.terminal()).isTrue();
        assertThat(t.message()).isEqualTo("boom (gave up after 5 attempt(s))");
    }

    @Test
    void aRunThatStoredProgressStartsTheCountOfAttemptsAgainEvenAtTheLast() {
        JobTransition t = FailurePolicy.next(new HeldJob(5, 5, false), retry(), true);
        assertThat(t.status()).isEqualTo(JobStatus.PENDING);
        assertThat(t.outcome()).isNull();
        assertThat(t.attempt()).isZero();
        assertThat(t.delay()).isEqualTo(Duration.ofSeconds(40));
        assertThat(t.terminal()).isFalse();
        // but progress does not save a job from what retrying cannot cure, nor from being superseded
        assertThat(FailurePolicy.next(new HeldJob(1, 5, false), new JobFailure(JobFailure.Kind.GIVE_UP, Duration.ZERO,
                "refused", "rejected"), true).status()).isEqualTo(JobStatus.FAILED);
        assertThat(FailurePolicy.next(new HeldJob(2, 5, true), retry(), true).status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void aRetryWhileAnotherJobWaitsWithTheSameKeyIsSuperseded() {
        JobTransition t = FailurePolicy.next(new HeldJob(2, 5, true), retry());
        assertThat(t.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(t.outcome()).isEqualTo("superseded");
        assertThat(t.countsRetry()).isFalse();
    }

    @Test
    void aRescheduleHandsTheAttemptBack() {
        JobFailure throttled = new JobFailure(JobFailure.Kind.RESCHEDULE, Duration.ofSeconds(7), "throttled", null);
        JobTransition first = FailurePolicy.next(new HeldJob(1, 5, false), throttled);
        assertThat(first.status()).isEqualTo(JobStatus.PENDING);
        assertThat(first.attempt()).isZero();
        assertThat(first.countsRetry()).isFalse();
        assertThat(first.delay()).isEqualTo(Duration.ofSeconds(7));
        JobTransition later = FailurePolicy.next(new HeldJob(3, 5, false), throttled);
        assertThat(later.status()).isEqualTo(JobStatus.RETRYING);
        assertThat(later.attempt()).isEqualTo(2);
    }

    @Test
    void aRescheduleAtTheLastAttemptStillWaits() {
        JobFailure throttled = new JobFailure(JobFailure.Kind.RESCHEDULE, Duration.ofSeconds(7), "throttled", null);
        assertThat(FailurePolicy.next(new HeldJob(5, 5, false), throttled).status()).isEqualTo(JobStatus.RETRYING);
    }

    @Test
    void givingUpFailsWithTheClassifiedOutcome() {
        JobFailure rejected = new JobFailure(JobFailure.Kind.GIVE_UP, Duration.ZERO, "bad", "credentials_rejected");
        JobTransition t = FailurePolicy.next(new HeldJob(1, 5, false), rejected);
        assertThat(t.status()).isEqualTo(JobStatus.FAILED);
        assertThat(t.outcome()).isEqualTo("credentials_rejected");
        assertThat(t.attempt()).isEqualTo(1);
    }

    @Test
    void givingUpAsCancelledCancels() {
        JobFailure cancelled = new JobFailure(JobFailure.Kind.GIVE_UP, Duration.ZERO, "store paused", "cancelled");
        assertThat(FailurePolicy.next(new HeldJob(1, 5, false), cancelled).status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void givingUpWithoutAnOutcomeIsRejected() {
        JobFailure bare = new JobFailure(JobFailure.Kind.GIVE_UP, Duration.ZERO, "bad", null);
        JobTransition t = FailurePolicy.next(new HeldJob(1, 5, false), bare);
        assertThat(t.status()).isEqualTo(JobStatus.FAILED);
        assertThat(t.outcome()).isEqualTo("rejected");
    }

    @Test
    void aZeroOrNegativeRetryAfterIsFlooredSoAThrottledJobCannotHotLoop() {
        for (Duration after : new Duration[] {Duration.ZERO, Duration.ofSeconds(-30)}) {
            JobFailure f = policy.classify(third, new RateLimitedException("tiktok", null, "slow down", null, 429, after));
            assertThat(f.kind()).isEqualTo(JobFailure.Kind.RESCHEDULE);
            assertThat(f.delay()).isEqualTo(Duration.ofSeconds(1));
        }
        JobFailure local = policy.classify(third, new JobContext.ThrottledException(Duration.ZERO));
        assertThat(local.delay()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aRescheduleIsCounted() {
        JobFailure throttled = new JobFailure(JobFailure.Kind.RESCHEDULE, Duration.ofSeconds(7), "throttled", null);
        assertThat(FailurePolicy.next(new HeldJob(2, 5, false, 3), throttled).countsReschedule()).isTrue();
        assertThat(FailurePolicy.next(new HeldJob(2, 5, false), retry()).countsReschedule()).isFalse();
    }

    @Test
    void aJobRescheduledTooOftenCountsTheAttemptAndEventuallyFails() {
        JobFailure throttled = new JobFailure(JobFailure.Kind.RESCHEDULE, Duration.ofSeconds(7), "throttled", null);
        int bound = FailurePolicy.MAX_FREE_RESCHEDULES;
        JobTransition counted = FailurePolicy.next(new HeldJob(2, 5, false, bound), throttled);
        assertThat(counted.attempt()).isEqualTo(2);
        assertThat(counted.status()).isEqualTo(JobStatus.RETRYING);
        assertThat(counted.countsReschedule()).isFalse();
        JobTransition last = FailurePolicy.next(new HeldJob(5, 5, false, bound + 4), throttled);
        assertThat(last.status()).isEqualTo(JobStatus.FAILED);
        assertThat(last.outcome()).isEqualTo("exhausted");
    }
}
