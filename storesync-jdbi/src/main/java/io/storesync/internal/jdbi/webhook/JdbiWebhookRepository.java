package io.storesync.internal.jdbi.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import io.storesync.api.webhook.WebhookEndpoint;
import io.storesync.api.webhook.WebhookEndpointId;
import io.storesync.api.webhook.WebhookEventId;
import io.storesync.internal.jdbi.JdbiMappings;
import io.storesync.spi.persistence.StoredWebhookEvent;
import io.storesync.spi.persistence.WebhookRepository;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;
import org.jspecify.annotations.Nullable;

public final class JdbiWebhookRepository implements WebhookRepository {
    private final Handle handle;
    private final OrganizationId org;

    public JdbiWebhookRepository(Handle handle, OrganizationId org) {
        this.handle = handle;
        this.org = org;
    }

    /**
     * The body as JSON for {@code payload} (queries and dashboards); a body that is not JSON, or that jsonb cannot
     * hold, is kept only raw. The raw bytes are what the processing job parses. Only ever called on a verified body:
     * parsing what anyone may send before its signature is checked would be free work for an attacker.
     */
    private static String payload(ByteBuffer body) {
        try {
            JsonNode n = JdbiMappings.JSON.readTree(new ByteBufferInputStream(body.duplicate()));
            // serialised once: the same text is checked (jsonb refuses an escaped NUL) and bound
            String json = n == null || !(n.isObject() || n.isArray()) ? null : n.toString();
            if (json != null && !json.contains("\\u0000")) return json;
        } catch (java.io.IOException | RuntimeException e) {
            // not JSON: fall through
        }
        ObjectNode n = JdbiMappings.JSON.createObjectNode();
        n.put("unparsed", true);
        n.put("bytes", body.remaining());
        return n.toString();
    }

    private static JsonNode headers(Map<String, List<String>> headers) {
        ObjectNode n = JdbiMappings.JSON.createObjectNode();
        headers.forEach((k, v) -> {
            var array = n.putArray(k);
            v.forEach(array::add);
        });
        return n;
    }

    @Override
    public WebhookEndpoint insertEndpoint(WebhookEndpointId id, StoreId store, String url, List<String> eventTypes) {
        return handle.createQuery("INSERT INTO webhook_endpoints (id, organization_id, store_id, event_types, url)"
                        + " VALUES (:id, :org, :store, :types, :url)"
                        + " RETURNING id, store_id, event_types, url, is_active, created_at")
                .bind("id", id.value()).bind("org", org.value()).bind("store", store.value())
                .bind("types", eventTypes.toArray(new String[0])).bind("url", url)
                .map((rs, ctx) -> new WebhookEndpoint(new WebhookEndpointId(rs.getObject("id", UUID.class)),
                        new StoreId(rs.getObject("store_id", UUID.class)),
                        List.of((String[]) rs.getArray("event_types").getArray()), rs.getString("url"),
                        rs.getBoolean("is_active"), JdbiMappings.instant(rs, "created_at")))
                .one();
    }

    @Override
    public void deactivateEndpoints(StoreId store) {
        handle.createUpdate("UPDATE webhook_endpoints SET is_active = false WHERE organization_id = :org AND store_id = :store")
                .bind("org", org.value()).bind("store", store.value()).execute();
    }

