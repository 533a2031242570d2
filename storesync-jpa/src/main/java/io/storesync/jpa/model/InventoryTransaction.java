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
import org.jspecify.annotations.Nullable;

/**
 * A row of the stock ledger (append-only in the database too).
 *
 * <p>Read-only view of table {@code inventory_transactions}: no setters, {@code @Immutable}, and StoreSync's guard refuses to
 * persist, merge or remove it (writes go through the StoreSync API).
 */
@Entity
@Table(name = "inventory_transactions")
@Immutable
public class InventoryTransaction implements ReadModelEntity {
    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @TenantId
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "inventory_item_id", nullable = false)
    private UUID inventoryItemId;

    @Column(name = "transaction_type", nullable = false, length = 50)
    private String transactionType;

    @Column(name = "quantity_change", nullable = false)
    private int quantityChange;

    @Column(name = "reserved_change", nullable = false)
    private int reservedChange;

    @Column(name = "reference_type", nullable = true, length = 50)
    private String referenceType;

    @Column(name = "reference_id", nullable = true)
    private UUID referenceId;

    @Column(name = "notes", nullable = true, columnDefinition = "text")
    private String notes;

    @Column(name = "created_by", nullable = true)
    private UUID createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "inventory_item_id", nullable = false, insertable = false, updatable = false)
    private InventoryItem item;

    /** For Hibernate only: rows are loaded, never made. */
    protected InventoryTransaction() {}

    /** Column {@code id}. */
    public UUID getId() {
        return id;
    }

    /** Column {@code organization_id}. */
    public UUID getOrganizationId() {
        return organizationId;
    }

    /** Column {@code inventory_item_id}. */
    public UUID getInventoryItemId() {
        return inventoryItemId;
    }

    /** Column {@code transaction_type}. */
    public String getTransactionType() {
        return transactionType;
    }

    /** Column {@code quantity_change}. */
    public int getQuantityChange() {
        return quantityChange;
    }

    /** Column {@code reserved_change}. */
    public int getReservedChange() {
        return reservedChange;
    }

    /** Column {@code reference_type}. May be {@code null}. */
    public @Nullable String getReferenceType() {
        return referenceType;
    }

    /** Column {@code reference_id}. May be {@code null}. */
    public @Nullable UUID getReferenceId() {
        return referenceId;
    }

    /** Column {@code notes}. May be {@code null}. */
    public @Nullable String getNotes() {
        return notes;
    }

    /** Column {@code created_by}. May be {@code null}. */
    public @Nullable UUID getCreatedBy() {
        return createdBy;
    }

    /** Column {@code created_at}. */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /** The item this row belongs to (navigation over {@code inventory_item_id}). */
    public InventoryItem getItem() {
        return item;
    }

    @Override
    public String toString() {
        return "InventoryTransaction[" + id + "]";
    }
}
