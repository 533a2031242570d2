package io.storesync.internal.jdbi.inventory;

import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.MovementType;
import io.storesync.api.inventory.ReorderSuggestion;
import io.storesync.api.inventory.StockMovement;
import io.storesync.api.organization.UserId;
import io.storesync.internal.jdbi.DbCodes;
import io.storesync.internal.jdbi.JdbiMappings;
import io.storesync.spi.persistence.Keyset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** What the ledger and reorder points say over time: the reorder report and a variant's movements. */
final class StockReports {
    private static final Keyset MOVEMENTS = new Keyset("stock movements");
    private final Handle handle;
    private final UUID org;

    StockReports(Handle handle, UUID org) {
        this.handle = handle;
        this.org = org;
    }

    List<ReorderSuggestion> reorderReport() {
        // suggest the configured reorder quantity, or at least enough to get back above the reorder point
        return handle.createQuery("SELECT i.product_variant_id, i.location_id, i.quantity_on_hand, i.quantity_reserved,"
                        + " i.reorder_point, i.reorder_quantity, i.updated_at, v.variant_sku,"
                        + " greatest(i.reorder_quantity, i.reorder_point - (i.quantity_on_hand - i.quantity_reserved) + 1) AS suggested"
                        + " FROM inventory_items i"
                        + " JOIN inventory_locations l ON l.organization_id = i.organization_id AND l.id = i.location_id"
                        + " JOIN product_variants v ON v.organization_id = i.organization_id AND v.id = i.product_variant_id"
                        + " WHERE i.organization_id = :org AND i.reorder_point > 0 AND l.is_active AND v.is_active"
                        + "   AND i.quantity_on_hand - i.quantity_reserved <= i.reorder_point"
                        + " ORDER BY (i.quantity_on_hand - i.quantity_reserved) - i.reorder_point, v.variant_sku, i.location_id"
                        + " LIMIT :limit")
                .bind("org", org).bind("limit", ReorderSuggestion.REPORT_LIMIT)
                .map((rs, ctx) -> new ReorderSuggestion(StockReads.LEVEL.map(rs, ctx), rs.getString("variant_sku"), rs.getInt("suggested")))
                .list();
    }

    Page<StockMovement> movements(VariantId variant, PageRequest page) {
        // newest first, continuing below the last movement seen: movements written meanwhile are newer
        Optional<List<String>> after = MOVEMENTS.after(page, 2);
        var query = handle.createQuery("SELECT t.id, i.product_variant_id, i.location_id, t.transaction_type,"
                        + " t.quantity_change, t.reserved_change, t.reference_type, t.reference_id, t.notes, t.created_by, t.created_at"
                        + " FROM inventory_transactions t JOIN inventory_items i"
                        + " ON i.organization_id = t.organization_id AND i.id = t.inventory_item_id"
                        + " WHERE t.organization_id = :org AND i.product_variant_id = :variant"
                        + (after.isPresent() ? " AND (t.created_at, t.id) < (:afterAt, :afterId)" : "")
                        + " ORDER BY t.created_at DESC, t.id DESC LIMIT :limit")
                .bind("org", org).bind("variant", variant.value()).bind("limit", page.size() + 1);
        after.ifPresent(k -> query.bind("afterAt", MOVEMENTS.instant(k.get(0))).bind("afterId", MOVEMENTS.uuid(k.get(1))));
        List<StockMovement> rows = query
                .map((rs, ctx) -> {
                    UUID by = rs.getObject("created_by", UUID.class);
                    return new StockMovement(rs.getObject("id", UUID.class),
                            new VariantId(rs.getObject("product_variant_id", UUID.class)),
                            new LocationId(rs.getObject("location_id", UUID.class)),
                            DbCodes.parse(MovementType.class, rs.getString("transaction_type")),
                            rs.getInt("quantity_change"), rs.getInt("reserved_change"), rs.getString("reference_type"),
                            rs.getObject("reference_id", UUID.class), rs.getString("notes"),
                            by == null ? null : new UserId(by), JdbiMappings.instant(rs, "created_at"));
                })
                .list();
        return MOVEMENTS.page(page, rows, m -> List.of(m.createdAt().toString(), m.id().toString()), m -> m,
                () -> handle.createQuery("SELECT count(*) FROM inventory_transactions t JOIN inventory_items i"
                                + " ON i.organization_id = t.organization_id AND i.id = t.inventory_item_id"
                                + " WHERE t.organization_id = :org AND i.product_variant_id = :variant")
                        .bind("org", org).bind("variant", variant.value()).mapTo(Long.class).one());
    }
}
