package io.storesync.internal.jdbi.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.storesync.api.audit.AuditEvent;
import io.storesync.api.organization.OrganizationId;
import io.storesync.internal.jdbi.JdbiMappings;
import io.storesync.spi.persistence.AuditRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/** The trail lives in {@code audit_events} (V14): INSERT and SELECT only for the application role. */
public final class JdbiAuditRepository implements AuditRepository {
    private static final String COLUMNS = "seq, occurred_at, actor_kind, actor_id, action, entity_type, entity_id,"
            + " changes::text AS changes, correlation_id";
    private final Handle handle;
    private final UUID org;

    public JdbiAuditRepository(Handle handle, OrganizationId organizationId) {
        this.handle = handle;
        this.org = organizationId.value();
    }

    @Override
    public void append(Entry e) {
        handle.createUpdate("INSERT INTO audit_events (organization_id, occurred_at, actor_kind, actor_id, action,"
                        + " entity_type, entity_id, changes, correlation_id)"
                        + " VALUES (:org, :at, :kind, :actor, :action, :type, :id, CAST(:changes AS jsonb), :correlation)")
                .bind("org", org).bind("at", e.occurredAt()).bind("kind", e.actorKind()).bind("actor", cut(e.actorId()))
                .bind("action", cut(e.action())).bind("type", e.entityType()).bind("id", e.entityId() == null ? null : cut(e.entityId()))
                .bind("changes", e.changesJson()).bind("correlation", e.correlationId()).execute();
    }

    private static String cut(String v) {
        return v.length() > 255 ? v.substring(0, 255) : v;
    }

    @Override
    public List<AuditEvent> forEntity(String entityType, String entityId, @Nullable Long before, int limit) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM audit_events WHERE organization_id = :org"
                        + " AND entity_type = :type AND entity_id = :id AND (CAST(:before AS bigint) IS NULL OR seq < :before)"
                        + " ORDER BY seq DESC LIMIT :limit")
                .bind("org", org).bind("type", entityType).bind("id", entityId).bind("before", before)
                .bind("limit", limit).map((rs, ctx) -> row(rs)).list();
    }

    @Override
    public List<AuditEvent> forActor(String actorKind, String actorId, @Nullable Long before, int limit) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM audit_events WHERE organization_id = :org"
                        + " AND actor_kind = :kind AND actor_id = :actor AND (CAST(:before AS bigint) IS NULL OR seq < :before)"
                        + " ORDER BY seq DESC LIMIT :limit")
                .bind("org", org).bind("kind", actorKind).bind("actor", actorId).bind("before", before)
                .bind("limit", limit).map((rs, ctx) -> row(rs)).list();
    }

    private static AuditEvent row(ResultSet rs) throws SQLException {
        Map<String, @Nullable Object> changes;
        try {
            changes = JdbiMappings.JSON.readValue(rs.getString("changes"), new TypeReference<LinkedHashMap<String, @Nullable Object>>() {});
        } catch (JsonProcessingException e) {
            changes = Map.of();
        }
        Timestamp at = rs.getTimestamp("occurred_at");
        return new AuditEvent(rs.getLong("seq"), at.toInstant(), rs.getString("actor_kind"), rs.getString("actor_id"),
                rs.getString("action"), rs.getString("entity_type"), rs.getString("entity_id"), changes,
                rs.getString("correlation_id"));
    }
}
