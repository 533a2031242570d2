package io.storesync.jpa.model;

import io.storesync.jpa.ReadModelEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * A webhook endpoint of a store. Its {@code secret} is not mapped.
 *
 * <p>Read-only view of table {@code webhook_endpoints}: no setters, {@code @Immutable}, and StoreSync's guard refuses to
 * persist, merge or remove it (writes go through the StoreSync API).
 */
@Entity
@Table(name = "webhook_endpoints")
@Immutable
public class WebhookEndpoint implements ReadModelEntity {
    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @TenantId
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "store_id", nullable = false)
    private UUID storeId;

    @Column(name = "platform_webhook_id", nullable = true, length = 255)
    private String platformWebhookId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "event_types", nullable = false)
    private List<String> eventTypes;

    @Column(name = "url", nullable = false, length = 500)
    private String url;

    @Column(name = "is_active", nullable = false)
    private boolean active;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** For Hibernate only: rows are loaded, never made. */
    protected WebhookEndpoint() {}

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

    /** Column {@code platform_webhook_id}. May be {@code null}. */
    public @Nullable String getPlatformWebhookId() {
        return platformWebhookId;
    }

    /** Column {@code event_types}. */
    public List<String> getEventTypes() {
        return eventTypes == null ? null : Collections.unmodifiableList(eventTypes);
    }

    /** Column {@code url}. */
    public String getUrl() {
        return url;
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
        return "WebhookEndpoint[" + id + "]";
    }
}
