package io.storesync.api.organization;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** A tenant: the seller's business. Everything else belongs to exactly one organization. */
public record Organization(OrganizationId id, String name, String slug, Map<String, Object> settings,
        String subscriptionPlan, Instant createdAt, Instant updatedAt) {
    public Organization {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(slug, "slug");
        settings = Map.copyOf(settings);
        Objects.requireNonNull(subscriptionPlan, "subscriptionPlan");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
