package io.storesync.internal.jdbi.inventory;

import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.StockLevel;
import io.storesync.api.organization.UserId;
import io.storesync.internal.jdbi.DbCodes;
import io.storesync.spi.persistence.InventoryRepository.Reservation;
import io.storesync.spi.persistence.LedgerNote;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Stock changes as single conditional statements: the item update, its ledger row and the propagation mark are
 * data-modifying CTEs of one statement, so the row lock is held only for that statement and the commit, and a failed
 * condition writes nothing at all.
 */
final class StockChanges {
    private static final String LEDGER = "ledger AS (INSERT INTO inventory_transactions (organization_id, inventory_item_id,"
            + " transaction_type, quantity_change, reserved_change, reference_type, reference_id, notes, created_by)"
            + " SELECT organization_id, id, :type, %s, %s, :refType, :refId, :note, :createdBy FROM item %s)";
    private static final String MARK = "mark AS (INSERT INTO stock_changes (organization_id, product_variant_id)"
            + " SELECT organization_id, product_variant_id FROM item %s"
            + " ON CONFLICT (organization_id, product_variant_id) DO UPDATE SET changed_at = now())";
    private static final String RETURNING = " RETURNING id, organization_id, " + StockReads.LEVEL_COLUMNS;

    private final Handle handle;
    private final UUID org;

    StockChanges(Handle handle, UUID org) {
        this.handle = handle;
        this.org = org;
    }

    void lockItems(VariantId variant, Collection<LocationId> locations) {
        // sorted, so that concurrent callers also create missing rows in one order
        List<UUID> sorted = locations.stream().map(LocationId::value).distinct().sorted().toList();
        handle.createUpdate("INSERT INTO inventory_items (organization_id, product_variant_id, location_id)"
                        + " SELECT :org, :variant, l FROM unnest(:locations) WITH ORDINALITY AS u(l, ord) ORDER BY ord"
                        + " ON CONFLICT (product_variant_id, location_id) DO NOTHING")
                .bind("org", org).bind("variant", variant.value()).bindArray("locations", UUID.class, sorted)
                .execute();
        handle.createQuery("SELECT id FROM inventory_items WHERE organization_id = :org AND product_variant_id = :variant"
                        + " AND location_id = ANY (:locations) ORDER BY location_id FOR UPDATE")
                .bind("org", org).bind("variant", variant.value()).bindArray("locations", UUID.class, sorted)
                .mapTo(UUID.class).list();
    }

    StockLevel addOnHand(VariantId variant, LocationId location, int quantity, LedgerNote note) {
        String sql = "WITH item AS (INSERT INTO inventory_items (organization_id, product_variant_id, location_id, quantity_on_hand)"
                + " VALUES (:org, :variant, :location, :qty)"
                + " ON CONFLICT (product_variant_id, location_id)"
                + " DO UPDATE SET quantity_on_hand = inventory_items.quantity_on_hand + EXCLUDED.quantity_on_hand"
                + RETURNING + "), "
                + String.format(LEDGER, ":qty", "0", "") + ", " + String.format(MARK, "")
                + " SELECT * FROM item";
        return statement(sql, variant, location, quantity, note).map(StockReads.LEVEL).one();
    }

    Optional<StockLevel> removeAvailable(VariantId variant, LocationId location, int quantity, LedgerNote note) {
        return conditional("quantity_on_hand = quantity_on_hand - :qty",
                "quantity_on_hand - quantity_reserved >= :qty", "-:qty", "0", true, variant, location, quantity, note);
    }

    Optional<StockLevel> reserve(VariantId variant, LocationId location, int quantity, LedgerNote note) {
        return conditional("quantity_reserved = quantity_reserved + :qty",
                "quantity_on_hand - quantity_reserved >= :qty AND EXISTS (SELECT 1 FROM inventory_locations l"
                        + " WHERE l.organization_id = :org AND l.id = :location AND l.is_active FOR SHARE)",
                "0", ":qty", true, variant, location, quantity, note);
    }

