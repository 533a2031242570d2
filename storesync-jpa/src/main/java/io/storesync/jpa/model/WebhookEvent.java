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
 * A delivery in the webhook inbox.
 *
 * <p>Read-only view of table {@code webhook_events}: no setters, {@code @Immutable}, and StoreSync's guard refuses to
 * persist, merge or remove it (writes go through the StoreSync API).
 */
@Entity
@Table(name = "webhook_events")
@Immutable
public class WebhookEvent implements ReadModelEntity {
    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @TenantId
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "webhook_endpoint_id", nullable = true)
    private UUID webhookEndpointId;

    @Column(name = "event_type", nullable = false, length = 100)
    private String eventType;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "payload", nullable = false)
    private Object payload;

    @Column(name = "processed", nullable = false)
    private boolean processed;

    @Column(name = "processed_at", nullable = true)
    private Instant processedAt;

    @Column(name = "error_message", nullable = true, columnDefinition = "text")
    private String errorMessage;

    @Column(name = "retry_count", nullable = false)
    private int retryCount;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "store_id", nullable = true)
    private UUID storeId;

    @Column(name = "dedupe_key", nullable = true, length = 255)
    private String dedupeKey;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "headers", nullable = true)
    private Map<String, Object> headers;

    @Column(name = "raw_body", nullable = true)
    private byte[] rawBody;

    @Column(name = "status", nullable = false, length = 20)
    private String status;

    /** For Hibernate only: rows are loaded, never made. */
    protected WebhookEvent() {}

    /** Column {@code id}. */
    public UUID getId() {
        return id;
    }

    /** Column {@code organization_id}. */
    public UUID getOrganizationId() {
        return organizationId;
    }

    /** Column {@code webhook_endpoint_id}. May be {@code null}. */
    public @Nullable UUID getWebhookEndpointId() {
        return webhookEndpointId;
    }

    /** Column {@code event_type}. */
    public String getEventType() {
        return eventType;
    }

    /** Column {@code payload}. A JSON value as Jackson reads it (maps, lists, strings, numbers, booleans). */
    public Object getPayload() {
        return payload;
    }

    /** Column {@code processed}. */
    public boolean isProcessed() {
        return processed;
    }

    /** Column {@code processed_at}. May be {@code null}. */
    public @Nullable Instant getProcessedAt() {
        return processedAt;
    }

    /** Column {@code error_message}. May be {@code null}. */
    public @Nullable String getErrorMessage() {
        return errorMessage;
    }

    /** Column {@code retry_count}. */
    public int getRetryCount() {
        return retryCount;
    }

    /** Column {@code created_at}. */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /** Column {@code store_id}. May be {@code null}. */
    public @Nullable UUID getStoreId() {
        return storeId;
    }

    /** Column {@code dedupe_key}. May be {@code null}. */
    public @Nullable String getDedupeKey() {
        return dedupeKey;
    }

    /** Column {@code headers}. May be {@code null}. */
    public Map<String, Object> getHeaders() {
        return headers == null ? null : Collections.unmodifiableMap(headers);
    }

    /** Column {@code raw_body}. May be {@code null}. */
    public byte[] getRawBody() {
        return rawBody == null ? null : rawBody.clone();
    }

    /** Column {@code status}. */
    public String getStatus() {
        return status;
    }

    @Override
    public String toString() {
        return "WebhookEvent[" + id + "]";
    }
}
