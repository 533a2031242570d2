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
 * An organization: the tenant itself (row-level security matches its {@code id}; it has no {@code @TenantId}).
 *
 * <p>Read-only view of table {@code organizations}: no setters, {@code @Immutable}, and StoreSync's guard refuses to
 * persist, merge or remove it (writes go through the StoreSync API).
 */
@Entity
@Table(name = "organizations")
@Immutable
public class Organization implements ReadModelEntity {
    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "name", nullable = false, length = 255)
    private String name;

    @Column(name = "slug", nullable = false, length = 100)
    private String slug;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "settings", nullable = false)
    private Map<String, Object> settings;

    @Column(name = "subscription_plan", nullable = false, length = 50)
    private String subscriptionPlan;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** For Hibernate only: rows are loaded, never made. */
    protected Organization() {}

    /** Column {@code id}. */
    public UUID getId() {
        return id;
    }

    /** Column {@code name}. */
    public String getName() {
        return name;
    }

    /** Column {@code slug}. */
    public String getSlug() {
        return slug;
    }

    /** Column {@code settings}. */
    public Map<String, Object> getSettings() {
        return settings == null ? null : Collections.unmodifiableMap(settings);
    }

    /** Column {@code subscription_plan}. */
    public String getSubscriptionPlan() {
        return subscriptionPlan;
    }

    /** Column {@code created_at}. */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /** Column {@code updated_at}. */
    public Instant getUpdatedAt() {
        return updatedAt;
    }

    @Override
    public String toString() {
        return "Organization[" + id + "]";
    }
}
