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
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * A connected store. Its encrypted {@code credentials} are not mapped: only the engine reads them.
 *
 * <p>Read-only view of table {@code stores}: no setters, {@code @Immutable}, and StoreSync's guard refuses to
 * persist, merge or remove it (writes go through the StoreSync API).
 */
@Entity
@Table(name = "stores")
@Immutable
public class Store implements ReadModelEntity {
    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @TenantId
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "platform_id", nullable = false)
    private UUID platformId;

    @Column(name = "name", nullable = false, length = 255)
    private String name;

    @Column(name = "platform_store_id", nullable = false, length = 255)
    private String platformStoreId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "settings", nullable = false)
    private Map<String, Object> settings;

    @Column(name = "sync_status", nullable = false, length = 50)
    private String syncStatus;

    @Column(name = "last_sync_at", nullable = true)
    private Instant lastSyncAt;

    @Column(name = "is_active", nullable = false)
    private boolean active;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "authorization_group", nullable = true)
    private UUID authorizationGroup;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "platform_id", nullable = false, insertable = false, updatable = false)
    private Platform platform;

    /** For Hibernate only: rows are loaded, never made. */
    protected Store() {}

    /**
     * Column {@code authorization_group}: the stores one consent created or re-authorised share it (they share that
     * consent's credentials). May be {@code null}.
     */
    public @Nullable UUID getAuthorizationGroup() {
        return authorizationGroup;
    }

    /** Column {@code id}. */
    public UUID getId() {
        return id;
    }

    /** Column {@code organization_id}. */
    public UUID getOrganizationId() {
        return organizationId;
    }

    /** Column {@code platform_id}. */
    public UUID getPlatformId() {
        return platformId;
    }

    /** Column {@code name}. */
    public String getName() {
        return name;
    }

    /** Column {@code platform_store_id}. */
    public String getPlatformStoreId() {
        return platformStoreId;
    }

    /** Column {@code settings}. */
    public Map<String, Object> getSettings() {
        return settings == null ? null : Collections.unmodifiableMap(settings);
    }

    /** Column {@code sync_status}. */
    public String getSyncStatus() {
        return syncStatus;
    }

    /** Column {@code last_sync_at}. May be {@code null}. */
    public @Nullable Instant getLastSyncAt() {
        return lastSyncAt;
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

    /** The platform this row belongs to (navigation over {@code platform_id}). */
    public Platform getPlatform() {
        return platform;
    }

    @Override
    public String toString() {
        return "Store[" + id + "]";
    }
}
