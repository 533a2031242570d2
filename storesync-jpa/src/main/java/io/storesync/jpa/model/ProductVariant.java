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
 * A product variant; navigates to its product and to its stock ({@link #getStock()}, one item per location).
 *
 * <p>Read-only view of table {@code product_variants}: no setters, {@code @Immutable}, and StoreSync's guard refuses to
 * persist, merge or remove it (writes go through the StoreSync API).
 */
@Entity
@Table(name = "product_variants")
@Immutable
public class ProductVariant implements ReadModelEntity {
    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @TenantId
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "product_id", nullable = false)
    private UUID productId;

    @Column(name = "variant_sku", nullable = false, length = 255)
    private String variantSku;

    @Column(name = "name", nullable = true, length = 255)
    private String name;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "attributes", nullable = false)
    private Map<String, Object> attributes;

    @Column(name = "cost_price", nullable = true, precision = 12, scale = 2)
    private BigDecimal costPrice;

    @Column(name = "weight", nullable = true, precision = 8, scale = 2)
    private BigDecimal weight;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "images", nullable = false)
    private List<Object> images;

    @Column(name = "is_active", nullable = false)
    private boolean active;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "product_id", nullable = false, insertable = false, updatable = false)
    private Product product;

    @OneToMany(mappedBy = "variant")
    private List<InventoryItem> stock = new ArrayList<>();

    /** For Hibernate only: rows are loaded, never made. */
    protected ProductVariant() {}

    /** Column {@code id}. */
    public UUID getId() {
        return id;
    }

    /** Column {@code organization_id}. */
    public UUID getOrganizationId() {
        return organizationId;
    }

    /** Column {@code product_id}. */
    public UUID getProductId() {
        return productId;
    }

    /** Column {@code variant_sku}. */
    public String getVariantSku() {
        return variantSku;
    }

    /** Column {@code name}. May be {@code null}. */
    public @Nullable String getName() {
        return name;
    }

    /** Column {@code attributes}. */
    public Map<String, Object> getAttributes() {
        return attributes == null ? null : Collections.unmodifiableMap(attributes);
    }

    /** Column {@code cost_price}. May be {@code null}. */
    public @Nullable BigDecimal getCostPrice() {
        return costPrice;
    }

    /** Column {@code weight}. May be {@code null}. */
    public @Nullable BigDecimal getWeight() {
        return weight;
    }

    /** Column {@code images}. */
    public List<Object> getImages() {
        return images == null ? null : Collections.unmodifiableList(images);
    }

    /** Column {@code is_active}. */
    public boolean isActive() {
        return active;
    }

    /** Column {@code created_at}. */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /** Column {@code updated_at}. */
    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** The product this row belongs to (navigation over {@code product_id}). */
    public Product getProduct() {
        return product;
    }

    /** Its stock (loaded lazily, in the same tenant). */
    public List<InventoryItem> getStock() {
        return Collections.unmodifiableList(stock);
    }

    @Override
    public String toString() {
        return "ProductVariant[" + id + "]";
    }
}
