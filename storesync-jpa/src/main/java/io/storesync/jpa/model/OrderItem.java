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
 * A line of an order.
 *
 * <p>Read-only view of table {@code order_items}: no setters, {@code @Immutable}, and StoreSync's guard refuses to
 * persist, merge or remove it (writes go through the StoreSync API).
 */
@Entity
@Table(name = "order_items")
@Immutable
public class OrderItem implements ReadModelEntity {
    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @TenantId
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "order_id", nullable = false)
    private UUID orderId;

    @Column(name = "product_variant_id", nullable = true)
    private UUID productVariantId;

    @Column(name = "platform_product_id", nullable = true, length = 255)
    private String platformProductId;

    @Column(name = "platform_variant_id", nullable = true, length = 255)
    private String platformVariantId;

    @Column(name = "name", nullable = false, length = 500)
    private String name;

    @Column(name = "sku", nullable = true, length = 255)
    private String sku;

    @Column(name = "quantity", nullable = false)
    private int quantity;

    @Column(name = "price", nullable = false, precision = 12, scale = 2)
    private BigDecimal price;

    @Column(name = "total_amount", nullable = false, precision = 12, scale = 2)
    private BigDecimal totalAmount;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "platform_line_id", nullable = true, length = 255)
    private String platformLineId;

    @Column(name = "stock_stage", nullable = false, length = 20)
    private String stockStage;

    @Column(name = "shortfall_quantity", nullable = false)
    private int shortfallQuantity;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id", nullable = false, insertable = false, updatable = false)
    private Order order;

    @ManyToOne(fetch = FetchType.LAZY, optional = true)
    @JoinColumn(name = "product_variant_id", nullable = true, insertable = false, updatable = false)
    private ProductVariant variant;

    /** For Hibernate only: rows are loaded, never made. */
    protected OrderItem() {}

    /** Column {@code id}. */
    public UUID getId() {
        return id;
    }

    /** Column {@code organization_id}. */
    public UUID getOrganizationId() {
        return organizationId;
    }

    /** Column {@code order_id}. */
    public UUID getOrderId() {
        return orderId;
    }

    /** Column {@code product_variant_id}. May be {@code null}. */
    public @Nullable UUID getProductVariantId() {
        return productVariantId;
    }

    /** Column {@code platform_product_id}. May be {@code null}. */
    public @Nullable String getPlatformProductId() {
        return platformProductId;
    }

    /** Column {@code platform_variant_id}. May be {@code null}. */
    public @Nullable String getPlatformVariantId() {
        return platformVariantId;
    }

    /** Column {@code name}. */
    public String getName() {
        return name;
    }

    /** Column {@code sku}. May be {@code null}. */
    public @Nullable String getSku() {
        return sku;
    }

    /** Column {@code quantity}. */
    public int getQuantity() {
        return quantity;
    }

    /** Column {@code price}. */
    public BigDecimal getPrice() {
        return price;
    }

    /** Column {@code total_amount}. */
    public BigDecimal getTotalAmount() {
        return totalAmount;
    }

    /** Column {@code created_at}. */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /** Column {@code platform_line_id}. May be {@code null}. */
    public @Nullable String getPlatformLineId() {
        return platformLineId;
    }

    /** Column {@code stock_stage}. */
    public String getStockStage() {
        return stockStage;
    }

    /** Column {@code shortfall_quantity}. */
    public int getShortfallQuantity() {
        return shortfallQuantity;
    }

    /** Column {@code updated_at}. */
    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** The order this row belongs to (navigation over {@code order_id}). */
    public Order getOrder() {
        return order;
    }

    /** The variant this row belongs to (navigation over {@code product_variant_id}). May be {@code null}. */
    public @Nullable ProductVariant getVariant() {
        return variant;
    }

    @Override
    public String toString() {
        return "OrderItem[" + id + "]";
    }
}
