package io.storesync.jpa.model;

import io.storesync.jpa.ReadModelEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * What StoreSync last pushed to a listing, and what the platform last reported.
 *
 * <p>Read-only view of table {@code listing_sync_state}: no setters, {@code @Immutable}, and StoreSync's guard refuses to
 * persist, merge or remove it (writes go through the StoreSync API).
 */
@Entity
@Table(name = "listing_sync_state")
@Immutable
@IdClass(ListingSyncState.Key.class)
public class ListingSyncState implements ReadModelEntity {
    @Id
    @TenantId
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Id
    @Column(name = "store_product_mapping_id", nullable = false, updatable = false)
    private UUID storeProductMappingId;

    @Column(name = "pushed_quantity", nullable = true)
    private Integer pushedQuantity;

    @Column(name = "quantity_pushed_at", nullable = true)
    private Instant quantityPushedAt;

    @Column(name = "pushed_price", nullable = true, precision = 12, scale = 2)
    private BigDecimal pushedPrice;

    @Column(name = "price_pushed_at", nullable = true)
    private Instant pricePushedAt;

    @Column(name = "reported_quantity", nullable = true)
    private Integer reportedQuantity;

    @Column(name = "reported_at", nullable = true)
    private Instant reportedAt;

    @Column(name = "last_error", nullable = true, columnDefinition = "text")
    private String lastError;

    /** For Hibernate only: rows are loaded, never made. */
    protected ListingSyncState() {}

    /** Column {@code organization_id}. */
    public UUID getOrganizationId() {
        return organizationId;
    }

    /** Column {@code store_product_mapping_id}. */
    public UUID getStoreProductMappingId() {
        return storeProductMappingId;
    }

    /** Column {@code pushed_quantity}. May be {@code null}. */
    public @Nullable Integer getPushedQuantity() {
        return pushedQuantity;
    }

    /** Column {@code quantity_pushed_at}. May be {@code null}. */
    public @Nullable Instant getQuantityPushedAt() {
        return quantityPushedAt;
    }

    /** Column {@code pushed_price}. May be {@code null}. */
    public @Nullable BigDecimal getPushedPrice() {
        return pushedPrice;
    }

    /** Column {@code price_pushed_at}. May be {@code null}. */
    public @Nullable Instant getPricePushedAt() {
        return pricePushedAt;
    }

    /** Column {@code reported_quantity}. May be {@code null}. */
    public @Nullable Integer getReportedQuantity() {
        return reportedQuantity;
    }

    /** Column {@code reported_at}. May be {@code null}. */
    public @Nullable Instant getReportedAt() {
        return reportedAt;
    }

    /** Column {@code last_error}. May be {@code null}. */
    public @Nullable String getLastError() {
        return lastError;
    }

    /**
     * The composite primary key ({@code organization_id}, {@code store_product_mapping_id}), for {@code EntityManager.find}.
     *
     * @param organizationId column {@code organization_id}
     * @param storeProductMappingId column {@code store_product_mapping_id}
     */
    public record Key(UUID organizationId, UUID storeProductMappingId) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public String toString() {
        return "ListingSyncState[" + organizationId + " " + storeProductMappingId + "]";
    }
}
