package io.storesync.internal.jdbi.compliance;

import io.storesync.api.compliance.ErasureResult;
import io.storesync.api.organization.OrganizationId;
import io.storesync.spi.persistence.PersonalDataRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * A buyer's orders are those with a value in {@code customer_info} equal (case-insensitive) to an identifier. Erasure
 * collects every value of those orders' customer details (name, address lines, phone...) and replaces each wherever it
 * appears in the tenant's orders, webhook deliveries and logs; amounts, lines, statuses and the ledger are untouched.
 */
public final class JdbiPersonalDataRepository implements PersonalDataRepository {
    /** The buyer's orders: any string or number leaf of customer_info equals an identifier. */
    private static final String MATCHES = "EXISTS (SELECT 1 FROM jsonb_path_query(o.customer_info, 'strict $.**') v"
            + " WHERE jsonb_typeof(v) IN ('string', 'number') AND lower(btrim(v #>> '{}')) = ANY (:ids))";
    /** Values shorter than this are not replaced inside other text (they would hit unrelated words and numbers). */
    private static final int MIN_VALUE = 4;
    private final Handle handle;
    private final UUID org;

    public JdbiPersonalDataRepository(Handle handle, OrganizationId organizationId) {
        this.handle = handle;
        this.org = organizationId.value();
    }

    @Override
    public String export(List<String> identifiers) {
        String[] ids = identifiers.toArray(String[]::new);
        String[] patterns = identifiers.stream().map(JdbiPersonalDataRepository::like).toArray(String[]::new);
        return handle.createQuery("SELECT jsonb_build_object("
                        + " 'orders', coalesce((SELECT jsonb_agg(to_jsonb(o) || jsonb_build_object('lines', coalesce((SELECT"
                        + "   jsonb_agg(to_jsonb(i) ORDER BY i.created_at, i.id) FROM order_items i WHERE i.organization_id = o.organization_id"
                        + "   AND i.order_id = o.id), '[]'::jsonb)) ORDER BY o.ordered_at)"
                        + "   FROM orders o WHERE o.organization_id = :org AND " + MATCHES + "), '[]'::jsonb),"
                        + " 'webhookEvents', coalesce((SELECT jsonb_agg(jsonb_build_object('id', w.id, 'eventType', w.event_type,"
                        + "   'receivedAt', w.created_at, 'payload', w.payload) ORDER BY w.created_at) FROM webhook_events w"
                        + "   WHERE w.organization_id = :org AND lower(w.payload::text) LIKE ANY (:patterns)), '[]'::jsonb),"
                        + " 'logLines', coalesce((SELECT jsonb_agg(jsonb_build_object('at', l.created_at, 'level', l.level,"
                        + "   'message', l.message, 'details', l.details) ORDER BY l.created_at) FROM sync_logs l"
                        + "   WHERE l.organization_id = :org AND (lower(l.message) LIKE ANY (:patterns)"
                        + "   OR lower(coalesce(l.details::text, '')) LIKE ANY (:patterns))), '[]'::jsonb))::text")
                .bind("org", org).bind("ids", ids).bind("patterns", patterns).mapTo(String.class).one();
    }

