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
import org.jdbi.v3.core.statement.SqlStatement;
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

    /**
     * Each subject's row(s) as one flat JSON object, without keys, timestamps that move on every write and the search
     * vector; personal data and secrets as digests, so a change shows without the value ({@link #MARKED}).
     */
    private static final Map<String, String> SNAPSHOTS = Map.of(
            "member", "SELECT to_jsonb(t) - ARRAY['id', 'organization_id', 'created_at', 'updated_at', 'last_active_at']"
                    + " || jsonb_build_object('email', md5(t.email), 'full_name', md5(coalesce(t.full_name, '')))"
                    + " FROM users t WHERE t.id = CAST(:id AS uuid)",
            "location", "SELECT to_jsonb(t) - ARRAY['id', 'organization_id', 'created_at']"
                    + " || jsonb_build_object('address', md5(coalesce(t.address::text, '')))"
                    + " FROM inventory_locations t WHERE t.id = CAST(:id AS uuid)",
            "product", "SELECT to_jsonb(t) - ARRAY['id', 'organization_id', 'created_at', 'updated_at', 'search_document']"
                    + " FROM products t WHERE t.id = CAST(:id AS uuid)",
            "variant", "SELECT to_jsonb(t) - ARRAY['id', 'organization_id', 'created_at', 'updated_at']"
                    + " FROM product_variants t WHERE t.id = CAST(:id AS uuid)",
            "listing", "SELECT to_jsonb(t) - ARRAY['id', 'organization_id', 'created_at', 'updated_at']"
                    + " FROM store_product_mappings t WHERE t.id = CAST(:id AS uuid)",
            "store", "SELECT to_jsonb(t) - ARRAY['id', 'organization_id', 'created_at', 'updated_at']"
                    + " || jsonb_build_object('credentials', md5(t.credentials::text)) FROM stores t WHERE t.id = CAST(:id AS uuid)",
            "job", "SELECT to_jsonb(t) - ARRAY['id', 'organization_id', 'created_at'] FROM sync_jobs t WHERE t.id = CAST(:id AS uuid)",
            // one location: the item's columns; several (a transfer): each prefixed with its location's id
            "stock", "SELECT jsonb_object_agg(CASE WHEN cardinality(CAST(:locations AS uuid[])) = 1 THEN e.key"
                    + " ELSE t.location_id || '.' || e.key END, e.value) FROM inventory_items t, jsonb_each(to_jsonb(t)"
                    + " - ARRAY['id', 'organization_id', 'product_variant_id', 'location_id', 'updated_at']) e"
                    + " WHERE t.product_variant_id = CAST(:id AS uuid) AND t.location_id = ANY (CAST(:locations AS uuid[]))",
            "retention", "SELECT to_jsonb(t) - ARRAY['organization_id', 'next_purge_at', 'updated_at']"
                    + " FROM retention_settings t WHERE t.organization_id = :org");
    /** Keys whose snapshot is a digest: a change is shown as this marker, never as a value. */
    private static final String MARKED = "CASE WHEN d.key IN ('email', 'full_name', 'address') THEN '\"[personal data]\"'::jsonb"
            + " WHEN d.key = 'credentials' THEN '\"[changed]\"'::jsonb ELSE %s END";

    @Override
    public @Nullable String snapshot(Subject subject) {
        String sql = SNAPSHOTS.get(subject.kind());
        if (sql == null) return null;
        return bindSubject(handle.createQuery(sql), sql, subject).mapTo(String.class).findOne().orElse(null);
    }

    /** Binds what {@code sql} names of the subject (JDBI refuses a binding a statement does not use). */
    private <S extends SqlStatement<S>> S bindSubject(S statement, String sql, Subject subject) {
        List<String> ids = subject.ids();
        if (sql.contains(":org")) statement.bind("org", org);
        if (sql.contains(":id")) statement.bind("id", ids.get(0));
        if (sql.contains(":locations")) statement.bind("locations", "{" + String.join(",", ids.subList(1, ids.size())) + "}");
        return statement;
    }

    @Override
    public void append(Entry e) {
        String sql = e.subject() == null ? null : SNAPSHOTS.get(e.subject().kind());
        // the subject now, the fields that differ from before, and the row, in one statement; when nothing differs
        // (a call that creates something under the subject) the entry's own "after" stays
        String changes = sql == null ? "CAST(:changes AS jsonb)"
                : "CASE WHEN NOT EXISTS (SELECT 1 FROM diff) THEN CAST(:changes AS jsonb) ELSE CAST(:changes AS jsonb)"
                        + " || jsonb_build_object("
                        + "'before', CASE WHEN jsonb_typeof(b.j) = 'object' THEN (SELECT jsonb_object_agg(d.key, "
                        + String.format(MARKED, "d.b") + ") FROM diff d) ELSE 'null'::jsonb END, "
                        + "'after', CASE WHEN jsonb_typeof(a.j) = 'object' THEN (SELECT jsonb_object_agg(d.key, "
                        + String.format(MARKED, "d.a") + ") FROM diff d) ELSE 'null'::jsonb END) END";
        String with = sql == null ? "" : "WITH b AS (SELECT coalesce(CAST(:before AS jsonb), 'null'::jsonb) AS j),"
                + " a AS (SELECT coalesce((" + sql + "), 'null'::jsonb) AS j),"
                + " diff AS (SELECT k.key, b.j -> k.key AS b, a.j -> k.key AS a FROM b, a, (SELECT jsonb_object_keys(j) AS key"
                + " FROM b WHERE jsonb_typeof(j) = 'object' UNION SELECT jsonb_object_keys(j) FROM a WHERE jsonb_typeof(j) = 'object') k"
                + " WHERE (b.j -> k.key) IS DISTINCT FROM (a.j -> k.key)) ";
        var update = handle.createUpdate(with + "INSERT INTO audit_events (organization_id, occurred_at, actor_kind,"
                        + " actor_id, action, entity_type, entity_id, changes, correlation_id)"
                        + " SELECT :org, :at, :kind, :actor, :action, :type, :entityId, " + changes + ", :correlation"
                        + (sql == null ? "" : " FROM b, a"))
                .bind("org", org).bind("at", e.occurredAt()).bind("kind", e.actorKind()).bind("actor", cut(e.actorId()))
                .bind("action", cut(e.action())).bind("type", e.entityType())
                .bind("entityId", e.entityId() == null ? null : cut(e.entityId()))
                .bind("changes", e.changesJson()).bind("correlation", e.correlationId());
        if (sql != null) bindSubject(update, sql, e.subject()).bind("before", e.before());
        update.execute();
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
