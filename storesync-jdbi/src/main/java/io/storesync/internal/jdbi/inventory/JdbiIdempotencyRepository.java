package io.storesync.internal.jdbi.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storesync.api.ConflictException;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.Allocation;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.StockLevel;
import io.storesync.api.inventory.StockResult;
import io.storesync.api.organization.OrganizationId;
import io.storesync.internal.jdbi.JdbiMappings;
import io.storesync.spi.persistence.IdempotencyRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Keys live in {@code stock_idempotency_keys}; results are stored as JSON in a shape this class owns. */
public final class JdbiIdempotencyRepository implements IdempotencyRepository {
    private final Handle handle;
    private final UUID org;

    public JdbiIdempotencyRepository(Handle handle, OrganizationId organizationId) {
        this.handle = handle;
        this.org = organizationId.value();
    }

    @Override
    public Optional<StockResult> claim(String key, String fingerprint) {
        // a concurrent first attempt holds the key's index entry: this insert waits for it to commit or roll back
        boolean claimed = handle.createQuery("INSERT INTO stock_idempotency_keys (organization_id, idempotency_key, fingerprint)"
                        + " VALUES (:org, :key, :fingerprint) ON CONFLICT DO NOTHING RETURNING true")
                .bind("org", org).bind("key", key).bind("fingerprint", fingerprint)
                .mapTo(Boolean.class).findOne().isPresent();
        if (claimed) return Optional.empty();
        var stored = handle.createQuery("SELECT fingerprint, result::text AS result FROM stock_idempotency_keys"
                        + " WHERE organization_id = :org AND idempotency_key = :key")
                .bind("org", org).bind("key", key)
                .map((rs, ctx) -> new String[] {rs.getString("fingerprint"), rs.getString("result")})
                .one();
        if (!stored[0].equals(fingerprint) || stored[1] == null) {
            throw new ConflictException("idempotency key '" + key + "' was already used for a different stock operation");
        }
        return Optional.of(read(JdbiMappings.readTree(stored[1])));
    }

    @Override
    public void complete(String key, StockResult result) {
        handle.createUpdate("UPDATE stock_idempotency_keys SET result = :result"
                        + " WHERE organization_id = :org AND idempotency_key = :key")
                .bind("org", org).bind("key", key).bindByType("result", write(result), JsonNode.class)
                .execute();
    }

    private static JsonNode write(StockResult result) {
        ObjectNode root = JdbiMappings.JSON.createObjectNode();
        ArrayNode allocations = root.putArray("allocations");
        for (Allocation a : result.allocations()) {
            allocations.addObject().put("location", a.locationId().toString()).put("quantity", a.quantity());
        }
        ArrayNode levels = root.putArray("levels");
        for (StockLevel l : result.levels()) {
            levels.addObject().put("variant", l.variantId().toString()).put("location", l.locationId().toString())
                    .put("onHand", l.onHand()).put("reserved", l.reserved()).put("reorderPoint", l.reorderPoint())
                    .put("reorderQuantity", l.reorderQuantity()).put("updatedAt", l.updatedAt().toString());
        }
        return root;
    }

    private static StockResult read(JsonNode root) {
        List<Allocation> allocations = new ArrayList<>();
        for (JsonNode a : root.path("allocations")) {
            allocations.add(new Allocation(LocationId.of(a.get("location").asText()), a.get("quantity").asInt()));
        }
        List<StockLevel> levels = new ArrayList<>();
        for (JsonNode l : root.path("levels")) {
            levels.add(new StockLevel(VariantId.of(l.get("variant").asText()), LocationId.of(l.get("location").asText()),
                    l.get("onHand").asInt(), l.get("reserved").asInt(), l.get("reorderPoint").asInt(),
                    l.get("reorderQuantity").asInt(), Instant.parse(l.get("updatedAt").asText())));
        }
        return new StockResult(allocations, levels, false);
    }
}
