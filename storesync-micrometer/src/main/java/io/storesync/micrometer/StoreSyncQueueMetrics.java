package io.storesync.micrometer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges over the whole queue, read through StoreSync's {@code operations_overview()} function (aggregates only, no
 * tenant ids) at most once per {@code refresh}, however often the registry is scraped:
 * {@code storesync.jobs.queue.lag} (seconds since the oldest due job should have run; the alert signal),
 * {@code storesync.jobs.queue.depth} {status=pending|running|retrying|failed} and {@code storesync.stores}
 * {status=active|error|reauthorization_required|...}. A failed read keeps the last values and is logged.
 */
public final class StoreSyncQueueMetrics implements MeterBinder {
    private static final Logger LOG = LoggerFactory.getLogger(StoreSyncQueueMetrics.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    static final List<String> JOB_STATUSES = List.of("pending", "running", "retrying", "failed");
    static final List<String> STORE_STATUSES =
            List.of("active", "paused", "syncing", "error", "reauthorization_required", "disconnected");

    private final DataSource dataSource;
    private final String sql;
    private final long refreshMillis;
    private final Clock clock;
    private volatile Map<String, Long> values = Map.of();
    private volatile long readAt = Long.MIN_VALUE;

    public StoreSyncQueueMetrics(DataSource dataSource, String schema, Duration refresh) {
        this(dataSource, schema, refresh, Clock.systemUTC());
    }

    StoreSyncQueueMetrics(DataSource dataSource, String schema, Duration refresh, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (!IDENTIFIER.matcher(schema).matches()) throw new IllegalArgumentException("schema must be an identifier");
        this.sql = "SELECT metric, label, value FROM " + schema + ".operations_overview()";
        this.refreshMillis = refresh.toMillis();
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("storesync.jobs.queue.lag", this, m -> m.value("oldest_due"))
                .strongReference(true).description("Seconds since the oldest due job should have run").baseUnit("seconds").register(registry);
        for (String status : JOB_STATUSES) {
            Gauge.builder("storesync.jobs.queue.depth", this, m -> m.jobs(status)).tag("status", status).strongReference(true).strongReference(true)
                    .description("Jobs in the queue by status").register(registry);
        }
        for (String status : STORE_STATUSES) {
            Gauge.builder("storesync.stores", this, m -> m.value("stores:" + status)).tag("status", status).strongReference(true).strongReference(true)
                    .description("Active stores by sync status").register(registry);
        }
    }

    private double jobs(String status) {
        long sum = 0;
        for (Map.Entry<String, Long> e : current().entrySet()) {
            if (e.getKey().startsWith("jobs:") && e.getKey().endsWith(":" + status)) sum += e.getValue();
        }
        return sum;
    }

    private double value(String key) {
        return current().getOrDefault(key, 0L);
    }

    /** The latest counts, read again when older than the refresh interval. */
    Map<String, Long> current() {
        long now = clock.millis();
        if (readAt != Long.MIN_VALUE && now - readAt < refreshMillis) return values;
        synchronized (this) {
            if (readAt != Long.MIN_VALUE && now - readAt < refreshMillis) return values;
            try {
                values = read();
            } catch (SQLException e) {
                LOG.warn("reading StoreSync's queue counts failed (SQLState {}); keeping the last values", e.getSQLState());
            }
            readAt = now;
            return values;
        }
    }

    private Map<String, Long> read() throws SQLException {
        Map<String, Long> read = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String metric = rs.getString(1);
                String label = rs.getString(2);
                read.put(label.isEmpty() ? metric : metric + ":" + label, rs.getLong(3));
            }
        }
        return Map.copyOf(read);
    }
}
