package io.storesync.jpa.model;

import io.storesync.jpa.ReadModelEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
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
 * A log line of a job.
 *
 * <p>Read-only view of table {@code sync_logs}: no setters, {@code @Immutable}, and StoreSync's guard refuses to
 * persist, merge or remove it (writes go through the StoreSync API).
 */
@Entity
@Table(name = "sync_logs")
@Immutable
public class SyncLog implements ReadModelEntity {
    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @TenantId
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "sync_job_id", nullable = false)
    private UUID syncJobId;

    @Column(name = "level", nullable = false, length = 20)
    private String level;

    @Column(name = "message", nullable = false, columnDefinition = "text")
    private String message;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "details", nullable = true)
    private Map<String, Object> details;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "sync_job_id", nullable = false, insertable = false, updatable = false)
    private SyncJob job;

    /** For Hibernate only: rows are loaded, never made. */
    protected SyncLog() {}

    /** Column {@code id}. */
    public UUID getId() {
        return id;
    }

    /** Column {@code organization_id}. */
    public UUID getOrganizationId() {
        return organizationId;
    }

    /** Column {@code sync_job_id}. */
    public UUID getSyncJobId() {
        return syncJobId;
    }

    /** Column {@code level}. */
    public String getLevel() {
        return level;
    }

    /** Column {@code message}. */
    public String getMessage() {
        return message;
    }

    /** Column {@code details}. May be {@code null}. */
    public Map<String, Object> getDetails() {
        return details == null ? null : Collections.unmodifiableMap(details);
    }

    /** Column {@code created_at}. */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /** The job this row belongs to (navigation over {@code sync_job_id}). */
    public SyncJob getJob() {
        return job;
    }

    @Override
    public String toString() {
        return "SyncLog[" + id + "]";
    }
}
