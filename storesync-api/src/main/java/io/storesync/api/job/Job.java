package io.storesync.api.job;

import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A sync job as stored: what it is, where it stands, its progress and its last error.
 *
 * @param attempt how many times a worker has started it (throttled runs are not counted)
 * @param outcome how a finished job ended: {@code succeeded}, {@code exhausted}, {@code rejected},
 *     {@code credentials_rejected}, {@code cancelled} or {@code superseded}
 */
public record Job(JobId id, OrganizationId organizationId, @Nullable StoreId storeId, JobType type,
        JobStatus status, int priority, Instant runAt, int attempt, int maxAttempts, int itemsTotal,
        int itemsProcessed, int itemsFailed, @Nullable String errorMessage, @Nullable String outcome,
        @Nullable String dedupeKey, Map<String, String> parameters, Instant createdAt, @Nullable Instant startedAt,
        @Nullable Instant completedAt) {
    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(runAt, "runAt");
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The store, for store jobs. */
    public Optional<StoreId> store() {
        return Optional.ofNullable(storeId);
    }

    /** The last error, if any. */
    public Optional<String> error() {
        return Optional.ofNullable(errorMessage);
    }
}
