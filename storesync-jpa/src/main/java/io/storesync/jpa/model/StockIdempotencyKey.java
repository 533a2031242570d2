package io.storesync.jpa.model;

import io.storesync.jpa.ReadModelEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * An idempotency key of a stock operation and its result.
 *
 * <p>Read-only view of table {@code stock_idempotency_keys}: no setters, {@code @Immutable}, and StoreSync's guard refuses to
 * persist, merge or remove it (writes go through the StoreSync API).
 */
@Entity
@Table(name = "stock_idempotency_keys")
@Immutable
@IdClass(StockIdempotencyKey.Key.class)
public class StockIdempotencyKey implements ReadModelEntity {
    @Id
    @TenantId
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Id
    @Column(name = "idempotency_key", nullable = false, updatable = false, length = 255)
    private String idempotencyKey;

    @Column(name = "fingerprint", nullable = false, columnDefinition = "text")
    private String fingerprint;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "result", nullable = true)
    private Object result;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** For Hibernate only: rows are loaded, never made. */
    protected StockIdempotencyKey() {}

    /** Column {@code organization_id}. */
    public UUID getOrganizationId() {
        return organizationId;
    }

    /** Column {@code idempotency_key}. */
    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    /** Column {@code fingerprint}. */
    public String getFingerprint() {
        return fingerprint;
    }

    /** Column {@code result}. May be {@code null}. A JSON value as Jackson reads it (maps, lists, strings, numbers, booleans). */
    public @Nullable Object getResult() {
        return result;
    }

    /** Column {@code created_at}. */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /**
     * The composite primary key ({@code organization_id}, {@code idempotency_key}), for {@code EntityManager.find}.
     *
     * @param organizationId column {@code organization_id}
     * @param idempotencyKey column {@code idempotency_key}
     */
    public record Key(UUID organizationId, String idempotencyKey) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public String toString() {
        return "StockIdempotencyKey[" + organizationId + " " + idempotencyKey + "]";
    }
}
