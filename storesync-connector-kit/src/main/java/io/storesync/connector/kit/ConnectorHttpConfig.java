package io.storesync.connector.kit;

import java.time.Duration;
import java.util.Objects;

/**
 * Transport settings for one {@link ConnectorHttp}.
 *
 * @param connectTimeout   how long to wait for a TCP/TLS connection
 * @param requestTimeout   how long a whole call may take, from sending the request to the last byte of the response
 * @param maxResponseBytes the largest response body read; a larger one fails the call (not retryable)
 * @param userAgent        the {@code User-Agent} sent unless the request sets its own
 */
public record ConnectorHttpConfig(Duration connectTimeout, Duration requestTimeout, int maxResponseBytes,
        String userAgent) {

    /** 16 MiB: far above any marketplace page, far below what would hurt the host's heap. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

    /** Requires positive timeouts, a positive size limit and a user agent. */
    public ConnectorHttpConfig {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(userAgent, "userAgent");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) throw new IllegalArgumentException("connectTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) throw new IllegalArgumentException("requestTimeout");
        if (maxResponseBytes < 1) throw new IllegalArgumentException("maxResponseBytes");
        if (userAgent.isBlank()) throw new IllegalArgumentException("userAgent");
    }

    /** 5 seconds to connect, 30 seconds per call, 16 MiB per response, {@code User-Agent: StoreSync}. */
    public static ConnectorHttpConfig defaults() {
        return new ConnectorHttpConfig(Duration.ofSeconds(5), Duration.ofSeconds(30), DEFAULT_MAX_RESPONSE_BYTES,
                "StoreSync");
    }

    /** A copy with other timeouts. */
    public ConnectorHttpConfig withTimeouts(Duration connect, Duration request) {
        return new ConnectorHttpConfig(connect, request, maxResponseBytes, userAgent);
    }

    /** A copy with another response size limit. */
    public ConnectorHttpConfig withMaxResponseBytes(int max) {
        return new ConnectorHttpConfig(connectTimeout, requestTimeout, max, userAgent);
    }
}
