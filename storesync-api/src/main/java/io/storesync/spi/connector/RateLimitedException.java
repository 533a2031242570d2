package io.storesync.spi.connector;

import io.storesync.api.ErrorCode;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A marketplace is throttling calls (HTTP 429, Shopee {@code error_rate_limit}, TikTok {@code 36009002}). Always
 * retryable; the job queue reschedules the job after {@link #retryAfter()} without counting an attempt.
 */
public class RateLimitedException extends ConnectorException {
    private static final long serialVersionUID = 1L;

    public RateLimitedException(String platform, @Nullable String platformCode, String message,
            @Nullable String requestId, int httpStatus, @Nullable Duration retryAfter) {
        super(ErrorCode.RATE_LIMITED, platform, platformCode, message, requestId, httpStatus, true, retryAfter, null);
    }
}
