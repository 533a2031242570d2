package io.storesync.jpa.model;

import io.storesync.jpa.ReadModelEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * A stock location.
 *
 * <p>Read-only view of table {@code inventory_locations}: no setters, {@code @Immutable}, and StoreSync's guard refuses to
 * persist, merge or remove it (writes go through the StoreSync API).
 */
@Entity
@Table(name = "inventory_locations")
@Immutable
public class InventoryLocation implements ReadModelEntity {
    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @TenantId
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "name", nullable = false, length = 255)
    private String name;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "address", nullable = true)
    private Map<String, Object> address;

    @Column(name = "is_default", nullable = false)
    private boolean defaultLocation;

    @Column(name = "is_active", nullable = false)
    private boolean active;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** For Hibernate only: rows are loaded, never made. */
    protected InventoryLocation() {}

    /** Column {@code id}. */
    public UUID getId() {
        return id;
    }

    /** Column {@code organization_id}. */
    public UUID getOrganizationId() {
        return organizationId;
    }

    /** Column {@code name}. */
    public String getName() {
        return name;
    }

    /** Column {@code address}. May be {@code null}. */
    public Map<String, Object> getAddress() {
        return address == null ? null : Collections.unmodifiableMap(address);
    }

    /** Column {@code is_default}. */
    public boolean isDefaultLocation() {
        return defaultLocation;
    }

    /** Column {@code is_active}. */
    public boolean isActive() {
        return active;
    }

    /** Column {@code created_at}. */
    public Instant getCreatedAt() {
        return createdAt;
    }

    @Override
    public String toString() {
        return "InventoryLocation[" + id + "]";
    }
}
