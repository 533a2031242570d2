package io.storesync.internal.jdbi.compliance;

import io.storesync.api.compliance.Discrepancy;
import io.storesync.api.compliance.Discrepancy.Kind;
import io.storesync.api.organization.OrganizationId;
import io.storesync.spi.persistence.IntegrityRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The checks as queries over one organization. Repairs append to the ledger (type {@code adjust}, reference type
 * {@code integrity_repair}, the reason as note) so that its sums meet the counters; counters are never changed.
 */
public final class JdbiIntegrityRepository implements IntegrityRepository {
    private static final String LEDGER_SUMS = "SELECT i.id, i.quantity_on_hand AS on_hand, i.quantity_reserved AS reserved,"
            + " coalesce(s.q, 0) AS ledger_on_hand, coalesce(s.r, 0) AS ledger_reserved FROM inventory_items i"
            + " LEFT JOIN (SELECT inventory_item_id, sum(quantity_change) AS q, sum(reserved_change) AS r"
            + "   FROM inventory_transactions WHERE organization_id = :org GROUP BY inventory_item_id) s"
            + "   ON s.inventory_item_id = i.id WHERE i.organization_id = :org";
    private final Handle handle;
    private final UUID org;

    public JdbiIntegrityRepository(Handle handle, OrganizationId organizationId) {
        this.handle = handle;
        this.org = organizationId.value();
    }

