package io.storesync.spi.persistence;

import io.storesync.api.audit.AuditEvent;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The organization's append-only audit trail. Same contract as {@link ProductRepository}: the transaction's thread
 * only, may block, only the transaction's organization, failures are StoreSync exceptions.
 */
public interface AuditRepository {

    /** Appends one row in the caller's transaction, so it commits or rolls back with the change it records. */
    void append(Entry entry);

    /** Rows about one entity, newest first, with a sequence below {@code before} when given; at most {@code limit}. */
    List<AuditEvent> forEntity(String entityType, String entityId, @Nullable Long before, int limit);

    /** Rows by one actor, newest first, with a sequence below {@code before} when given; at most {@code limit}. */
    List<AuditEvent> forActor(String actorKind, String actorId, @Nullable Long before, int limit);

    /**
     * One row to append.
     *
     * @param changesJson a JSON object
     */
    record Entry(Instant occurredAt, String actorKind, String actorId, String action, @Nullable String entityType,
            @Nullable String entityId, String changesJson, @Nullable String correlationId) {}
}
