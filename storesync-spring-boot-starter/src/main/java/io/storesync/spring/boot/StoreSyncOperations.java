package io.storesync.spring.boot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Fleet-wide counts for health and the actuator endpoint, read through StoreSync's {@code operations_overview()}
 * (aggregates only: no organization, store or job ids). Each read is one short query on a pool connection.
 */
public final class StoreSyncOperations {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private final DataSource dataSource;
    private final String sql;

    public StoreSyncOperations(DataSource dataSource, String schema) {
        if (!IDENTIFIER.matcher(schema).matches()) throw new IllegalArgumentException("schema must be an identifier");
        this.dataSource = dataSource;
        this.sql = "SELECT metric, label, value FROM " + schema + ".operations_overview()";
    }

    /** The counts at one moment. */
    public Overview read() throws SQLException {
        Map<String, Long> jobs = new TreeMap<>();
        Map<String, Long> stores = new TreeMap<>();
        long oldestDue = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String metric = rs.getString(1);
                String label = rs.getString(2);
                long value = rs.getLong(3);
                switch (metric) {
                    case "jobs" -> jobs.put(label, value);
                    case "stores" -> stores.put(label, value);
                    case "oldest_due" -> oldestDue = value;
                    default -> { }
                }
            }
        }
        return new Overview(jobs, stores, oldestDue);
    }

    /**
     * Counts across every tenant.
     *
     * @param jobs jobs by {@code type:status} (pending, running, retrying, failed)
     * @param stores active stores by sync status
     * @param oldestDueSeconds seconds since the oldest due job should have run; 0 when none is due
     */
    public record Overview(Map<String, Long> jobs, Map<String, Long> stores, long oldestDueSeconds) {
        public Overview {
            jobs = Map.copyOf(jobs);
            stores = Map.copyOf(stores);
        }

        /** Jobs in {@code status} over every type. */
        public long jobsIn(String status) {
            return jobs.entrySet().stream().filter(e -> e.getKey().endsWith(":" + status)).mapToLong(Map.Entry::getValue).sum();
        }

        /** Active stores whose credentials the platform refused: someone must authorise them again. */
        public long storesNeedingReauthorization() {
            return stores.getOrDefault("reauthorization_required", 0L);
        }
    }
}
