package io.storesync.jpa.model;

import io.storesync.jpa.ReadModelEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.TenantId;

/**
 * The stock of one variant at one location; the counters equal the sums of its ledger rows.
 *
 * <p>Read-only view of table {@code inventory_items}: no setters, {@code @Immutable}, and StoreSync's guard refuses to
 * persist, merge or remove it (writes go through the StoreSync API).
 */
@Entity
@Table(name = "inventory_items")
@Immutable
public class InventoryItem implements ReadModelEntity {
    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @TenantId
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "product_variant_id", nullable = false)
    private UUID productVariantId;

    @Column(name = "location_id", nullable = false)
    private UUID locationId;

    @Column(name = "quantity_on_hand", nullable = false)
    private int quantityOnHand;

    @Column(name = "quantity_reserved", nullable = false)
    private int quantityReserved;

    @Column(name = "reorder_point", nullable = false)
    private int reorderPoint;

    @Column(name = "reorder_quantity", nullable = false)
    private int reorderQuantity;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "product_variant_id", nullable = false, insertable = false, updatable = false)
    private ProductVariant variant;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "location_id", nullable = false, insertable = false, updatable = false)
    private InventoryLocation location;

    /** For Hibernate only: rows are loaded, never made. */
    protected InventoryItem() {}

    /** Column {@code id}. */
    public UUID getId() {
        return id;
    }

    /** Column {@code organization_id}. */
    public UUID getOrganizationId() {
        return organizationId;
    }

    /** Column {@code product_variant_id}. */
    public UUID getProductVariantId() {
        return productVariantId;
    }

    /** Column {@code location_id}. */
    public UUID getLocationId() {
        return locationId;
    }

    /** Column {@code quantity_on_hand}. */
    public int getQuantityOnHand() {
        return quantityOnHand;
    }

    /** Column {@code quantity_reserved}. */
    public int getQuantityReserved() {
        return quantityReserved;
    }

    /** Column {@code reorder_point}. */
    public int getReorderPoint() {
        return reorderPoint;
    }

    /** Column {@code reorder_quantity}. */
    public int getReorderQuantity() {
        return reorderQuantity;
    }

    /** Column {@code updated_at}. */
    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** The variant this row belongs to (navigation over {@code product_variant_id}). */
    public ProductVariant getVariant() {
        return variant;
    }

    /** The location this row belongs to (navigation over {@code location_id}). */
    public InventoryLocation getLocation() {
        return location;
    }

    @Override
    public String toString() {
        return "InventoryItem[" + id + "]";
    }
}
