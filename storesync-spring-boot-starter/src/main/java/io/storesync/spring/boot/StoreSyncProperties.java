package io.storesync.spring.boot;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** StoreSync's settings under {@code storesync.*}. */
@ConfigurationProperties("storesync")
public class StoreSyncProperties {
    /** Whether to configure StoreSync at all. */
    private boolean enabled = true;
    /** The schema StoreSync's tables live in. */
    private String schema = "storesync";
    /** The largest webhook body accepted, in bytes; larger bodies are refused before anything else is done. */
    private int webhookMaxBodyBytes = 1 << 20;
    private final Worker worker = new Worker();
    private final Migration migration = new Migration();
    private final CredentialKeys credentialKeys = new CredentialKeys();
    private final Metrics metrics = new Metrics();
    private final ReadReplica readReplica = new ReadReplica();
    private final Tracing tracing = new Tracing();
    /** Settings per platform's connector, by platform name (e.g. {@code shopee}, {@code custom}). */
    private final Map<String, Connector> connectors = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema;
    }

    public int getWebhookMaxBodyBytes() {
        return webhookMaxBodyBytes;
    }

    public void setWebhookMaxBodyBytes(int webhookMaxBodyBytes) {
        this.webhookMaxBodyBytes = webhookMaxBodyBytes;
    }

    public Worker getWorker() {
        return worker;
    }

    public Migration getMigration() {
        return migration;
    }

    public CredentialKeys getCredentialKeys() {
        return credentialKeys;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    public Map<String, Connector> getConnectors() {
        return connectors;
    }

    public ReadReplica getReadReplica() {
        return readReplica;
    }

    public Tracing getTracing() {
        return tracing;
    }

    /** Observations (spans) of enqueues, job runs and connector calls, when an ObservationRegistry bean exists. */
    public static class Tracing {
        /** Whether to observe StoreSync's work. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** The job workers of this instance. */
    public static class Worker {
        /** Whether this instance runs job workers; off for nodes that only serve requests and enqueue. */
        private boolean enabled = true;
        /** Worker threads. */
        private int threads = 4;
        /** How long a claimed job is held before another worker may take it over; heartbeats renew it. */
        private Duration lease = Duration.ofMinutes(5);
        /** How often a running job's lease is renewed; shorter than the lease. */
        private Duration heartbeat = Duration.ofSeconds(30);
        /** How long stopping waits for running jobs before interrupting them and handing them back to the queue. */
        private Duration shutdownTimeout = Duration.ofSeconds(30);
        /**
         * How often the workers collect webhooks a platform failed to deliver and keeps for collection (Shopee's lost
         * pushes); zero never does.
         */
        private Duration missedWebhookSweepInterval = Duration.ofMinutes(5);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getThreads() {
            return threads;
        }

        public void setThreads(int threads) {
            this.threads = threads;
        }

        public Duration getLease() {
            return lease;
        }

        public void setLease(Duration lease) {
            this.lease = lease;
        }

        public Duration getHeartbeat() {
            return heartbeat;
        }

        public void setHeartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
        }

        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }

        public Duration getMissedWebhookSweepInterval() {
            return missedWebhookSweepInterval;
        }

        public void setMissedWebhookSweepInterval(Duration missedWebhookSweepInterval) {
            this.missedWebhookSweepInterval = missedWebhookSweepInterval;
        }
    }

    /** StoreSync's schema migration, run as the owner role before StoreSync starts. */
    public static class Migration {
        /** Whether to migrate StoreSync's schema on start. */
        private boolean enabled = true;
        /** JDBC URL for the migration; the application DataSource's URL unless set. */
        private @Nullable String url;
        /** The owner role that migrates (and owns) StoreSync's tables; required when migrating. */
        private @Nullable String user;
        /** The owner role's password. */
        private @Nullable String password;
        /** The application role granted StoreSync's privileges; the application DataSource's user unless set. */
        private @Nullable String applicationRole;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable String getUrl() {
            return url;
        }

        public void setUrl(@Nullable String url) {
            this.url = url;
        }

        public @Nullable String getUser() {
            return user;
        }

        public void setUser(@Nullable String user) {
            this.user = user;
        }

        public @Nullable String getPassword() {
            return password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        public @Nullable String getApplicationRole() {
            return applicationRole;
        }

        public void setApplicationRole(@Nullable String applicationRole) {
            this.applicationRole = applicationRole;
        }
    }

    /** The AES keys that encrypt store credentials, unless a {@code CredentialKeys} bean is defined. */
    public static class CredentialKeys {
        /** The id of the key new credentials are encrypted with. */
        private @Nullable String current;
        /** Keys by id, each 32 bytes in Base64; keep retired keys until every credential is re-encrypted. */
        private final Map<String, String> keys = new LinkedHashMap<>();

        public @Nullable String getCurrent() {
            return current;
        }

        public void setCurrent(@Nullable String current) {
            this.current = current;
        }

        public Map<String, String> getKeys() {
            return keys;
        }
    }

    /** Micrometer meters, when a MeterRegistry bean exists. */
    public static class Metrics {
        /** Whether to register StoreSync's meters. */
        private boolean enabled = true;
        /** How long the queue gauges reuse one read of the queue counts. */
        private Duration queueRefresh = Duration.ofSeconds(5);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getQueueRefresh() {
            return queueRefresh;
        }

        public void setQueueRefresh(Duration queueRefresh) {
            this.queueRefresh = queueRefresh;
        }
    }

    /**
     * A read replica for reports and searches (a pool the starter makes, not a DataSource bean); none unless the URL
     * is set. Writes and the reads that decide them always use the application's DataSource.
     */
    public static class ReadReplica {
        /** JDBC URL of the replica (a hot standby of StoreSync's database). */
        private @Nullable String url;
        /** The replica's login role; under row-level security like the application role (checked on start). */
        private @Nullable String username;
        /** The role's password. */
        private @Nullable String password;

        public @Nullable String getUrl() {
            return url;
        }

        public void setUrl(@Nullable String url) {
            this.url = url;
        }

        public @Nullable String getUsername() {
            return username;
        }

        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        public @Nullable String getPassword() {
            return password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        @Override
        public String toString() {
            return "ReadReplica[url=" + url + ", username=" + username + "]";
        }
    }

    /** One platform's connector settings: plain values and secrets (secrets never appear in toString or logs). */
    public static class Connector {
        /** Plain values, e.g. partner id, region, base URL. */
        private final Map<String, String> values = new LinkedHashMap<>();
        /** Secrets, e.g. partner key, app secret. */
        private final Map<String, String> secrets = new LinkedHashMap<>();

        public Map<String, String> getValues() {
            return values;
        }

        public Map<String, String> getSecrets() {
            return secrets;
        }

        @Override
        public String toString() {
            return "Connector[values=" + values.keySet() + ", secrets=" + secrets.keySet() + "]";
        }
    }
}
