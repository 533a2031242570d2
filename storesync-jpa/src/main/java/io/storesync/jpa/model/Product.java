package io.storesync.jpa.model;

import io.storesync.jpa.ReadModelEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
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
 * A catalogue product; {@link #getVariants()} navigates to its variants. The generated {@code search_document} is not mapped.
 *
 * <p>Read-only view of table {@code products}: no setters, {@code @Immutable}, and StoreSync's guard refuses to
 * persist, merge or remove it (writes go through the StoreSync API).
 */
@Entity
@Table(name = "products")
@Immutable
public class Product implements ReadModelEntity {
    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @TenantId
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "sku", nullable = false, length = 255)
    private String sku;

    @Column(name = "name", nullable = false, length = 500)
    private String name;

    @Column(name = "description", nullable = true, columnDefinition = "text")
    private String description;

    @Column(name = "category", nullable = true, length = 255)
    private String category;

    @Column(name = "brand", nullable = true, length = 255)
    private String brand;

    @Column(name = "cost_price", nullable = true, precision = 12, scale = 2)
    private BigDecimal costPrice;

    @Column(name = "weight", nullable = true, precision = 8, scale = 2)
    private BigDecimal weight;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "dimensions", nullable = true)
    private Map<String, Object> dimensions;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "images", nullable = false)
    private List<Object> images;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "attributes", nullable = false)
    private Map<String, Object> attributes;

    @Column(name = "is_active", nullable = false)
    private boolean active;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @OneToMany(mappedBy = "product")
    private List<ProductVariant> variants = new ArrayList<>();

    /** For Hibernate only: rows are loaded, never made. */
    protected Product() {}

    /** Column {@code id}. */
    public UUID getId() {
        return id;
    }

    /** Column {@code organization_id}. */
    public UUID getOrganizationId() {
        return organizationId;
    }

    /** Column {@code sku}. */
    public String getSku() {
        return sku;
    }

    /** Column {@code name}. */
    public String getName() {
        return name;
    }

    /** Column {@code description}. May be {@code null}. */
    public @Nullable String getDescription() {
        return description;
    }

    /** Column {@code category}. May be {@code null}. */
    public @Nullable String getCategory() {
        return category;
    }

    /** Column {@code brand}. May be {@code null}. */
    public @Nullable String getBrand() {
        return brand;
    }

    /** Column {@code cost_price}. May be {@code null}. */
    public @Nullable BigDecimal getCostPrice() {
        return costPrice;
    }

    /** Column {@code weight}. May be {@code null}. */
    public @Nullable BigDecimal getWeight() {
        return weight;
    }

    /** Column {@code dimensions}. May be {@code null}. */
    public Map<String, Object> getDimensions() {
        return dimensions == null ? null : Collections.unmodifiableMap(dimensions);
    }

    /** Column {@code images}. */
    public List<Object> getImages() {
        return images == null ? null : Collections.unmodifiableList(images);
    }

    /** Column {@code attributes}. */
    public Map<String, Object> getAttributes() {
        return attributes == null ? null : Collections.unmodifiableMap(attributes);
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

    /** Its variants (loaded lazily, in the same tenant). */
    public List<ProductVariant> getVariants() {
        return Collections.unmodifiableList(variants);
    }

    @Override
    public String toString() {
        return "Product[" + id + "]";
    }
}