    List<Optional<StockLevel>> reserveAll(List<Reservation> reservations) {
        if (reservations.isEmpty()) return List.of();
        int n = reservations.size();
        List<UUID> variants = new ArrayList<>(n), locations = new ArrayList<>(n);
        for (Reservation r : reservations) {
            variants.add(r.variant().value());
            locations.add(r.location().value());
        }
        LedgerRows rows = new LedgerRows(reservations);
        // the items are locked first in the one global order (variant, then location) that every multi-item change
        // follows, before the update (whose join order is the planner's) and before any propagation mark; a single
        // item needs no order (the hot-SKU burst of one-line orders pays no extra round trip)
        long items = java.util.stream.IntStream.range(0, n).mapToObj(i -> variants.get(i) + "/" + locations.get(i)).distinct().count();
        if (items > 1) handle.createQuery("SELECT i.id FROM inventory_items i JOIN unnest(:variants, :locations) AS r(variant, location)"
                        + " ON i.product_variant_id = r.variant AND i.location_id = r.location WHERE i.organization_id = :org"
                        + " ORDER BY i.product_variant_id, i.location_id FOR UPDATE OF i")
                .bind("org", org).bindArray("variants", UUID.class, variants).bindArray("locations", UUID.class, locations)
                .mapTo(UUID.class).list();
        // requests on one item are summed into one conditional update (a row is updated once per statement); the
        // condition holds for their sum or none of them applies, and each request still gets its own ledger row
        String sql = "WITH req AS (SELECT * FROM unnest(:variants, :locations, :quantities, :types, :refTypes, :refIds,"
                + " :notes, :by) WITH ORDINALITY AS r(variant, location, qty, type, ref_type, ref_id, note, created_by, ord)),"
                + " total AS (SELECT variant, location, sum(qty)::int AS qty FROM req GROUP BY variant, location),"
                + " item AS (UPDATE inventory_items i SET quantity_reserved = i.quantity_reserved + t.qty FROM total t"
                + "   WHERE i.organization_id = :org AND i.product_variant_id = t.variant AND i.location_id = t.location"
                + "     AND i.quantity_on_hand - i.quantity_reserved >= t.qty"
                + "     AND EXISTS (SELECT 1 FROM inventory_locations l WHERE l.organization_id = :org AND l.id = t.location"
                + "       AND l.is_active FOR SHARE)"
                + "   RETURNING i.id, i.organization_id, i.product_variant_id, i.location_id, i.quantity_on_hand,"
                + "     i.quantity_reserved, i.reorder_point, i.reorder_quantity, i.updated_at),"
                + " applied AS (SELECT item.*, r.ord, r.qty, r.type, r.ref_type, r.ref_id, r.note, r.created_by FROM item"
                + "   JOIN req r ON r.variant = item.product_variant_id AND r.location = item.location_id),"
                + " ledger AS (INSERT INTO inventory_transactions (organization_id, inventory_item_id, transaction_type,"
                + "   quantity_change, reserved_change, reference_type, reference_id, notes, created_by)"
                + "   SELECT organization_id, id, type, 0, qty, ref_type, ref_id, note, created_by FROM applied),"
                + " mark AS (INSERT INTO stock_changes (organization_id, product_variant_id)"
                + "   SELECT DISTINCT organization_id, product_variant_id FROM item ORDER BY product_variant_id"
                + "   ON CONFLICT (organization_id, product_variant_id) DO UPDATE SET changed_at = now())"
                + " SELECT * FROM applied";
        List<Optional<StockLevel>> results = new ArrayList<>(java.util.Collections.nCopies(n, Optional.empty()));
        rows.bindTo(handle.createQuery(sql).bind("org", org)
                        .bindArray("variants", UUID.class, variants).bindArray("locations", UUID.class, locations))
                .map((rs, ctx) -> results.set((int) rs.getLong("ord") - 1, Optional.of(StockReads.LEVEL.map(rs, ctx))))
                .list();
        return results;
    }