    @Override
    public Optional<WebhookEventId> insert(StoreId store, @Nullable WebhookEndpointId endpoint, String dedupeKey, String eventType,
            Map<String, List<String>> headers, ByteBuffer body) {
        int size = body.remaining();
        return handle.createQuery("INSERT INTO webhook_events (organization_id, webhook_endpoint_id, store_id, event_type,"
                        + " payload, dedupe_key, headers, raw_body) VALUES (:org, :endpoint, :store, :type, CAST(:payload AS jsonb), :key,"
                        + " :headers, :body) ON CONFLICT DO NOTHING RETURNING id")
                .bind("org", org.value()).bindByType("endpoint", endpoint == null ? null : endpoint.value(), UUID.class).bind("store", store.value())
                .bind("type", eventType.length() > 100 ? eventType.substring(0, 100) : eventType)
                .bind("payload", payload(body)).bind("key", dedupeKey).bind("headers", headers(headers))
                // streamed from the engine's one copy of the body: no array is made for the driver
                .bind("body", (Argument) (position, statement, ctx) ->
                        statement.setBinaryStream(position, new ByteBufferInputStream(body.duplicate()), size))
                .map((rs, ctx) -> new WebhookEventId(rs.getObject(1, UUID.class))).findOne();
    }

    @Override
    public Optional<WebhookEventId> findByDedupeKey(StoreId store, String dedupeKey) {
        return handle.createQuery("SELECT id FROM webhook_events WHERE organization_id = :org AND store_id = :store"
                        + " AND dedupe_key = :key")
                .bind("org", org.value()).bind("store", store.value()).bind("key", dedupeKey)
                .map((rs, ctx) -> new WebhookEventId(rs.getObject(1, UUID.class))).findOne();
    }

    @Override
    public Optional<StoredWebhookEvent> find(WebhookEventId id) {
        return handle.createQuery("SELECT id, store_id, event_type, headers::text AS headers, raw_body, status"
                        + " FROM webhook_events WHERE organization_id = :org AND id = :id")
                .bind("org", org.value()).bind("id", id.value())
                .map((rs, ctx) -> {
                    // getBytes decodes the column into a new array on every call: once is enough
                    byte[] body = rs.getBytes("raw_body");
                    return new StoredWebhookEvent(id, new StoreId(rs.getObject("store_id", UUID.class)),
                            rs.getString("event_type"), readHeaders(rs.getString("headers")),
                            body == null ? new byte[0] : body, rs.getString("status"));
                })
                .findOne();
    }

    /** Reads a buffer (from its position to its limit) without copying it into an array first. */
    private static final class ByteBufferInputStream extends InputStream {
        private final ByteBuffer buffer;

        ByteBufferInputStream(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public int read() {
            return buffer.hasRemaining() ? buffer.get() & 0xff : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            java.util.Objects.checkFromIndexSize(offset, length, into.length);
            if (length == 0) return 0;
            if (!buffer.hasRemaining()) return -1;
            int n = Math.min(length, buffer.remaining());
            buffer.get(into, offset, n);
            return n;
        }

        @Override
        public int available() {
            return buffer.remaining();
        }
    }

    private static Map<String, List<String>> readHeaders(String json) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        JsonNode n = JdbiMappings.readTree(json);
        if (n == null) return out;
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            List<String> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asText()));
            out.put(e.getKey(), values);
        }
        return out;
    }

    @Override
    public void markProcessed(WebhookEventId id) {
        handle.createUpdate("UPDATE webhook_events SET status = 'processed', processed = true, processed_at = now(),"
                        + " error_message = NULL WHERE organization_id = :org AND id = :id")
                .bind("org", org.value()).bind("id", id.value()).execute();
    }

    @Override
    public void markFailed(WebhookEventId id, String error, boolean terminal) {
        handle.createUpdate("UPDATE webhook_events SET retry_count = retry_count + 1, error_message = :error,"
                        + " status = CASE WHEN :terminal THEN 'failed' ELSE status END"
                        + " WHERE organization_id = :org AND id = :id")
                .bind("error", error.length() > 4000 ? error.substring(0, 4000) : error).bind("terminal", terminal)
                .bind("org", org.value()).bind("id", id.value()).execute();
    }

    @Override
    public int purgeProcessed(Duration age) {
        return handle.createUpdate("DELETE FROM webhook_events WHERE organization_id = :org AND status = 'processed'"
                        + " AND processed_at < now() - make_interval(secs => :age)")
                .bind("org", org.value()).bind("age", (double) age.toSeconds()).execute();
    }
}
