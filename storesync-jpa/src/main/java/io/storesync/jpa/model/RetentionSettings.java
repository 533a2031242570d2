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
import org.jspecify.annotations.Nullable;

/**
 * An organization's own retention periods in days (V14); {@code null} where it keeps the host's default (the API's
 * {@code Compliance.retention()} answers with the defaults applied), and when its next purge is due. At most one row
 * per organization, keyed by it.
 *
 * <p>Read-only view of table {@code retention_settings}: no setters, {@code @Immutable}, and StoreSync's guard refuses
 * to persist, merge or remove it (writes go through the StoreSync API).
 */
@Entity
@Table(name = "retention_settings")
@Immutable
public class RetentionSettings implements ReadModelEntity {
    @Id
    @TenantId
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "orders_days", nullable = true)
    private Integer ordersDays;

    @Column(name = "sync_logs_days", nullable = true)
    private Integer syncLogsDays;

    @Column(name = "webhook_events_days", nullable = true)
    private Integer webhookEventsDays;

    @Column(name = "audit_trail_days", nullable = true)
    private Integer auditTrailDays;

    @Column(name = "idempotency_keys_days", nullable = true)
    private Integer idempotencyKeysDays;

    @Column(name = "next_purge_at", nullable = false)
    private Instant nextPurgeAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** For Hibernate only: rows are loaded, never made. */
    protected RetentionSettings() {}

    /** Column {@code organization_id} (the primary key). */
    public UUID getOrganizationId() {
        return organizationId;
    }

    /** Column {@code orders_days}. May be {@code null} (the host's default). */
    public @Nullable Integer getOrdersDays() {
        return ordersDays;
    }

    /** Column {@code sync_logs_days}. May be {@code null} (the host's default). */
    public @Nullable Integer getSyncLogsDays() {
        return syncLogsDays;
    }

    /** Column {@code webhook_events_days}. May be {@code null} (the host's default). */
    public @Nullable Integer getWebhookEventsDays() {
        return webhookEventsDays;
    }

    /** Column {@code audit_trail_days}. May be {@code null} (the host's default). */
    public @Nullable Integer getAuditTrailDays() {
        return auditTrailDays;
    }

    /** Column {@code idempotency_keys_days}. May be {@code null} (the host's default). */
    public @Nullable Integer getIdempotencyKeysDays() {
        return idempotencyKeysDays;
    }

    /** Column {@code next_purge_at}. */
    public Instant getNextPurgeAt() {
        return nextPurgeAt;
    }

    /** Column {@code updated_at}. */
    public Instant getUpdatedAt() {
        return updatedAt;
    }

    @Override
    public String toString() {
        return "RetentionSettings[" + organizationId + "]";
    }
}
