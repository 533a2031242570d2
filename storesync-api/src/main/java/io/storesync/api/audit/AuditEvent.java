package io.storesync.api.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One change made through the API.
 *
 * @param sequence the row's place in the trail; newer rows have larger numbers (the paging cursor)
 * @param occurredAt when the change was made (the engine's clock)
 * @param actorKind {@code member} or {@code system}
 * @param actorId the member's user id, or the system actor's name
 * @param action the API call, {@code <service>.<method>} (for example {@code catalogue.updateProduct})
 * @param entityType what was changed (for example {@code product}), when the call names or returns one entity
 * @param entityId its id
 * @param changes {@code request}: the call's arguments, and {@code after}: what it returned, as JSON values;
 *     secrets are reduced to {@code "[changed]"} and personal data to {@code "[personal data]"}
 * @param correlationId what the host passed with {@code Tenant.withCorrelationId}, if anything
 */
public record AuditEvent(long sequence, Instant occurredAt, String actorKind, String actorId, String action,
        @Nullable String entityType, @Nullable String entityId, Map<String, @Nullable Object> changes,
        @Nullable String correlationId) {
    public AuditEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actorKind, "actorKind");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(action, "action");
        changes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(changes));
    }
}
