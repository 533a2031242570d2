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
 * One change made through the StoreSync API (V14's audit trail, append-only in the database too); {@code seq} orders
 * the rows. {@code entity_id} names a row of the table {@code entity_type} stands for, so there is no navigation.
 *
 * <p>Read-only view of table {@code audit_events}: no setters, {@code @Immutable}, and StoreSync's guard refuses to
 * persist, merge or remove it (writes go through the StoreSync API).
 */
@Entity
@Table(name = "audit_events")
@Immutable
public class AuditEvent implements ReadModelEntity {
    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "seq", nullable = false, updatable = false)
    private long seq;

    @TenantId
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "actor_kind", nullable = false, length = 20)
    private String actorKind;

    @Column(name = "actor_id", nullable = false, length = 255)
    private String actorId;

    @Column(name = "action", nullable = false, length = 100)
    private String action;

    @Column(name = "entity_type", nullable = true, length = 60)
    private String entityType;

    @Column(name = "entity_id", nullable = true, length = 255)
    private String entityId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "changes", nullable = false)
    private Map<String, Object> changes;

    @Column(name = "correlation_id", nullable = true, length = 255)
    private String correlationId;

    /** For Hibernate only: rows are loaded, never made. */
    protected AuditEvent() {}

    /** Column {@code id}. */
    public UUID getId() {
        return id;
    }

    /** Column {@code seq}: the trail's order (an identity, increasing across organizations). */
    public long getSeq() {
        return seq;
    }

    /** Column {@code organization_id}. */
    public UUID getOrganizationId() {
        return organizationId;
    }

    /** Column {@code occurred_at}. */
    public Instant getOccurredAt() {
        return occurredAt;
    }

    /** Column {@code actor_kind}: {@code member} or {@code system}. */
    public String getActorKind() {
        return actorKind;
    }

    /** Column {@code actor_id}: the member's user id, or the system actor's name. */
    public String getActorId() {
        return actorId;
    }

    /** Column {@code action}. */
    public String getAction() {
        return action;
    }

    /** Column {@code entity_type}. May be {@code null}. */
    public @Nullable String getEntityType() {
        return entityType;
    }

    /** Column {@code entity_id}. May be {@code null}. */
    public @Nullable String getEntityId() {
        return entityId;
    }

    /** Column {@code changes}: a JSON object (never {@code null}, {@code {}} when the change records no values). */
    public Map<String, Object> getChanges() {
        return Collections.unmodifiableMap(changes);
    }

    /** Column {@code correlation_id}. May be {@code null}. */
    public @Nullable String getCorrelationId() {
        return correlationId;
    }

    @Override
    public String toString() {
        return "AuditEvent[" + id + " " + seq + "]";
    }
}
