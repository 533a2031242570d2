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
 * A mark: this store must be told the current stock of this variant.
 *
 * <p>Read-only view of table {@code stock_push_pending}: no setters, {@code @Immutable}, and StoreSync's guard refuses to
 * persist, merge or remove it (writes go through the StoreSync API).
 */
@Entity
@Table(name = "stock_push_pending")
@Immutable
@IdClass(StockPushPending.Key.class)
public class StockPushPending implements ReadModelEntity {
    @Id
    @TenantId
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Id
    @Column(name = "store_id", nullable = false, updatable = false)
    private UUID storeId;

    @Id
    @Column(name = "product_variant_id", nullable = false, updatable = false)
    private UUID productVariantId;

    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "marked_at", nullable = false)
    private Instant markedAt;

    /** For Hibernate only: rows are loaded, never made. */
    protected StockPushPending() {}

    /** Column {@code organization_id}. */
    public UUID getOrganizationId() {
        return organizationId;
    }

    /** Column {@code store_id}. */
    public UUID getStoreId() {
        return storeId;
    }

    /** Column {@code product_variant_id}. */
    public UUID getProductVariantId() {
        return productVariantId;
    }

    /** Column {@code version}. */
    public long getVersion() {
        return version;
    }

    /** Column {@code marked_at}. */
    public Instant getMarkedAt() {
        return markedAt;
    }

    /**
     * The composite primary key ({@code organization_id}, {@code store_id}, {@code product_variant_id}), for {@code EntityManager.find}.
     *
     * @param organizationId column {@code organization_id}
     * @param storeId column {@code store_id}
     * @param productVariantId column {@code product_variant_id}
     */
    public record Key(UUID organizationId, UUID storeId, UUID productVariantId) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public String toString() {
        return "StockPushPending[" + organizationId + " " + storeId + " " + productVariantId + "]";
    }
}
