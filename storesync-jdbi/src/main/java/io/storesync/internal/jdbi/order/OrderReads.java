package io.storesync.internal.jdbi.order;

import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.order.FinancialStatus;
import io.storesync.api.order.FulfillmentStatus;
import io.storesync.api.order.Order;
import io.storesync.api.order.OrderId;
import io.storesync.api.order.OrderLine;
import io.storesync.api.order.OrderQuery;
import io.storesync.api.order.OrderStatus;
import io.storesync.api.store.StoreId;
import io.storesync.internal.jdbi.DbCodes;
import io.storesync.internal.jdbi.JdbiMappings;
import io.storesync.spi.persistence.Keyset;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** Orders with their lines as the API returns them: by id, by platform id, searched, and those needing attention. */
final class OrderReads {
    private static final Keyset LIST = new Keyset("orders");
    private static final String ORDER_COLUMNS = "id, store_id, platform_order_id, order_number, platform_status, status,"
            + " financial_status, fulfillment_status, subtotal, tax_amount, shipping_amount, discount_amount, total_amount,"
            + " currency, customer_info::text AS customer_info, tags, notes, ordered_at, platform_updated_at,"
            + " platform_data::text AS platform_data, has_unmapped_lines, shortfall_quantity, created_at, updated_at";
    private static final String ITEM_COLUMNS = "id, order_id, product_variant_id, platform_line_id, platform_product_id,"
            + " platform_variant_id, sku, name, quantity, price, total_amount, stock_stage, shortfall_quantity";

    private final Handle handle;
    private final UUID org;

    OrderReads(Handle handle, UUID org) {
        this.handle = handle;
        this.org = org;
    }

    Optional<Order> find(OrderId id) {
        return withLines(handle.createQuery("SELECT " + ORDER_COLUMNS + " FROM orders WHERE organization_id = :org AND id = :id")
                .bind("org", org).bind("id", id.value())).stream().findFirst();
    }

    Optional<Order> findByPlatformId(StoreId store, String platformOrderId) {
        return withLines(handle.createQuery("SELECT " + ORDER_COLUMNS + " FROM orders"
                        + " WHERE organization_id = :org AND store_id = :store AND platform_order_id = :pid")
                .bind("org", org).bind("store", store.value()).bind("pid", platformOrderId)).stream().findFirst();
    }

    Page<Order> search(OrderQuery q, PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE organization_id = :org");
        if (q.storeId() != null) where.append(" AND store_id = :store");
        if (q.status() != null) where.append(" AND status = :status");
        if (q.orderedFrom() != null) where.append(" AND ordered_at >= :from");
        if (q.orderedBefore() != null) where.append(" AND ordered_at < :before");
        if (q.text() != null && !q.text().isBlank()) {
            where.append(" AND (order_number ILIKE :text OR platform_order_id ILIKE :text OR EXISTS (SELECT 1 FROM jsonb_path_query(customer_info, 'strict $.**') v"
                    + " WHERE jsonb_typeof(v) IN ('string', 'number') AND v #>> '{}' ILIKE :text))");
        }
        return page(where.toString(), page, query -> {
            if (q.storeId() != null) query.bind("store", q.storeId().value());
            if (q.status() != null) query.bind("status", DbCodes.code(q.status()));
            if (q.orderedFrom() != null) query.bind("from", q.orderedFrom());
            if (q.orderedBefore() != null) query.bind("before", q.orderedBefore());
            if (q.text() != null && !q.text().isBlank()) query.bind("text", "%" + likeEscape(q.text().trim()) + "%");
        });
    }

    Page<Order> needingAttention(PageRequest page) {
        return page(" WHERE organization_id = :org AND (has_unmapped_lines OR shortfall_quantity > 0)", page, query -> {});
    }

    private Page<Order> page(String where, PageRequest page, java.util.function.Consumer<Query> binder) {
        // newest first, continuing below the last order seen, so orders ingested meanwhile never shift a page
        Optional<List<String>> after = LIST.after(page, 2);
        Query rows = handle.createQuery("SELECT " + ORDER_COLUMNS + " FROM orders" + where
                        + (after.isPresent() ? " AND (ordered_at, id) < (:afterAt, :afterId)" : "")
                        + " ORDER BY ordered_at DESC, id DESC LIMIT :limit")
                .bind("org", org).bind("limit", page.size() + 1);
        after.ifPresent(k -> rows.bind("afterAt", LIST.instant(k.get(0))).bind("afterId", LIST.uuid(k.get(1))));
        binder.accept(rows);
        return LIST.page(page, withLines(rows), o -> List.of(o.orderedAt().toString(), o.id().value().toString()), o -> o, () -> {
            Query count = handle.createQuery("SELECT count(*) FROM orders" + where).bind("org", org);
            binder.accept(count);
            return count.mapTo(Long.class).one();
        });
    }

