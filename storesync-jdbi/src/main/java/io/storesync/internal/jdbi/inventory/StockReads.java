package io.storesync.internal.jdbi.inventory;

import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.LocationStock;
import io.storesync.api.inventory.StockLevel;
import io.storesync.internal.jdbi.JdbiMappings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Stock levels and availability as they are now, and the facts about a variant or location a stock change checks
 * first.
 */
final class StockReads {
    static final String LEVEL_COLUMNS =
            "product_variant_id, location_id, quantity_on_hand, quantity_reserved, reorder_point, reorder_quantity, updated_at";
    static final RowMapper<StockLevel> LEVEL = (rs, ctx) -> new StockLevel(
            new VariantId(rs.getObject("product_variant_id", UUID.class)),
            new LocationId(rs.getObject("location_id", UUID.class)),
            rs.getInt("quantity_on_hand"), rs.getInt("quantity_reserved"), rs.getInt("reorder_point"),
            rs.getInt("reorder_quantity"), JdbiMappings.instant(rs, "updated_at"));

    private final Handle handle;
    private final UUID org;

    StockReads(Handle handle, UUID org) {
        this.handle = handle;
        this.org = org;
    }

    Optional<StockLevel> level(VariantId variant, LocationId location) {
        return handle.createQuery("SELECT " + LEVEL_COLUMNS + " FROM inventory_items"
                        + " WHERE organization_id = :org AND product_variant_id = :variant AND location_id = :location")
                .bind("org", org).bind("variant", variant.value()).bind("location", location.value())
                .map(LEVEL).findOne();
    }

    List<StockLevel> levels(VariantId variant) {
        return handle.createQuery("SELECT " + LEVEL_COLUMNS + " FROM inventory_items"
                        + " WHERE organization_id = :org AND product_variant_id = :variant ORDER BY location_id")
                .bind("org", org).bind("variant", variant.value())
                .map(LEVEL).list();
    }

    List<LocationStock> availability(VariantId variant) {
        return handle.createQuery("SELECT i.location_id, l.is_default, i.quantity_on_hand - i.quantity_reserved AS available"
                        + " FROM inventory_items i JOIN inventory_locations l"
                        + "   ON l.organization_id = i.organization_id AND l.id = i.location_id"
                        + " WHERE i.organization_id = :org AND i.product_variant_id = :variant AND l.is_active"
                        + "   AND i.quantity_on_hand > i.quantity_reserved")
                .bind("org", org).bind("variant", variant.value())
                .map((rs, ctx) -> new LocationStock(new LocationId(rs.getObject("location_id", UUID.class)),
                        rs.getBoolean("is_default"), rs.getInt("available")))
                .list();
    }

    Map<VariantId, List<LocationStock>> availability(Collection<VariantId> variants) {
        if (variants.isEmpty()) return Map.of();
        Map<VariantId, List<LocationStock>> byVariant = new HashMap<>();
        handle.createQuery("SELECT i.product_variant_id, i.location_id, l.is_default,"
                        + " i.quantity_on_hand - i.quantity_reserved AS available"
                        + " FROM inventory_items i JOIN inventory_locations l"
                        + "   ON l.organization_id = i.organization_id AND l.id = i.location_id"
                        + " WHERE i.organization_id = :org AND i.product_variant_id = ANY (:variants) AND l.is_active"
                        + "   AND i.quantity_on_hand > i.quantity_reserved")
                .bind("org", org).bindArray("variants", UUID.class, variants.stream().map(VariantId::value).toList())
                .map((rs, ctx) -> byVariant.computeIfAbsent(new VariantId(rs.getObject("product_variant_id", UUID.class)),
                        k -> new ArrayList<>()).add(new LocationStock(new LocationId(rs.getObject("location_id", UUID.class)),
                        rs.getBoolean("is_default"), rs.getInt("available"))))
                .list();
        return byVariant;
    }

    int[] activeTotals(VariantId variant) {
        return handle.createQuery("SELECT coalesce(sum(i.quantity_on_hand), 0) AS on_hand,"
                        + " coalesce(sum(i.quantity_reserved), 0) AS reserved"
                        + " FROM inventory_items i JOIN inventory_locations l"
                        + "   ON l.organization_id = i.organization_id AND l.id = i.location_id"
                        + " WHERE i.organization_id = :org AND i.product_variant_id = :variant AND l.is_active")
                .bind("org", org).bind("variant", variant.value())
                .map((rs, ctx) -> new int[] {rs.getInt("on_hand"), rs.getInt("reserved")})
                .one();
    }

    Optional<String> sku(VariantId variant) {
        return handle.createQuery("SELECT variant_sku FROM product_variants WHERE organization_id = :org AND id = :id")
                .bind("org", org).bind("id", variant.value()).mapTo(String.class).findOne();
    }

    boolean locationActive(LocationId location) {
        return handle.createQuery("SELECT EXISTS (SELECT 1 FROM inventory_locations"
                        + " WHERE organization_id = :org AND id = :id AND is_active)")
                .bind("org", org).bind("id", location.value()).mapTo(Boolean.class).one();
    }
}
