package io.storesync.spi.connector;

import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A marketplace call failed. Carries what a retry policy and a support ticket need: the platform, the platform's own
 * error code and request id, the HTTP status, whether retrying may help and how long the platform asked to wait.
 */
public class ConnectorException extends StoreSyncException {
    private static final long serialVersionUID = 1L;
    private final String platform;
    private final @Nullable String platformCode;
    private final @Nullable String requestId;
    private final int httpStatus;
    private final boolean retryable;
    private final @Nullable Duration retryAfter;

    public ConnectorException(String platform, @Nullable String platformCode, String message, @Nullable String requestId,
            int httpStatus, boolean retryable, @Nullable Duration retryAfter) {
        this(ErrorCode.CONNECTOR, platform, platformCode, message, requestId, httpStatus, retryable, retryAfter, null);
    }

    protected ConnectorException(ErrorCode code, String platform, @Nullable String platformCode, String message,
            @Nullable String requestId, int httpStatus, boolean retryable, @Nullable Duration retryAfter,
            @Nullable Throwable cause) {
        super(code, describe(platform, platformCode, message, requestId, httpStatus), cause);
        this.platform = Objects.requireNonNull(platform, "platform");
        this.platformCode = platformCode;
        this.requestId = requestId;
        this.httpStatus = httpStatus;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    private static String describe(String platform, @Nullable String platformCode, String message,
            @Nullable String requestId, int httpStatus) {
        StringBuilder s = new StringBuilder(platform).append(": ").append(message);
        if (platformCode != null) s.append(" [code ").append(platformCode).append(']');
        if (httpStatus > 0) s.append(" [HTTP ").append(httpStatus).append(']');
        if (requestId != null) s.append(" [request ").append(requestId).append(']');
        return s.toString();
    }

    /** The platform id, such as {@code shopee}. */
    public String platform() {
        return platform;
    }

    /** The platform's own error code, when it gave one. */
    public Optional<String> platformCode() {
        return Optional.ofNullable(platformCode);
    }

    /** The platform's request id, for support tickets. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** The HTTP status, or 0 when the call never got a response. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether the same call may succeed later. */
    public boolean retryable() {
        return retryable;
    }

    /** How long the platform asked callers to wait before retrying, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
