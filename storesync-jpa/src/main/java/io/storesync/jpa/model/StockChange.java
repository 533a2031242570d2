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
import org.hibernate.annotations.TenantId;

/**
 * A variant whose available stock changed and has not been pushed yet.
 *
 * <p>Read-only view of table {@code stock_changes}: no setters, {@code @Immutable}, and StoreSync's guard refuses to
 * persist, merge or remove it (writes go through the StoreSync API).
 */
@Entity
@Table(name = "stock_changes")
@Immutable
@IdClass(StockChange.Key.class)
public class StockChange implements ReadModelEntity {
    @Id
    @TenantId
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Id
    @Column(name = "product_variant_id", nullable = false, updatable = false)
    private UUID productVariantId;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    /** For Hibernate only: rows are loaded, never made. */
    protected StockChange() {}

    /** Column {@code organization_id}. */
    public UUID getOrganizationId() {
        return organizationId;
    }

    /** Column {@code product_variant_id}. */
    public UUID getProductVariantId() {
        return productVariantId;
    }

    /** Column {@code changed_at}. */
    public Instant getChangedAt() {
        return changedAt;
    }

    /**
     * The composite primary key ({@code organization_id}, {@code product_variant_id}), for {@code EntityManager.find}.
     *
     * @param organizationId column {@code organization_id}
     * @param productVariantId column {@code product_variant_id}
     */
    public record Key(UUID organizationId, UUID productVariantId) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public String toString() {
        return "StockChange[" + organizationId + " " + productVariantId + "]";
    }
}
