package io.storesync.jpa.model;

import io.storesync.jpa.ReadModelEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.jspecify.annotations.Nullable;

/**
 * A shared rate-limit bucket (no tenant: the row names no organization or store; no row-level security).
 *
 * <p>Read-only view of table {@code rate_limit_buckets}: no setters, {@code @Immutable}, and StoreSync's guard refuses to
 * persist, merge or remove it (writes go through the StoreSync API).
 */
@Entity
@Table(name = "rate_limit_buckets")
@Immutable
public class RateLimitBucket implements ReadModelEntity {
    @Id
    @Column(name = "id", nullable = false, updatable = false, columnDefinition = "text")
    private String id;

    @Column(name = "state", nullable = true)
    private byte[] state;

    /** For Hibernate only: rows are loaded, never made. */
    protected RateLimitBucket() {}

    /** Column {@code id}. */
    public String getId() {
        return id;
    }

    /** Column {@code state}. May be {@code null}. */
    public byte[] getState() {
        return state == null ? null : state.clone();
    }

    @Override
    public String toString() {
        return "RateLimitBucket[" + id + "]";
    }
}