    @Override
    public List<Discrepancy> find(int limit) {
        List<Discrepancy> out = new ArrayList<>();
        handle.createQuery(LEDGER_SUMS + " AND (i.quantity_on_hand <> coalesce(s.q, 0) OR i.quantity_reserved <> coalesce(s.r, 0)"
                        + " OR i.quantity_on_hand < 0 OR i.quantity_reserved < 0 OR i.quantity_reserved > i.quantity_on_hand)"
                        + " ORDER BY i.id LIMIT :limit")
                .bind("org", org).bind("limit", limit).mapToMap().forEach(row -> {
                    String item = row.get("id").toString();
                    long onHand = ((Number) row.get("on_hand")).longValue();
                    long reserved = ((Number) row.get("reserved")).longValue();
                    long q = ((Number) row.get("ledger_on_hand")).longValue();
                    long r = ((Number) row.get("ledger_reserved")).longValue();
                    if (onHand != q) {
                        out.add(new Discrepancy(Kind.LEDGER_ON_HAND, item, "on hand " + onHand + ", ledger sums to " + q
                                + ": a correcting ledger row of " + signed(onHand - q) + " makes them agree", true));
                    }
                    if (reserved != r) {
                        out.add(new Discrepancy(Kind.LEDGER_RESERVED, item, "reserved " + reserved + ", ledger sums to " + r
                                + ": a correcting ledger row of " + signed(reserved - r) + " reserved makes them agree", true));
                    }
                    if (onHand < 0 || reserved < 0 || reserved > onHand) {
                        out.add(new Discrepancy(Kind.NEGATIVE_COUNTER, item, "on hand " + onHand + ", reserved " + reserved
                                + ": count the stock and record the count", false));
                    }
                });
        handle.createQuery("SELECT l.product_variant_id AS variant, sum(l.quantity - least(l.shortfall_quantity, l.quantity)) AS held,"
                        + " (SELECT coalesce(sum(ii.quantity_reserved), 0) FROM inventory_items ii WHERE ii.organization_id = :org"
                        + "   AND ii.product_variant_id = l.product_variant_id) AS reserved"
                        + " FROM order_items l JOIN orders o ON o.organization_id = l.organization_id AND o.id = l.order_id"
                        + " WHERE l.organization_id = :org AND l.stock_stage = 'reserved' AND l.product_variant_id IS NOT NULL"
                        + " GROUP BY l.product_variant_id ORDER BY l.product_variant_id LIMIT :limit")
                .bind("org", org).bind("limit", limit).mapToMap().forEach(row -> {
                    long held = ((Number) row.get("held")).longValue();
                    long reserved = ((Number) row.get("reserved")).longValue();
                    if (reserved < held) {
                        out.add(new Discrepancy(Kind.RESERVED_BELOW_ORDERS, row.get("variant").toString(), "open order lines hold "
                                + held + " reserved, the variant's items have " + reserved + " reserved: reserve "
                                + (held - reserved) + " or release the lines after checking the orders", false));
                    }
                });
        handle.createQuery("SELECT m.id, m.product_variant_id FROM store_product_mappings m LEFT JOIN product_variants v"
                        + " ON v.organization_id = m.organization_id AND v.id = m.product_variant_id"
                        + " WHERE m.organization_id = :org AND m.is_active AND (v.id IS NULL OR NOT v.is_active) ORDER BY m.id LIMIT :limit")
                .bind("org", org).bind("limit", limit).mapToMap().forEach(row -> out.add(new Discrepancy(
                        Kind.LISTING_INACTIVE_VARIANT, row.get("id").toString(), "an active listing of variant "
                        + row.get("product_variant_id") + ", which is inactive: deactivate the listing or reactivate the variant", false)));
        handle.createQuery("SELECT id, quantity, shortfall_quantity FROM order_items WHERE organization_id = :org"
                        + " AND shortfall_quantity > quantity ORDER BY id LIMIT :limit")
                .bind("org", org).bind("limit", limit).mapToMap().forEach(row -> out.add(new Discrepancy(Kind.LINE_OVER_RESERVED,
                        row.get("id").toString(), "shortfall " + row.get("shortfall_quantity") + " exceeds the line's quantity "
                        + row.get("quantity") + ": re-ingest the order from its platform", false)));
        handle.createQuery("SELECT DISTINCT m.product_variant_id AS variant, m.store_id AS store FROM store_product_mappings m"
                        + " JOIN stores st ON st.organization_id = m.organization_id AND st.id = m.store_id AND st.is_active"
                        + " LEFT JOIN listing_sync_state ls ON ls.organization_id = m.organization_id AND ls.store_product_mapping_id = m.id"
                        + " WHERE m.organization_id = :org AND m.is_active"
                        + " AND EXISTS (SELECT 1 FROM inventory_transactions t JOIN inventory_items ii ON ii.organization_id = t.organization_id"
                        + "   AND ii.id = t.inventory_item_id WHERE t.organization_id = :org AND ii.product_variant_id = m.product_variant_id"
                        + "   AND t.created_at > coalesce(ls.quantity_pushed_at, '-infinity'::timestamptz))"
                        + " AND NOT EXISTS (SELECT 1 FROM stock_changes c WHERE c.organization_id = :org AND c.product_variant_id = m.product_variant_id)"
                        + " AND NOT EXISTS (SELECT 1 FROM stock_push_pending p WHERE p.organization_id = :org AND p.store_id = m.store_id"
                        + "   AND p.product_variant_id = m.product_variant_id) ORDER BY 1, 2 LIMIT :limit")
                .bind("org", org).bind("limit", limit).mapToMap().forEach(row -> out.add(new Discrepancy(Kind.PUSH_MISSING,
                        row.get("variant").toString(), "stock changed after the last push to store " + row.get("store")
                        + " and no push is pending: mark the variant changed", true)));
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    @Override
    public boolean repair(Discrepancy d, String reason) {
        return switch (d.kind()) {
            case LEDGER_ON_HAND, LEDGER_RESERVED -> correctLedger(UUID.fromString(d.subject()), d.kind() == Kind.LEDGER_ON_HAND, reason);
            case PUSH_MISSING -> handle.createUpdate("INSERT INTO stock_changes (organization_id, product_variant_id)"
                            + " VALUES (:org, :variant) ON CONFLICT (organization_id, product_variant_id) DO UPDATE SET changed_at = now()")
                    .bind("org", org).bind("variant", UUID.fromString(d.subject())).execute() == 1;
            default -> false;
        };
    }

    private boolean correctLedger(UUID item, boolean onHand, String reason) {
        // the item row is locked first, so no stock change moves the counters between the sum and the correction
        return handle.createUpdate("WITH locked AS (SELECT id, quantity_on_hand, quantity_reserved FROM inventory_items"
                        + "   WHERE organization_id = :org AND id = :item FOR UPDATE),"
                        + " sums AS (SELECT coalesce(sum(quantity_change), 0) AS q, coalesce(sum(reserved_change), 0) AS r"
                        + "   FROM inventory_transactions WHERE organization_id = :org AND inventory_item_id = :item)"
                        + " INSERT INTO inventory_transactions (organization_id, inventory_item_id, transaction_type, quantity_change,"
                        + "   reserved_change, reference_type, notes)"
                        + " SELECT :org, locked.id, 'adjust', CASE WHEN :onHand THEN locked.quantity_on_hand - sums.q ELSE 0 END,"
                        + "   CASE WHEN :onHand THEN 0 ELSE locked.quantity_reserved - sums.r END, 'integrity_repair', :reason"
                        + " FROM locked, sums WHERE CASE WHEN :onHand THEN locked.quantity_on_hand <> sums.q"
                        + "   ELSE locked.quantity_reserved <> sums.r END")
                .bind("org", org).bind("item", item).bind("onHand", onHand).bind("reason", reason).execute() == 1;
    }

    private static String signed(long v) {
        return v > 0 ? "+" + v : Long.toString(v);
    }
}
