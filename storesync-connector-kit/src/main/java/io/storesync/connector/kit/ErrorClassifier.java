package io.storesync.connector.kit;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A platform's knowledge of its own error codes: which mean throttling, rejected credentials, a transient fault or a
 * permanent refusal. Return {@code null} to let {@link ConnectorErrors} decide from the HTTP status. Must be pure and
 * thread-safe.
 */
@FunctionalInterface
public interface ErrorClassifier {

    /** What a platform error means for the caller. */
    enum Kind {
        /** Throttled: {@code RateLimitedException}, retried after the platform's wait. */
        RATE_LIMITED,
        /** Token expired or revoked, shop deauthorised: {@code CredentialsRejectedException}. */
        CREDENTIALS_REJECTED,
        /** A transient fault (server busy, internal error, timeout): retryable {@code ConnectorException}. */
        RETRYABLE,
        /** The request itself is wrong or refused: non-retryable {@code ConnectorException}. */
        PERMANENT
    }

    /** What this error means, or {@code null} when the code is unknown and the HTTP status should decide. */
    @Nullable Kind classify(PlatformError error);

    /** Decides by HTTP status only. */
    static ErrorClassifier byStatusOnly() {
        return error -> null;
    }

    /** Looks the platform's code up in a table; unknown or absent codes fall back to the HTTP status. */
    static ErrorClassifier byCode(Map<String, Kind> kinds) {
        Map<String, Kind> table = Map.copyOf(kinds);
        return error -> error.code() == null ? null : table.get(error.code());
    }

    /** This classifier, then {@code other} for what this one leaves undecided. */
    default ErrorClassifier orElse(ErrorClassifier other) {
        return error -> {
            Kind kind = classify(error);
            return kind != null ? kind : other.classify(error);
        };
    }
}
