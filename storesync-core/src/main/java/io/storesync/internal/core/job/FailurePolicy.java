package io.storesync.internal.core.job;

import io.storesync.api.StoreSyncException;
import io.storesync.api.ValidationException;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobStatus;
import io.storesync.api.job.RetryPolicy;
import io.storesync.spi.connector.ConnectorException;
import io.storesync.spi.connector.CredentialsRejectedException;
import io.storesync.spi.connector.RateLimitedException;
import io.storesync.spi.persistence.HeldJob;
import io.storesync.spi.persistence.JobTransition;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a failed run means for its job, decided without a database: first what kind of failure it was (retry with
 * backoff, reschedule without counting the attempt, give up), then which state the job moves to given its attempts
 * and whether a newer waiting job supersedes it. Stateless and thread-safe.
 */
final class FailurePolicy {
    static final String REJECTED = "rejected";
    static final String CANCELLED = "cancelled";
    static final String SUPERSEDED = "superseded";
    static final String EXHAUSTED = "exhausted";
    static final String CREDENTIALS_REJECTED = "credentials_rejected";
    private static final int MAX_MESSAGE = 2000;
    /** No throttled job waits less than this, whatever the platform or the limiter said (zero or negative hot-loops). */
    static final Duration MIN_RESCHEDULE = Duration.ofSeconds(1);
    /** After this many throttled runs that handed their attempt back, a further one counts as an attempt. */
    static final int MAX_FREE_RESCHEDULES = 20;

    private final RetryPolicy retryPolicy;

    FailurePolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    }

    /** Classifies the exception a run of {@code job} ended with. */
    JobFailure classify(Job job, Throwable t) {
        String message = describe(t);
        if (t instanceof JobContext.ThrottledException th) {
            return new JobFailure(JobFailure.Kind.RESCHEDULE, atLeastMinimum(th.wait), message, null);
        }
        if (t instanceof RateLimitedException rl) {
            Duration after = rl.retryAfter().orElse(retryPolicy.delay(Math.max(1, job.attempt())));
            return new JobFailure(JobFailure.Kind.RESCHEDULE, atLeastMinimum(after), message, null);
        }
        if (t instanceof CredentialsRejectedException) return giveUp(message, CREDENTIALS_REJECTED);
        if (t instanceof JobContext.StoreUnavailableException) return giveUp(message, CANCELLED);
        if (t instanceof RejectedException) return giveUp(message, REJECTED);
        if (t instanceof ConnectorException ce) {
            if (!ce.retryable()) return giveUp(message, REJECTED);
            Duration delay = retryPolicy.delay(Math.max(1, job.attempt()));
            // the platform knows its own recovery time better than our backoff, but never makes us retry sooner
            Duration after = ce.retryAfter().filter(a -> a.compareTo(delay) > 0).orElse(delay);
            return new JobFailure(JobFailure.Kind.RETRY, after, message, null);
        }
        // bad data does not get better by waiting
        if (t instanceof ValidationException) return giveUp(message, REJECTED);
        return new JobFailure(JobFailure.Kind.RETRY, retryPolicy.delay(Math.max(1, job.attempt())), message, null);
    }

    private static Duration atLeastMinimum(Duration d) {
        return d.compareTo(MIN_RESCHEDULE) < 0 ? MIN_RESCHEDULE : d;
    }

    private static JobFailure giveUp(String message, String outcome) {
        return new JobFailure(JobFailure.Kind.GIVE_UP, Duration.ZERO, message, outcome);
    }

    /** The state a held job moves to after {@code failure}, from a run that stored no progress. */
    static JobTransition next(HeldJob held, JobFailure failure) {
        return next(held, failure, false);
    }

    /**
     * The state a held job moves to after {@code failure}. A retryable failure of a run that stored progress (a
     * catalogue import's page and the cursor of the next) starts the count of attempts again: attempts bound the runs
     * in a row that get nowhere, and a long import against a flaky platform fails many times while always getting
     * further.
     */
    static JobTransition next(HeldJob held, JobFailure failure, boolean progressed) {
        int attempt = held.attempt();
        JobStatus status;
        @Nullable String outcome;
        int newAttempt = attempt;
        boolean countsReschedule = false;
        JobFailure.Kind kind = failure.kind();
        if (kind == JobFailure.Kind.RESCHEDULE && held.reschedules() >= MAX_FREE_RESCHEDULES) {
            // throttled too often: this run counts, so a job the platform never lets through ends instead of waiting forever
            kind = JobFailure.Kind.RETRY;
        }
        switch (kind) {
            case GIVE_UP -> {
                outcome = failure.outcome() == null ? REJECTED : failure.outcome();
                status = outcome.equals(CANCELLED) || outcome.equals(SUPERSEDED) ? JobStatus.CANCELLED : JobStatus.FAILED;
            }
            case RESCHEDULE -> {
                // a throttled run was not a real attempt: hand it back
                newAttempt = Math.max(0, attempt - 1);
                countsReschedule = true;
                status = held.superseded() ? JobStatus.CANCELLED : newAttempt == 0 ? JobStatus.PENDING : JobStatus.RETRYING;
                outcome = held.superseded() ? SUPERSEDED : null;
            }
            default -> {
                if (held.superseded()) {
                    status = JobStatus.CANCELLED;
                    outcome = SUPERSEDED;
                } else if (progressed) {
                    newAttempt = 0;
                    status = JobStatus.PENDING;
                    outcome = null;
                } else if (attempt >= held.maxAttempts()) {
                    status = JobStatus.FAILED;
                    outcome = EXHAUSTED;
                } else {
                    status = JobStatus.RETRYING;
                    outcome = null;
                }
            }
        }
        String message = EXHAUSTED.equals(outcome)
                ? failure.message() + " (gave up after " + attempt + " attempt(s))" : failure.message();
        boolean countsRetry = kind == JobFailure.Kind.RETRY && status == JobStatus.RETRYING;
        return new JobTransition(status, outcome, newAttempt, countsRetry, message, failure.delay(), countsReschedule);
    }

    /**
     * The message stored and logged: ours as written, anything else with its type, bounded. A database failure that
     * escaped translation gives only its type and SQLSTATE: driver and JDBI messages quote row data (a buyer's email
     * in "Key (email)=(...)", bound values), and this text lands in {@code sync_jobs.error_message} and listeners.
     */
    static String describe(Throwable t) {
        String m = t.getMessage();
        if (t instanceof StoreSyncException) return m == null ? t.getClass().getSimpleName() : m;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql) {
                return t.getClass().getSimpleName() + ": database failure (SQLSTATE " + sql.getSQLState() + ")";
            }
        }
        String text = t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) : text;
    }
}
