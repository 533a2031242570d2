package io.storesync.internal.jdbi.order;

import io.storesync.api.order.DailySales;
import io.storesync.api.store.StoreId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Daily sales summed in SQL over the order book. */
final class SalesReport {
    private final Handle handle;
    private final UUID org;

    SalesReport(Handle handle, UUID org) {
        this.handle = handle;
        this.org = org;
    }

    List<DailySales> dailySales(LocalDate from, LocalDate to, ZoneId zone, boolean bySku) {
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        // PostgreSQL reads a text zone of '+07:00' as POSIX (west of Greenwich, so 7 hours behind UTC): a fixed offset
        // goes in as an interval, which it reads the ISO way; a region id goes in by name
        boolean fixed = zone.getRules().isFixedOffset();
        String at = fixed ? "make_interval(secs => :zone)" : "CAST(:zone AS text)";
        // cancelled and returned orders sold nothing; a line's SKU is its variant's when mapped, the platform's otherwise
        String sql = bySku
                ? "SELECT (o.ordered_at AT TIME ZONE " + at + ")::date AS day, o.store_id,"
                        + " coalesce(v.variant_sku, i.sku, '') AS sku, o.currency, count(DISTINCT o.id) AS orders,"
                        + " sum(i.quantity) AS units, sum(i.total_amount) AS revenue"
                        + " FROM orders o JOIN order_items i ON i.organization_id = o.organization_id AND i.order_id = o.id"
                        + " LEFT JOIN product_variants v ON v.organization_id = i.organization_id AND v.id = i.product_variant_id"
                        + " WHERE o.organization_id = :org AND o.status NOT IN ('cancelled', 'returned')"
                        + "   AND o.ordered_at >= :start AND o.ordered_at < :end AND i.quantity > 0"
                        + " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
                : "SELECT day, store_id, NULL AS sku, currency, count(*) AS orders, sum(units) AS units,"
                        + " sum(total_amount) AS revenue FROM ("
                        + "   SELECT (o.ordered_at AT TIME ZONE " + at + ")::date AS day, o.store_id, o.currency, o.total_amount,"
                        + "     (SELECT coalesce(sum(i.quantity), 0) FROM order_items i"
                        + "       WHERE i.organization_id = o.organization_id AND i.order_id = o.id) AS units"
                        + "   FROM orders o WHERE o.organization_id = :org AND o.status NOT IN ('cancelled', 'returned')"
                        + "     AND o.ordered_at >= :start AND o.ordered_at < :end) d"
                        + " GROUP BY day, store_id, currency ORDER BY day, store_id, currency";
        var query = handle.createQuery(sql);
        if (fixed) {
            query.bind("zone", (double) zone.getRules().getOffset(start).getTotalSeconds());
        } else {
            query.bind("zone", zone.getId());
        }
        return query.bind("org", org).bind("start", start).bind("end", end)
                .map((rs, ctx) -> new DailySales(rs.getObject("day", LocalDate.class),
                        new StoreId(rs.getObject("store_id", UUID.class)), rs.getString("sku"), rs.getString("currency"),
                        rs.getLong("orders"), rs.getLong("units"), rs.getBigDecimal("revenue")))
                .list();
    }
}
