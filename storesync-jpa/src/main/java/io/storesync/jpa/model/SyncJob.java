package io.storesync.jpa.model;

import io.storesync.jpa.ReadModelEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * A job of the durable queue. Its {@code lease_token} (a credential of the running worker) is not mapped.
 *
 * <p>Read-only view of table {@code sync_jobs}: no setters, {@code @Immutable}, and StoreSync's guard refuses to
 * persist, merge or remove it (writes go through the StoreSync API).
 */
@Entity
@Table(name = "sync_jobs")
@Immutable
public class SyncJob implements ReadModelEntity {
    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @TenantId
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "store_id", nullable = true)
    private UUID storeId;

    @Column(name = "job_type", nullable = false, length = 100)
    private String jobType;

    @Column(name = "status", nullable = false, length = 50)
    private String status;

    @Column(name = "started_at", nullable = true)
    private Instant startedAt;

    @Column(name = "completed_at", nullable = true)
    private Instant completedAt;

    @Column(name = "items_total", nullable = false)
    private int itemsTotal;

    @Column(name = "items_processed", nullable = false)
    private int itemsProcessed;

    @Column(name = "items_failed", nullable = false)
    private int itemsFailed;

    @Column(name = "error_message", nullable = true, columnDefinition = "text")
    private String errorMessage;

    @Column(name = "retry_count", nullable = false)
    private int retryCount;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "metadata", nullable = false)
    private Map<String, Object> metadata;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "run_at", nullable = false)
    private Instant runAt;

    @Column(name = "priority", nullable = false, columnDefinition = "smallint")
    private short priority;

    @Column(name = "attempt", nullable = false)
    private int attempt;

    @Column(name = "max_attempts", nullable = false)
    private int maxAttempts;

    @Column(name = "lease_owner", nullable = true, length = 200)
    private String leaseOwner;

    @Column(name = "lease_expires_at", nullable = true)
    private Instant leaseExpiresAt;

    @Column(name = "heartbeat_at", nullable = true)
    private Instant heartbeatAt;

    @Column(name = "dedupe_key", nullable = true, length = 255)
    private String dedupeKey;

    @Column(name = "outcome", nullable = true, length = 50)
    private String outcome;

    @Column(name = "releases", nullable = false)
    private int releases;

    @Column(name = "reschedules", nullable = false)
    private int reschedules;

    @Column(name = "checkpoint", nullable = true, columnDefinition = "text")
    private String checkpoint;

    @Column(name = "trace_context", nullable = true, columnDefinition = "text")
    private String traceContext;

    /** For Hibernate only: rows are loaded, never made. */
    protected SyncJob() {}

    /** Column {@code id}. */
    public UUID getId() {
        return id;
    }

    /** Column {@code organization_id}. */
    public UUID getOrganizationId() {
        return organizationId;
    }

    /** Column {@code store_id}. May be {@code null}. */
    public @Nullable UUID getStoreId() {
        return storeId;
    }

    /** Column {@code job_type}. */
    public String getJobType() {
        return jobType;
    }

    /** Column {@code status}. */
    public String getStatus() {
        return status;
    }

    /** Column {@code started_at}. May be {@code null}. */
    public @Nullable Instant getStartedAt() {
        return startedAt;
    }

    /** Column {@code completed_at}. May be {@code null}. */
    public @Nullable Instant getCompletedAt() {
        return completedAt;
    }

    /** Column {@code items_total}. */
    public int getItemsTotal() {
        return itemsTotal;
    }

    /** Column {@code items_processed}. */
    public int getItemsProcessed() {
        return itemsProcessed;
    }

    /** Column {@code items_failed}. */
    public int getItemsFailed() {
        return itemsFailed;
    }

    /** Column {@code error_message}. May be {@code null}. */
    public @Nullable String getErrorMessage() {
        return errorMessage;
    }

    /** Column {@code retry_count}. */
    public int getRetryCount() {
        return retryCount;
    }

    /** Column {@code metadata}. */
    public Map<String, Object> getMetadata() {
        return metadata == null ? null : Collections.unmodifiableMap(metadata);
    }

    /** Column {@code created_at}. */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /** Column {@code run_at}. */
    public Instant getRunAt() {
        return runAt;
    }

    /** Column {@code priority}. */
    public short getPriority() {
        return priority;
    }

    /** Column {@code attempt}. */
    public int getAttempt() {
        return attempt;
    }

    /** Column {@code max_attempts}. */
    public int getMaxAttempts() {
        return maxAttempts;
    }

    /** Column {@code lease_owner}. May be {@code null}. */
    public @Nullable String getLeaseOwner() {
        return leaseOwner;
    }

    /** Column {@code lease_expires_at}. May be {@code null}. */
    public @Nullable Instant getLeaseExpiresAt() {
        return leaseExpiresAt;
    }

    /** Column {@code heartbeat_at}. May be {@code null}. */
    public @Nullable Instant getHeartbeatAt() {
        return heartbeatAt;
    }

    /** Column {@code dedupe_key}. May be {@code null}. */
    public @Nullable String getDedupeKey() {
        return dedupeKey;
    }

    /** Column {@code outcome}. May be {@code null}. */
    public @Nullable String getOutcome() {
        return outcome;
    }

    /** Column {@code releases}. */
    public int getReleases() {
        return releases;
    }

    /** Column {@code reschedules}. */
    public int getReschedules() {
        return reschedules;
    }

    /**
     * Column {@code checkpoint} (V13): where a paging job (the catalogue import) has got to, an opaque platform
     * cursor of at most 8 KiB. May be {@code null}.
     */
    public @Nullable String getCheckpoint() {
        return checkpoint;
    }

    /**
     * Column {@code trace_context} (V18): the producer's trace context stored at enqueue (a W3C {@code traceparent}
     * when the host traces with storesync-micrometer), at most 512 characters. May be {@code null}.
     */
    public @Nullable String getTraceContext() {
        return traceContext;
    }

    @Override
    public String toString() {
        return "SyncJob[" + id + "]";
    }
}