    /** Maps the orders of {@code query} and loads all their lines with one more query. */
    private List<Order> withLines(Query query) {
        List<Object[]> heads = query.map((rs, ctx) -> new Object[] {rs.getObject("id", UUID.class), head(rs)}).list();
        if (heads.isEmpty()) return List.of();
        Map<UUID, List<OrderLine>> items = new HashMap<>();
        handle.createQuery("SELECT " + ITEM_COLUMNS + " FROM order_items WHERE organization_id = :org AND order_id = ANY (:ids)"
                        + " ORDER BY platform_line_id, id")
                .bind("org", org).bindArray("ids", UUID.class, heads.stream().map(h -> (UUID) h[0]).toList())
                .map((rs, ctx) -> items.computeIfAbsent(rs.getObject("order_id", UUID.class), k -> new ArrayList<>()).add(item(rs)))
                .list();
        List<Order> orders = new ArrayList<>();
        for (Object[] h : heads) {
            OrderHead o = (OrderHead) h[1];
            orders.add(o.with(items.getOrDefault((UUID) h[0], List.of())));
        }
        return orders;
    }

    /** An order row before its lines are attached. */
    private record OrderHead(java.util.function.Function<List<OrderLine>, Order> build) {
        Order with(List<OrderLine> lines) {
            return build.apply(lines);
        }
    }

    private static OrderHead head(ResultSet rs) throws SQLException {
        OrderId id = new OrderId(rs.getObject("id", UUID.class));
        StoreId store = new StoreId(rs.getObject("store_id", UUID.class));
        String pid = rs.getString("platform_order_id");
        String number = rs.getString("order_number");
        String platformStatus = rs.getString("platform_status");
        OrderStatus status = DbCodes.parse(OrderStatus.class, rs.getString("status"));
        String fin = rs.getString("financial_status");
        String ful = rs.getString("fulfillment_status");
        BigDecimal subtotal = rs.getBigDecimal("subtotal"), tax = rs.getBigDecimal("tax_amount"),
                shipping = rs.getBigDecimal("shipping_amount"), discount = rs.getBigDecimal("discount_amount"),
                total = rs.getBigDecimal("total_amount");
        String currency = rs.getString("currency");
        Map<String, Object> customer = JdbiMappings.readMap(rs.getString("customer_info"));
        List<String> tags = JdbiMappings.textArray(rs, "tags");
        String notes = rs.getString("notes");
        Instant orderedAt = JdbiMappings.instant(rs, "ordered_at");
        Instant platformUpdatedAt = JdbiMappings.nullableInstant(rs, "platform_updated_at");
        Map<String, Object> platformData = JdbiMappings.readMap(rs.getString("platform_data"));
        boolean unmapped = rs.getBoolean("has_unmapped_lines");
        int shortfall = rs.getInt("shortfall_quantity");
        Instant created = JdbiMappings.instant(rs, "created_at"), updated = JdbiMappings.instant(rs, "updated_at");
        return new OrderHead(lines -> new Order(id, store, pid, number, platformStatus == null ? status.name() : platformStatus,
                status, DbCodes.parseOrNull(FinancialStatus.class, fin), DbCodes.parseOrNull(FulfillmentStatus.class, ful),
                subtotal, tax, shipping, discount, total, currency, customer, tags, notes, orderedAt,
                platformUpdatedAt == null ? created : platformUpdatedAt, platformData, unmapped, shortfall, created, updated, lines));
    }

    private static OrderLine item(ResultSet rs) throws SQLException {
        UUID v = rs.getObject("product_variant_id", UUID.class);
        return new OrderLine(rs.getObject("id", UUID.class), v == null ? null : new VariantId(v),
                String.valueOf(rs.getString("platform_line_id")), rs.getString("platform_product_id"),
                rs.getString("platform_variant_id"), rs.getString("sku"), rs.getString("name"), rs.getInt("quantity"),
                rs.getBigDecimal("price"), rs.getBigDecimal("total_amount"), OrderLineStore.stage(rs.getString("stock_stage")),
                rs.getInt("shortfall_quantity"));
    }

    private static OrderLine.StockStage stage(String value) {
        return OrderLine.StockStage.valueOf(value.toUpperCase(Locale.ROOT));
    }

    private static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