    private static String like(String v) {
        return "%" + v.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /**
     * Erases the buyer's orders' personal data, and every value those orders held wherever it appears in rows that
     * are the buyer's. A value is <em>shared</em> when the customer details of an order that is not the buyer's hold
     * it too (a household's phone or address): it is the other buyer's data as well. A webhook event, log line or job
     * error is the buyer's when it mentions a value that is not shared (or an identifier asked for); in those rows
     * every value of the buyer's is replaced, shared ones included. Rows that mention only shared values are the
     * other buyer's and stay as they are.
     */
    @Override
    public ErasureResult erase(List<String> identifiers, boolean remember) {
        String[] ids = identifiers.toArray(String[]::new);
        // every value the buyer's orders hold about them, besides the identifiers asked for
        Set<String> values = new LinkedHashSet<>(identifiers);
        values.addAll(handle.createQuery("SELECT DISTINCT btrim(v #>> '{}') FROM orders o,"
                        + " jsonb_path_query(o.customer_info, 'strict $.**') v"
                        + " WHERE o.organization_id = :org AND jsonb_typeof(v) IN ('string', 'number') AND " + MATCHES)
                .bind("org", org).bind("ids", ids).mapTo(String.class).list());
        values.removeIf(v -> v.length() < MIN_VALUE && !identifiers.contains(v.toLowerCase(Locale.ROOT)));
        Set<String> shared = new java.util.HashSet<>(handle.createQuery("SELECT DISTINCT lower(btrim(v #>> '{}')) FROM orders o,"
                        + " jsonb_path_query(o.customer_info, 'strict $.**') v WHERE o.organization_id = :org"
                        + " AND jsonb_typeof(v) IN ('string', 'number') AND lower(btrim(v #>> '{}')) = ANY (:values)"
                        + " AND NOT " + MATCHES)
                .bind("org", org).bind("ids", ids)
                .bind("values", values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toArray(String[]::new))
                .mapTo(String.class).list());
        shared.removeAll(identifiers);
        int orders = handle.createUpdate("UPDATE orders o SET customer_info = '{\"erased\": true}'::jsonb, notes = NULL,"
                        + " platform_data = '{}'::jsonb WHERE o.organization_id = :org AND " + MATCHES)
                .bind("org", org).bind("ids", ids).execute();
        // which rows are the buyer's: those that mention a value only the buyer has
        Set<UUID> events = new java.util.HashSet<>();
        Set<UUID> logs = new java.util.HashSet<>();
        Set<UUID> jobs = new java.util.HashSet<>();
        for (String value : values) {
            if (shared.contains(value.toLowerCase(Locale.ROOT))) continue;
            events.addAll(handle.createQuery("SELECT id FROM webhook_events WHERE organization_id = :org"
                            + " AND (strpos(lower(payload::text), lower(:json)) > 0"
                            + " OR strpos(lower(encode(coalesce(raw_body, ''::bytea), 'escape')), lower(:v)) > 0"
                            + " OR strpos(lower(coalesce(error_message, '')), lower(:v)) > 0)")
                    .bind("org", org).bind("v", value).bind("json", jsonEscape(value)).mapTo(UUID.class).list());
            logs.addAll(handle.createQuery("SELECT id FROM sync_logs WHERE organization_id = :org"
                            + " AND (strpos(lower(message), lower(:v)) > 0 OR strpos(lower(coalesce(details::text, '')), lower(:json)) > 0)")
                    .bind("org", org).bind("v", value).bind("json", jsonEscape(value)).mapTo(UUID.class).list());
            jobs.addAll(handle.createQuery("SELECT id FROM sync_jobs WHERE organization_id = :org"
                            + " AND strpos(lower(coalesce(error_message, '')), lower(:v)) > 0")
                    .bind("org", org).bind("v", value).mapTo(UUID.class).list());
        }
        // in those rows, every value of the buyer's, shared or not
        UUID[] eventIds = events.toArray(UUID[]::new);
        UUID[] logIds = logs.toArray(UUID[]::new);
        UUID[] jobIds = jobs.toArray(UUID[]::new);
        if (eventIds.length > 0) {
            handle.createUpdate("UPDATE webhook_events SET raw_body = NULL, headers = NULL WHERE organization_id = :org"
                    + " AND id = ANY (:ids)").bind("org", org).bind("ids", eventIds).execute();
        }
        for (String value : values) {
            // in JSON text the value appears escaped: match that spelling, case-insensitive
            String inJson = jsonEscape(value);
            if (eventIds.length > 0) {
                handle.createUpdate("UPDATE webhook_events SET payload = CAST(regexp_replace(payload::text, :jre, '[erased]', 'gi')"
                                + " AS jsonb), error_message = regexp_replace(error_message, :re, '[erased]', 'gi')"
                                + " WHERE organization_id = :org AND id = ANY (:ids)")
                        .bind("org", org).bind("ids", eventIds).bind("jre", regex(inJson)).bind("re", regex(value)).execute();
            }
            if (logIds.length > 0) {
                handle.createUpdate("UPDATE sync_logs SET message = regexp_replace(message, :re, '[erased]', 'gi'),"
                                + " details = CAST(regexp_replace(details::text, :jre, '[erased]', 'gi') AS jsonb)"
                                + " WHERE organization_id = :org AND id = ANY (:ids)")
                        .bind("org", org).bind("ids", logIds).bind("re", regex(value)).bind("jre", regex(inJson)).execute();
            }
            if (jobIds.length > 0) {
                handle.createUpdate("UPDATE sync_jobs SET error_message = regexp_replace(error_message, :re, '[erased]', 'gi')"
                                + " WHERE organization_id = :org AND id = ANY (:ids)")
                        .bind("org", org).bind("ids", jobIds).bind("re", regex(value)).execute();
            }
        }
        if (remember) {
            for (String id : identifiers) {
                handle.createUpdate("INSERT INTO erased_buyers (organization_id, fingerprint) VALUES (:org, :f)"
                                + " ON CONFLICT DO NOTHING").bind("org", org).bind("f", sha256(id)).execute();
            }
        }
        return new ErasureResult(orders, events.size(), logs.size() + jobs.size(), remember);
    }

    private static String regex(String v) {
        return v.replaceAll("([.*+?^${}()|\\[\\]\\\\])", "\\\\$1");
    }

    private static String jsonEscape(String v) {
        StringBuilder s = new StringBuilder();
        for (char c : v.toCharArray()) {
            if (c == '"' || c == '\\') s.append('\\').append(c);
            else if (c < 0x20) s.append(String.format("\\u%04x", (int) c));
            else s.append(c);
        }
        return s.toString();
    }

    static String sha256(String v) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(v.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
