package io.storesync.jpa.model;

import io.storesync.jpa.ReadModelEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * A listing: a variant mapped to a platform product in a store.
 *
 * <p>Read-only view of table {@code store_product_mappings}: no setters, {@code @Immutable}, and StoreSync's guard refuses to
 * persist, merge or remove it (writes go through the StoreSync API).
 */
@Entity
@Table(name = "store_product_mappings")
@Immutable
public class StoreProductMapping implements ReadModelEntity {
    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @TenantId
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "store_id", nullable = false)
    private UUID storeId;

    @Column(name = "product_variant_id", nullable = false)
    private UUID productVariantId;

    @Column(name = "platform_product_id", nullable = false, length = 255)
    private String platformProductId;

    @Column(name = "platform_variant_id", nullable = true, length = 255)
    private String platformVariantId;

    @Column(name = "platform_sku", nullable = true, length = 255)
    private String platformSku;

    @Column(name = "price", nullable = false, precision = 12, scale = 2)
    private BigDecimal price;

    @Column(name = "compare_at_price", nullable = true, precision = 12, scale = 2)
    private BigDecimal compareAtPrice;

    @Column(name = "is_active", nullable = false)
    private boolean active;

    @Column(name = "last_sync_at", nullable = true)
    private Instant lastSyncAt;

    @Column(name = "sync_status", nullable = false, length = 50)
    private String syncStatus;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "store_id", nullable = false, insertable = false, updatable = false)
    private Store store;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "product_variant_id", nullable = false, insertable = false, updatable = false)
    private ProductVariant variant;

    /** For Hibernate only: rows are loaded, never made. */
    protected StoreProductMapping() {}

    /** Column {@code id}. */
    public UUID getId() {
        return id;
    }

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

    /** Column {@code platform_product_id}. */
    public String getPlatformProductId() {
        return platformProductId;
    }

    /** Column {@code platform_variant_id}. May be {@code null}. */
    public @Nullable String getPlatformVariantId() {
        return platformVariantId;
    }

    /** Column {@code platform_sku}. May be {@code null}. */
    public @Nullable String getPlatformSku() {
        return platformSku;
    }

    /** Column {@code price}. */
    public BigDecimal getPrice() {
        return price;
    }

    /** Column {@code compare_at_price}. May be {@code null}. */
    public @Nullable BigDecimal getCompareAtPrice() {
        return compareAtPrice;
    }

    /** Column {@code is_active}. */
    public boolean isActive() {
        return active;
    }

    /** Column {@code last_sync_at}. May be {@code null}. */
    public @Nullable Instant getLastSyncAt() {
        return lastSyncAt;
    }

    /** Column {@code sync_status}. */
    public String getSyncStatus() {
        return syncStatus;
    }

    /** Column {@code created_at}. */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /** Column {@code updated_at}. */
    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** The store this row belongs to (navigation over {@code store_id}). */
    public Store getStore() {
        return store;
    }

    /** The variant this row belongs to (navigation over {@code product_variant_id}). */
    public ProductVariant getVariant() {
        return variant;
    }

    @Override
    public String toString() {
        return "StoreProductMapping[" + id + "]";
    }
}
