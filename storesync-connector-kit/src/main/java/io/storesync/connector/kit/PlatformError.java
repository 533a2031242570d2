package io.storesync.connector.kit;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A failed call as the platform described it, before it becomes a typed exception.
 *
 * @param httpStatus the HTTP status, or 0 when there was no response
 * @param code       the platform's error code ({@code error_rate_limit}, {@code 36009002}), if any
 * @param message    the platform's message, if any; redacted before it reaches an exception
 * @param requestId  the platform's request id, if any
 * @param retryAfter the wait the platform asked for, if any
 */
public record PlatformError(int httpStatus, @Nullable String code, @Nullable String message,
        @Nullable String requestId, @Nullable Duration retryAfter) {

    /** Requires a status of 0 or more. */
    public PlatformError {
        if (httpStatus < 0) throw new IllegalArgumentException("httpStatus " + httpStatus);
    }

    /** A copy with the given retry-after, unless this one already has one. */
    public PlatformError orRetryAfter(@Nullable Duration wait) {
        return retryAfter != null || wait == null ? this : new PlatformError(httpStatus, code, message, requestId, wait);
    }
}