    /**
     * One statement for a round of reservations of one item: the item locked and read (after the location's share
     * lock, as {@link #reserve} takes them), each request decided in turn by a recursive CTE on what the earlier ones
     * left (a window sum cannot skip a request that does not fit), the applied total in one update that re-checks
     * the condition, a ledger row per applied request and one propagation mark.
     */
    List<Optional<StockLevel>> reserveInTurn(List<Reservation> reservations) {
        if (reservations.isEmpty()) return List.of();
        VariantId variant = reservations.get(0).variant();
        LocationId location = reservations.get(0).location();
        int n = reservations.size();
        for (Reservation r : reservations) {
            if (!r.variant().equals(variant) || !r.location().equals(location)) {
                throw new IllegalArgumentException("reservations in turn must all be on one item");
            }
        }
        LedgerRows rows = new LedgerRows(reservations);
        String sql = "WITH RECURSIVE req AS MATERIALIZED (SELECT * FROM unnest(:quantities, :types, :refTypes, :refIds,"
                + " :notes, :by) WITH ORDINALITY AS r(qty, type, ref_type, ref_id, note, created_by, ord)),"
                + " old AS MATERIALIZED (SELECT i.id, i.quantity_on_hand, i.quantity_reserved FROM inventory_items i"
                + "   WHERE i.organization_id = :org AND i.product_variant_id = :variant AND i.location_id = :location"
                + "     AND EXISTS (SELECT 1 FROM inventory_locations l WHERE l.organization_id = :org AND l.id = :location"
                + "       AND l.is_active FOR SHARE)"
                + "   FOR UPDATE OF i),"
                // turn k: reserved after requests 1..k, and whether request k was applied
                + " turn (ord, reserved, applied) AS (SELECT 0::bigint, o.quantity_reserved, false FROM old o"
                + "   UNION ALL SELECT r.ord, t.reserved + CASE WHEN o.quantity_on_hand - t.reserved >= r.qty THEN r.qty ELSE 0 END,"
                + "     o.quantity_on_hand - t.reserved >= r.qty FROM turn t JOIN req r ON r.ord = t.ord + 1 CROSS JOIN old o),"
                + " took AS MATERIALIZED (SELECT r.*, t.reserved FROM turn t JOIN req r ON r.ord = t.ord WHERE t.applied),"
                + " item AS (UPDATE inventory_items i SET quantity_reserved = i.quantity_reserved + a.total"
                + "   FROM old o, (SELECT sum(qty)::int AS total FROM took) a"
                + "   WHERE i.id = o.id AND a.total > 0 AND i.quantity_on_hand - i.quantity_reserved >= a.total"
                + "   RETURNING i.id, i.organization_id, i.product_variant_id, i.location_id, i.quantity_on_hand,"
                + "     i.reorder_point, i.reorder_quantity, i.updated_at),"
                + " ledger AS (INSERT INTO inventory_transactions (organization_id, inventory_item_id, transaction_type,"
                + "   quantity_change, reserved_change, reference_type, reference_id, notes, created_by)"
                + "   SELECT item.organization_id, item.id, took.type, 0, took.qty, took.ref_type, took.ref_id, took.note,"
                + "     took.created_by FROM item, took ORDER BY took.ord),"
                + " mark AS (INSERT INTO stock_changes (organization_id, product_variant_id)"
                + "   SELECT organization_id, product_variant_id FROM item"
                + "   ON CONFLICT (organization_id, product_variant_id) DO UPDATE SET changed_at = now())"
                + " SELECT took.ord, item.product_variant_id, item.location_id, item.quantity_on_hand,"
                + "   took.reserved AS quantity_reserved, item.reorder_point, item.reorder_quantity, item.updated_at"
                + " FROM item, took";
        List<Optional<StockLevel>> results = new ArrayList<>(java.util.Collections.nCopies(n, Optional.empty()));
        rows.bindTo(handle.createQuery(sql).bind("org", org).bind("variant", variant.value()).bind("location", location.value()))
                .map((rs, ctx) -> results.set((int) rs.getLong("ord") - 1, Optional.of(StockReads.LEVEL.map(rs, ctx))))
                .list();
        return results;
    }

    Optional<StockLevel> release(VariantId variant, LocationId location, int quantity, LedgerNote note) {
        return conditional("quantity_reserved = quantity_reserved - :qty", "quantity_reserved >= :qty",
                "0", "-:qty", true, variant, location, quantity, note);
    }

    Optional<StockLevel> commit(VariantId variant, LocationId location, int quantity, LedgerNote note) {
        // shipping promised units leaves available unchanged: no propagation mark
        return conditional("quantity_on_hand = quantity_on_hand - :qty, quantity_reserved = quantity_reserved - :qty",
                "quantity_reserved >= :qty", "-:qty", "-:qty", false, variant, location, quantity, note);
    }

