package io.storesync.api.audit;

import io.storesync.api.Actor;
import org.jspecify.annotations.Nullable;

/**
 * Reads the organization's audit trail with keyset paging (newest first; pass the previous page's
 * {@link AuditPage#next()} as {@code before}). Needs an administrator. Thread-safe. Reading is not itself audited.
 */
public interface AuditTrail {

    /**
     * The changes to one entity.
     *
     * @param entityType for example {@code product}, {@code variant}, {@code store}, {@code location}, {@code member}
     * @param limit 1 to 1,000
     * @throws io.storesync.api.AccessDeniedException unless the actor administers the organization
     */
    AuditPage forEntity(String entityType, String entityId, @Nullable Long before, int limit);

    /**
     * The changes one actor made.
     *
     * @param limit 1 to 1,000
     * @throws io.storesync.api.AccessDeniedException unless the actor administers the organization
     */
    AuditPage forActor(Actor actor, @Nullable Long before, int limit);
}
