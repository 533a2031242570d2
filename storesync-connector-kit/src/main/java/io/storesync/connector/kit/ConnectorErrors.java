package io.storesync.connector.kit;

import io.storesync.spi.connector.ConnectorException;
import io.storesync.spi.connector.CredentialsRejectedException;
import io.storesync.spi.connector.RateLimitedException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns what went wrong in a call into the SPI's typed exceptions, the same way for every connector:
 * <ul>
 * <li>throttling (the classifier says so, or HTTP 429) → {@link RateLimitedException} with the retry-after;</li>
 * <li>rejected credentials (the classifier says so, or HTTP 401) → {@link CredentialsRejectedException};</li>
 * <li>transient faults (the classifier says so, or HTTP 408, 425, 5xx), transport errors and timeouts → a retryable
 * {@link ConnectorException};</li>
 * <li>anything else (other 4xx, a platform error code on a 2xx) → a non-retryable {@link ConnectorException};</li>
 * <li>a body that is not the JSON expected → a {@link ConnectorException}, never a Jackson exception.</li>
 * </ul>
 * Platform messages are {@linkplain Redactor#text redacted} before they enter an exception message. Immutable and
 * thread-safe.
 */
public final class ConnectorErrors {
    private final String platform;
    private final ErrorClassifier classifier;
    private final Redactor redactor;

    private ConnectorErrors(String platform, ErrorClassifier classifier, Redactor redactor) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /** Mapping for one platform with its error classifier and the default redactor. */
    public static ConnectorErrors of(String platform, ErrorClassifier classifier) {
        return new ConnectorErrors(platform, classifier, Redactor.defaults());
    }

    /** A copy using another redactor. */
    public ConnectorErrors withRedactor(Redactor other) {
        return new ConnectorErrors(platform, classifier, other);
    }

    /** The platform id these exceptions name. */
    public String platform() {
        return platform;
    }

    /** How an error is classified: the platform's classifier first, the HTTP status otherwise. */
    public ErrorClassifier.Kind kindOf(PlatformError error) {
        ErrorClassifier.Kind kind = classifier.classify(error);
        return kind != null ? kind : byStatus(error.httpStatus());
    }

    /** The typed exception for a platform error. */
    public ConnectorException toException(PlatformError error) {
        String message = error.message() == null || error.message().isBlank()
                ? (error.httpStatus() > 0 ? "HTTP " + error.httpStatus() : "call failed")
                : redactor.text(error.message());
        return switch (kindOf(error)) {
            case RATE_LIMITED -> new RateLimitedException(platform, error.code(), message, error.requestId(),
                    error.httpStatus(), error.retryAfter());
            case CREDENTIALS_REJECTED -> new CredentialsRejectedException(platform, error.code(), message,
                    error.requestId(), error.httpStatus());
            case RETRYABLE -> new ConnectorException(platform, error.code(), message, error.requestId(),
                    error.httpStatus(), true, error.retryAfter());
            case PERMANENT -> new ConnectorException(platform, error.code(), message, error.requestId(),
                    error.httpStatus(), false, null);
        };
    }

    /**
     * A body that could not be read as expected (not JSON, truncated, wrong shape). Retryable: a truncated or
     * proxy-substituted body is usually transient, and the job queue bounds the attempts. {@code detail} must not
     * contain body content; it is redacted anyway.
     */
    public ConnectorException malformedBody(int httpStatus, @Nullable String requestId, String detail) {
        return new ConnectorException(platform, null, "malformed response body: " + redactor.text(detail), requestId,
                httpStatus, true, null);
    }

    /**
     * A call that got no usable response: connection refused or reset, TLS failure, timeout — retryable; or a response
     * body over the configured limit — not retryable, it will be as large next time.
     */
    public ConnectorException transportFailure(Throwable failure, Duration connectTimeout, Duration requestTimeout) {
        String message;
        if (failure instanceof LimitedBody.TooLarge tooLarge) {
            return new ConnectorException(platform, null, "response body exceeds " + tooLarge.limit + " bytes", null, 0,
                    false, null);
        } else if (failure instanceof HttpConnectTimeoutException) {
            message = "connect timed out after " + connectTimeout.toMillis() + " ms";
        } else if (failure instanceof HttpTimeoutException || failure instanceof java.util.concurrent.TimeoutException) {
            message = "request timed out after " + requestTimeout.toMillis() + " ms";
        } else if (failure instanceof InterruptedException) {
            message = "interrupted while waiting for the response";
        } else {
            message = "transport failure: " + describe(failure);
        }
        return new ConnectorException(platform, null, message, null, 0, true, null);
    }

    private String describe(Throwable t) {
        StringBuilder s = new StringBuilder();
        Throwable c = t;
        for (int depth = 0; c != null && depth < 4; depth++, c = c.getCause()) {
            if (depth > 0) s.append("; caused by ");
            s.append(c.getClass().getSimpleName());
            if (c.getMessage() != null) s.append(": ").append(redactor.text(c.getMessage()));
        }
        return s.toString();
    }

    static ErrorClassifier.Kind byStatus(int status) {
        if (status == 429) return ErrorClassifier.Kind.RATE_LIMITED;
        if (status == 401) return ErrorClassifier.Kind.CREDENTIALS_REJECTED;
        if (status == 408 || status == 425 || status >= 500 || status == 0) return ErrorClassifier.Kind.RETRYABLE;
        return ErrorClassifier.Kind.PERMANENT;
    }

    @Override
    public String toString() {
        return "ConnectorErrors[" + platform + "]";
    }
}
