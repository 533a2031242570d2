package io.storesync.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storesync.connector.kit.ConnectorCall;
import io.storesync.spi.connector.ConnectorException;
import io.storesync.spi.connector.RateLimitedException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreSyncConnectorMetricsTest {

    @Test
    void callsAreTimedByPlatformOperationOutcomeAndStatusClassAndThrottlesCounted() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StoreSyncConnectorMetrics metrics = new StoreSyncConnectorMetrics(registry);
        ConnectorCall call = new ConnectorCall(1, "shopee", "update_stock", "POST", "https://partner.example/api?sign=s3cr3t");
        metrics.callEnd(call, 200, Duration.ofMillis(40));
        metrics.callFailed(call, Duration.ofMillis(5), new RateLimitedException("shopee", "rate_limited", "too many", null, 429, Duration.ofSeconds(1)));
        metrics.callFailed(call, Duration.ofMillis(9), new ConnectorException("shopee", "err", "boom", null, 0, true, null));

        assertThat(registry.get("storesync.connector.requests")
                .tags("platform", "shopee", "operation", "update_stock", "outcome", "success", "http.status.class", "2xx")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get("storesync.connector.requests").tags("outcome", "failure").timers())
                .hasSize(2);
        assertThat(registry.get("storesync.connector.requests").tags("outcome", "failure", "http.status.class", "none")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get("storesync.connector.throttled").tag("platform", "shopee").counter().count()).isEqualTo(1);
        // the URL (with its signature) is never a tag
        assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getTags())
                .noneMatch(t -> t.getValue().contains("s3cr3t") || t.getValue().contains("https")));
    }
}