    private Optional<StockLevel> conditional(String set, String condition, String onHandChange, String reservedChange,
            boolean marks, VariantId variant, LocationId location, int quantity, LedgerNote note) {
        String sql = "WITH item AS (UPDATE inventory_items SET " + set
                + " WHERE organization_id = :org AND product_variant_id = :variant AND location_id = :location AND "
                + condition + RETURNING + "), "
                + String.format(LEDGER, onHandChange, reservedChange, "")
                + (marks ? ", " + String.format(MARK, "") : "")
                + " SELECT * FROM item";
        return statement(sql, variant, location, quantity, note).map(StockReads.LEVEL).findOne();
    }

    Optional<StockLevel> setCounted(VariantId variant, LocationId location, int counted, LedgerNote note) {
        handle.createUpdate("INSERT INTO inventory_items (organization_id, product_variant_id, location_id)"
                        + " VALUES (:org, :variant, :location) ON CONFLICT (product_variant_id, location_id) DO NOTHING")
                .bind("org", org).bind("variant", variant.value()).bind("location", location.value())
                .execute();
        // the locked read gives the on hand the difference is computed against; the update re-checks reserved
        String sql = "WITH old AS (SELECT id, quantity_on_hand FROM inventory_items"
                + " WHERE organization_id = :org AND product_variant_id = :variant AND location_id = :location FOR UPDATE),"
                + " item AS (UPDATE inventory_items i SET quantity_on_hand = :qty FROM old"
                + " WHERE i.id = old.id AND :qty >= i.quantity_reserved"
                + " RETURNING i.id, i.organization_id, i.product_variant_id, i.location_id, i.quantity_on_hand,"
                + " i.quantity_reserved, i.reorder_point, i.reorder_quantity, i.updated_at, :qty - old.quantity_on_hand AS delta), "
                + String.format(LEDGER, "delta", "0", "WHERE delta <> 0") + ", "
                + String.format(MARK, "WHERE delta <> 0")
                + " SELECT * FROM item";
        return statement(sql, variant, location, counted, note).map(StockReads.LEVEL).findOne();
    }

    private Query statement(String sql, VariantId variant, LocationId location, int quantity, LedgerNote note) {
        UserId by = note.createdBy();
        return handle.createQuery(sql)
                .bind("org", org).bind("variant", variant.value()).bind("location", location.value())
                .bind("qty", quantity).bind("type", DbCodes.code(note.type()))
                .bind("refType", note.referenceType()).bind("refId", note.referenceId())
                .bind("note", note.note()).bind("createdBy", by == null ? null : by.value());
    }

    StockLevel setReorderPoint(VariantId variant, LocationId location, int reorderPoint, int reorderQuantity) {
        return handle.createQuery("INSERT INTO inventory_items (organization_id, product_variant_id, location_id,"
                        + " reorder_point, reorder_quantity) VALUES (:org, :variant, :location, :point, :quantity)"
                        + " ON CONFLICT (product_variant_id, location_id) DO UPDATE"
                        + " SET reorder_point = EXCLUDED.reorder_point, reorder_quantity = EXCLUDED.reorder_quantity"
                        + " RETURNING " + StockReads.LEVEL_COLUMNS)
                .bind("org", org).bind("variant", variant.value()).bind("location", location.value())
                .bind("point", reorderPoint).bind("quantity", reorderQuantity)
                .map(StockReads.LEVEL).one();
    }

    /** The ledger columns of a list of reservations, one array each, bound as {@code :quantities ... :by}. */
    private static final class LedgerRows {
        private final List<Integer> quantities = new ArrayList<>();
        private final List<String> types = new ArrayList<>(), refTypes = new ArrayList<>(), notes = new ArrayList<>();
        private final List<UUID> refIds = new ArrayList<>(), by = new ArrayList<>();

        LedgerRows(List<Reservation> reservations) {
            for (Reservation r : reservations) {
                quantities.add(r.quantity());
                types.add(DbCodes.code(r.note().type()));
                refTypes.add(r.note().referenceType());
                refIds.add(r.note().referenceId());
                notes.add(r.note().note());
                by.add(r.note().createdBy() == null ? null : r.note().createdBy().value());
            }
        }

        Query bindTo(Query query) {
            return query.bindArray("quantities", Integer.class, quantities).bindArray("types", String.class, types)
                    .bindArray("refTypes", String.class, refTypes).bindArray("refIds", UUID.class, refIds)
                    .bindArray("notes", String.class, notes).bindArray("by", UUID.class, by);
        }
    }
}
