package io.storesync.jpa.model;

import io.storesync.jpa.ReadModelEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * A unified order; {@link #getLines()} navigates to its lines.
 *
 * <p>Read-only view of table {@code orders}: no setters, {@code @Immutable}, and StoreSync's guard refuses to
 * persist, merge or remove it (writes go through the StoreSync API).
 */
@Entity
@Table(name = "orders")
@Immutable
public class Order implements ReadModelEntity {
    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @TenantId
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "store_id", nullable = false)
    private UUID storeId;

    @Column(name = "platform_order_id", nullable = false, length = 255)
    private String platformOrderId;

    @Column(name = "order_number", nullable = true, length = 255)
    private String orderNumber;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "customer_info", nullable = false)
    private Map<String, Object> customerInfo;

    @Column(name = "status", nullable = false, length = 50)
    private String status;

    @Column(name = "financial_status", nullable = true, length = 50)
    private String financialStatus;

    @Column(name = "fulfillment_status", nullable = true, length = 50)
    private String fulfillmentStatus;

    @Column(name = "subtotal", nullable = false, precision = 12, scale = 2)
    private BigDecimal subtotal;

    @Column(name = "tax_amount", nullable = false, precision = 12, scale = 2)
    private BigDecimal taxAmount;

    @Column(name = "shipping_amount", nullable = false, precision = 12, scale = 2)
    private BigDecimal shippingAmount;

    @Column(name = "discount_amount", nullable = false, precision = 12, scale = 2)
    private BigDecimal discountAmount;

    @Column(name = "total_amount", nullable = false, precision = 12, scale = 2)
    private BigDecimal totalAmount;

    @Column(name = "currency", nullable = false, length = 3)
    private String currency;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "platform_data", nullable = false)
    private Map<String, Object> platformData;

    @Column(name = "notes", nullable = true, columnDefinition = "text")
    private String notes;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "tags", nullable = true)
    private List<String> tags;

    @Column(name = "ordered_at", nullable = false)
    private Instant orderedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "platform_status", nullable = true, length = 100)
    private String platformStatus;

    @Column(name = "platform_updated_at", nullable = true)
    private Instant platformUpdatedAt;

    @Column(name = "has_unmapped_lines", nullable = false)
    private boolean hasUnmappedLines;

    @Column(name = "shortfall_quantity", nullable = false)
    private int shortfallQuantity;

    @Column(name = "snapshot_precedence", nullable = true)
    private byte[] snapshotPrecedence;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "store_id", nullable = false, insertable = false, updatable = false)
    private Store store;

    @OneToMany(mappedBy = "order")
    private List<OrderItem> lines = new ArrayList<>();

    /** For Hibernate only: rows are loaded, never made. */
    protected Order() {}

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

    /** Column {@code platform_order_id}. */
    public String getPlatformOrderId() {
        return platformOrderId;
    }

    /** Column {@code order_number}. May be {@code null}. */
    public @Nullable String getOrderNumber() {
        return orderNumber;
    }

    /** Column {@code customer_info}. */
    public Map<String, Object> getCustomerInfo() {
        return customerInfo == null ? null : Collections.unmodifiableMap(customerInfo);
    }

    /** Column {@code status}. */
    public String getStatus() {
        return status;
    }

    /** Column {@code financial_status}. May be {@code null}. */
    public @Nullable String getFinancialStatus() {
        return financialStatus;
    }

    /** Column {@code fulfillment_status}. May be {@code null}. */
    public @Nullable String getFulfillmentStatus() {
        return fulfillmentStatus;
    }

    /** Column {@code subtotal}. */
    public BigDecimal getSubtotal() {
        return subtotal;
    }

    /** Column {@code tax_amount}. */
    public BigDecimal getTaxAmount() {
        return taxAmount;
    }

    /** Column {@code shipping_amount}. */
    public BigDecimal getShippingAmount() {
        return shippingAmount;
    }

    /** Column {@code discount_amount}. */
    public BigDecimal getDiscountAmount() {
        return discountAmount;
    }

    /** Column {@code total_amount}. */
    public BigDecimal getTotalAmount() {
        return totalAmount;
    }

    /** Column {@code currency}. */
    public String getCurrency() {
        return currency;
    }

    /** Column {@code platform_data}. */
    public Map<String, Object> getPlatformData() {
        return platformData == null ? null : Collections.unmodifiableMap(platformData);
    }

    /** Column {@code notes}. May be {@code null}. */
    public @Nullable String getNotes() {
        return notes;
    }

    /** Column {@code tags}. May be {@code null}. */
    public List<String> getTags() {
        return tags == null ? null : Collections.unmodifiableList(tags);
    }

    /** Column {@code ordered_at}. */
    public Instant getOrderedAt() {
        return orderedAt;
    }

    /** Column {@code created_at}. */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /** Column {@code updated_at}. */
    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** Column {@code platform_status}. May be {@code null}. */
    public @Nullable String getPlatformStatus() {
        return platformStatus;
    }

    /** Column {@code platform_updated_at}. May be {@code null}. */
    public @Nullable Instant getPlatformUpdatedAt() {
        return platformUpdatedAt;
    }

    /** Column {@code has_unmapped_lines}. */
    public boolean isHasUnmappedLines() {
        return hasUnmappedLines;
    }

    /** Column {@code shortfall_quantity}. */
    public int getShortfallQuantity() {
        return shortfallQuantity;
    }

    /** Column {@code snapshot_precedence}. May be {@code null}. */
    public byte[] getSnapshotPrecedence() {
        return snapshotPrecedence == null ? null : snapshotPrecedence.clone();
    }

    /** The store this row belongs to (navigation over {@code store_id}). */
    public Store getStore() {
        return store;
    }

    /** Its lines (loaded lazily, in the same tenant). */
    public List<OrderItem> getLines() {
        return Collections.unmodifiableList(lines);
    }

    @Override
    public String toString() {
        return "Order[" + id + "]";
    }
}
