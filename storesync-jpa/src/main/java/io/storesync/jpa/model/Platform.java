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
import org.hibernate.type.SqlTypes;

/**
 * A marketplace platform (reference data, shared by every tenant; no row-level security).
 *
 * <p>Read-only view of table {@code platforms}: no setters, {@code @Immutable}, and StoreSync's guard refuses to
 * persist, merge or remove it (writes go through the StoreSync API).
 */
@Entity
@Table(name = "platforms")
@Immutable
public class Platform implements ReadModelEntity {
    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "name", nullable = false, length = 100)
    private String name;

    @Column(name = "display_name", nullable = false, length = 255)
    private String displayName;

    @Column(name = "is_active", nullable = false)
    private boolean active;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "api_config", nullable = false)
    private Map<String, Object> apiConfig;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** For Hibernate only: rows are loaded, never made. */
    protected Platform() {}

    /** Column {@code id}. */
    public UUID getId() {
        return id;
    }

    /** Column {@code name}. */
    public String getName() {
        return name;
    }

    /** Column {@code display_name}. */
    public String getDisplayName() {
        return displayName;
    }

    /** Column {@code is_active}. */
    public boolean isActive() {
        return active;
    }

    /** Column {@code api_config}. */
    public Map<String, Object> getApiConfig() {
        return apiConfig == null ? null : Collections.unmodifiableMap(apiConfig);
    }

    /** Column {@code created_at}. */
    public Instant getCreatedAt() {
        return createdAt;
    }

    @Override
    public String toString() {
        return "Platform[" + id + "]";
    }
}
