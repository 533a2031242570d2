package io.storesync.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.storesync.connector.kit.ConnectorCall;
import io.storesync.connector.kit.ConnectorEventListener;
import io.storesync.spi.connector.ConnectorException;
import io.storesync.spi.connector.RateLimitedException;
import java.time.Duration;
import java.util.Objects;

/**
 * Connector HTTP calls as Micrometer meters, for a connector built on the connector kit's {@code ConnectorHttp}:
 * {@code storesync.connector.requests} timer {platform, operation, outcome=success|failure, http.status.class} and
 * {@code storesync.connector.throttled} {platform} for answers that said "slow down" (a rate-limited failure).
 * The operation is the connector's fixed name for the call (never a URL), so the tag stays low-cardinality.
 */
public final class StoreSyncConnectorMetrics implements ConnectorEventListener {
    private final MeterRegistry registry;

    public StoreSyncConnectorMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void callEnd(ConnectorCall call, int status, Duration elapsed) {
        record(call, "success", status, elapsed);
    }

    @Override
    public void callFailed(ConnectorCall call, Duration elapsed, ConnectorException failure) {
        record(call, "failure", failure.httpStatus(), elapsed);
        if (failure instanceof RateLimitedException || failure.httpStatus() == 429) {
            Counter.builder("storesync.connector.throttled").description("Platform answers that asked to slow down")
                    .tag("platform", call.platform()).register(registry).increment();
        }
    }

    private void record(ConnectorCall call, String outcome, int status, Duration elapsed) {
        Timer.builder("storesync.connector.requests").description("Connector calls to a platform")
                .tags("platform", call.platform(), "operation", call.operation(), "outcome", outcome,
                        "http.status.class", statusClass(status))
                .register(registry).record(elapsed);
    }

    static String statusClass(int status) {
        if (status < 100 || status > 599) return "none";
        return (status / 100) + "xx";
    }
}
