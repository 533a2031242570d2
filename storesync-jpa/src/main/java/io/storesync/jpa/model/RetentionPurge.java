package io.storesync.jpa.model;

import io.storesync.jpa.ReadModelEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.TenantId;

/**
 * What one retention purge removed of one data class (V14): the cutoff, the rows removed and how many of them were
 * archived first. Kept as long as the audit trail.
 *
 * <p>Read-only view of table {@code retention_purges}: no setters, {@code @Immutable}, and StoreSync's guard refuses
 * to persist, merge or remove it (writes go through the StoreSync API).
 */
@Entity
@Table(name = "retention_purges")
@Immutable
public class RetentionPurge implements ReadModelEntity {
    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @TenantId
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "data_class", nullable = false, length = 40)
    private String dataClass;

    @Column(name = "cutoff", nullable = false)
    private Instant cutoff;

    @Column(name = "removed", nullable = false)
    private int removed;

    @Column(name = "archived", nullable = false)
    private int archived;

    @Column(name = "purged_at", nullable = false)
    private Instant purgedAt;

    /** For Hibernate only: rows are loaded, never made. */
    protected RetentionPurge() {}

    /** Column {@code id}. */
    public UUID getId() {
        return id;
    }

    /** Column {@code organization_id}. */
    public UUID getOrganizationId() {
        return organizationId;
    }

    /**
     * Column {@code data_class}: {@code orders}, {@code sync_logs}, {@code webhook_events}, {@code audit_trail} or
     * {@code idempotency_keys} (the API's {@code DataClass} in lower case).
     */
    public String getDataClass() {
        return dataClass;
    }

    /** Column {@code cutoff}: rows older than this were due. */
    public Instant getCutoff() {
        return cutoff;
    }

    /** Column {@code removed}. */
    public int getRemoved() {
        return removed;
    }

    /** Column {@code archived}: how many of the removed rows went to the host's archive first (orders only). */
    public int getArchived() {
        return archived;
    }

    /** Column {@code purged_at}. */
    public Instant getPurgedAt() {
        return purgedAt;
    }

    @Override
    public String toString() {
        return "RetentionPurge[" + id + "]";
    }
}
