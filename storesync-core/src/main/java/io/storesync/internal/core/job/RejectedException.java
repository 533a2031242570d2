package io.storesync.internal.core.job;

import org.jspecify.annotations.Nullable;

/** A run that must not be retried (malformed input); the job fails at once with outcome {@code rejected}. */
final class RejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RejectedException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
