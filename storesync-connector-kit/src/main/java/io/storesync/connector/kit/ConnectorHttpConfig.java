package io.storesync.connector.kit;

import java.time.Duration;
import java.util.Objects;

/**
 * Transport settings for one {@link ConnectorHttp}.
 *
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param requestTimeout how long a whole call may take, from sending the request to the last byte of the response
 * @param userAgent      the {@code User-Agent} sent with every request
 */
public record ConnectorHttpConfig(Duration connectTimeout, Duration requestTimeout, String userAgent) {

    public ConnectorHttpConfig {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(userAgent, "userAgent");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) throw new IllegalArgumentException("connectTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) throw new IllegalArgumentException("requestTimeout");
        if (userAgent.isBlank()) throw new IllegalArgumentException("userAgent");
    }

    /** 5 seconds to connect, 30 seconds per call, {@code User-Agent: StoreSync}. */
    public static ConnectorHttpConfig defaults() {
        return new ConnectorHttpConfig(Duration.ofSeconds(5), Duration.ofSeconds(30), "StoreSync");
    }

    /** A copy with other timeouts. */
    public ConnectorHttpConfig withTimeouts(Duration connect, Duration request) {
        return new ConnectorHttpConfig(connect, request, userAgent);
    }
}
