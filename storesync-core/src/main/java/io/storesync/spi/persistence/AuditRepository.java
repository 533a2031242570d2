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

    /**
     * Appends one row in the caller's transaction, so it commits or rolls back with the change it records. With a
     * subject and its snapshot from before the change, the row's {@code changes} get {@code before} and {@code after}
     * holding only the fields that differ between that snapshot and the subject now (personal data and secrets as
     * markers, never values), in place of the entry's own {@code after}; when nothing differs the entry is kept as is.
     */
    void append(Entry entry);

    /**
     * The subject as it is now, in a form only {@link #append} reads (personal data and secrets already reduced to
     * digests); null when it does not exist or this persistence keeps no snapshots.
     */
    default @Nullable String snapshot(Subject subject) {
        return null;
    }

    /** Rows about one entity, newest first, with a sequence below {@code before} when given; at most {@code limit}. */
    List<AuditEvent> forEntity(String entityType, String entityId, @Nullable Long before, int limit);

    /** Rows by one actor, newest first, with a sequence below {@code before} when given; at most {@code limit}. */
    List<AuditEvent> forActor(String actorKind, String actorId, @Nullable Long before, int limit);

    /**
     * What a call changes, read before and after it: {@code member}, {@code location}, {@code product},
     * {@code variant}, {@code listing}, {@code store} and {@code job} by their id; {@code stock}: a variant's items
     * at one or more locations (ids: the variant, then the locations); {@code retention}: the organization's settings.
     */
    record Subject(String kind, List<String> ids) {
        public Subject {
            ids = List.copyOf(ids);
        }
    }

    /**
     * One row to append.
     *
     * @param changesJson a JSON object
     * @param subject what the call changes, when it changes an existing row
     * @param before {@link #snapshot} of the subject at the start of the transaction
     */
    record Entry(Instant occurredAt, String actorKind, String actorId, String action, @Nullable String entityType,
            @Nullable String entityId, String changesJson, @Nullable String correlationId, @Nullable Subject subject,
            @Nullable String before) {}
}
