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

/**
 * A buyer erased with "anonymise later orders" (V14): later orders of theirs are anonymised as they are stored. The
 * identifier itself is not kept, only {@code fingerprint}: the SHA-256 (lower-case hex) of one lower-cased, trimmed
 * identifier (email, phone or platform buyer id). It is part of the primary key, so it is mapped; it is no more
 * than what {@code orders.customer_info} (mapped) already shows the tenant, and {@link #toString()} leaves it out.
 *
 * <p>Read-only view of table {@code erased_buyers}: no setters, {@code @Immutable}, and StoreSync's guard refuses to
 * persist, merge or remove it (writes go through the StoreSync API).
 */
@Entity
@Table(name = "erased_buyers")
@Immutable
@IdClass(ErasedBuyer.Key.class)
public class ErasedBuyer implements ReadModelEntity {
    @Id
    @TenantId
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Id
    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "fingerprint", nullable = false, updatable = false, length = 64)
    private String fingerprint;

    @Column(name = "erased_at", nullable = false)
    private Instant erasedAt;

    /** For Hibernate only: rows are loaded, never made. */
    protected ErasedBuyer() {}

    /** Column {@code organization_id}. */
    public UUID getOrganizationId() {
        return organizationId;
    }

    /** Column {@code fingerprint}: SHA-256 hex (64 characters) of one lower-cased identifier of the buyer. */
    public String getFingerprint() {
        return fingerprint;
    }

    /** Column {@code erased_at}. */
    public Instant getErasedAt() {
        return erasedAt;
    }

    /**
     * The composite primary key ({@code organization_id}, {@code fingerprint}), for {@code EntityManager.find}.
     *
     * @param organizationId column {@code organization_id}
     * @param fingerprint column {@code fingerprint}
     */
    public record Key(UUID organizationId, String fingerprint) implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            return "Key[" + organizationId + "]";
        }
    }

    @Override
    public String toString() {
        return "ErasedBuyer[" + organizationId + " " + erasedAt + "]";
    }
}
