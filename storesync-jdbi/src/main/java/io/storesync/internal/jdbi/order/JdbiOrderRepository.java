package io.storesync.internal.jdbi.order;

import com.fasterxml.jackson.databind.JsonNode;
import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.order.DailySales;
import io.storesync.api.order.FinancialStatus;
import io.storesync.api.order.FulfillmentStatus;
import io.storesync.api.order.IngestResult;
import io.storesync.api.order.Order;
import io.storesync.api.order.OrderId;
import io.storesync.api.order.OrderLine;
import io.storesync.api.order.OrderLineSnapshot;
import io.storesync.api.order.OrderQuery;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.order.OrderStatus;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import io.storesync.internal.jdbi.DbCodes;
import io.storesync.internal.jdbi.JdbiMappings;
import io.storesync.spi.persistence.OrderRepository;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

public final class JdbiOrderRepository implements OrderRepository {
    private static final String ORDER_COLUMNS = "id, store_id, platform_order_id, order_number, platform_status, status,"
            + " financial_status, fulfillment_status, subtotal, tax_amount, shipping_amount, discount_amount, total_amount,"
            + " currency, customer_info::text AS customer_info, tags, notes, ordered_at, platform_updated_at,"
            + " platform_data::text AS platform_data, has_unmapped_lines, shortfall_quantity, created_at, updated_at";
    private static final String ITEM_COLUMNS = "id, order_id, product_variant_id, platform_line_id, platform_product_id,"
            + " platform_variant_id, sku, name, quantity, price, total_amount, stock_stage, shortfall_quantity";

    private final Handle handle;
    private final UUID org;

    public JdbiOrderRepository(Handle handle, OrganizationId organizationId) {
        this.handle = handle;
        this.org = organizationId.value();
    }

    @Override
    public Optional<StoreInfo> store(StoreId store) {
        return handle.createQuery("SELECT s.id, p.name, s.settings -> 'restockOnReturn' = 'true'::jsonb AS restock"
                        + " FROM stores s JOIN platforms p ON p.id = s.platform_id"
                        + " WHERE s.organization_id = :org AND s.id = :id")
                .bind("org", org).bind("id", store.value())
                .map((rs, ctx) -> new StoreInfo(store, rs.getString("name"), rs.getBoolean("restock")))
                .findOne();
    }

    @Override
    public Upserted upsert(OrderSnapshot s) {
        Optional<Upserted> written = handle.createQuery("INSERT INTO orders (organization_id, store_id, platform_order_id,"
                        + " order_number, customer_info, status, financial_status, fulfillment_status, subtotal, tax_amount,"
                        + " shipping_amount, discount_amount, total_amount, currency, platform_data, notes, tags, ordered_at,"
                        + " platform_status, platform_updated_at)"
                        + " VALUES (:org, :store, :pid, :number, :customer, :status, :financial, :fulfillment, :subtotal, :tax,"
                        + " :shipping, :discount, :total, :currency, :platformData, :notes, :tags, :orderedAt, :platformStatus,"
                        + " :platformUpdatedAt)"
                        + " ON CONFLICT (store_id, platform_order_id) DO UPDATE SET order_number = EXCLUDED.order_number,"
                        + " customer_info = EXCLUDED.customer_info, status = EXCLUDED.status,"
                        + " financial_status = EXCLUDED.financial_status, fulfillment_status = EXCLUDED.fulfillment_status,"
                        + " subtotal = EXCLUDED.subtotal, tax_amount = EXCLUDED.tax_amount,"
                        + " shipping_amount = EXCLUDED.shipping_amount, discount_amount = EXCLUDED.discount_amount,"
                        + " total_amount = EXCLUDED.total_amount, currency = EXCLUDED.currency,"
                        + " platform_data = EXCLUDED.platform_data, notes = EXCLUDED.notes, tags = EXCLUDED.tags,"
                        + " ordered_at = EXCLUDED.ordered_at, platform_status = EXCLUDED.platform_status,"
                        + " platform_updated_at = EXCLUDED.platform_updated_at"
                        // only a newer snapshot wins; the conflicting row is locked either way
                        + " WHERE orders.platform_updated_at IS NULL OR orders.platform_updated_at < EXCLUDED.platform_updated_at"
                        + " RETURNING id, (xmax = 0) AS created")
                .bind("org", org).bind("store", s.storeId().value()).bind("pid", s.platformOrderId())
                .bind("number", s.orderNumber()).bindByType("customer", JdbiMappings.toTree(s.customerInfo()), JsonNode.class)
                .bind("status", DbCodes.code(s.status()))
                .bind("financial", DbCodes.codeOrNull(s.financialStatus()))
                .bind("fulfillment", DbCodes.codeOrNull(s.fulfillmentStatus()))
                .bind("subtotal", s.subtotal()).bind("tax", s.taxAmount()).bind("shipping", s.shippingAmount())
                .bind("discount", s.discountAmount()).bind("total", s.totalAmount()).bind("currency", s.currency())
                .bindByType("platformData", JdbiMappings.toTree(s.platformData()), JsonNode.class)
                .bind("notes", s.notes()).bindArray("tags", String.class, s.tags())
                .bind("orderedAt", s.orderedAt()).bind("platformStatus", s.platformStatus())
                .bind("platformUpdatedAt", s.platformUpdatedAt())
                .map((rs, ctx) -> new Upserted(new OrderId(rs.getObject("id", UUID.class)),
                        rs.getBoolean("created") ? IngestResult.Outcome.CREATED : IngestResult.Outcome.UPDATED))
                .findOne();
        if (written.isPresent()) return written.get();
        return handle.createQuery("SELECT id, platform_updated_at FROM orders"
                        + " WHERE organization_id = :org AND store_id = :store AND platform_order_id = :pid")
                .bind("org", org).bind("store", s.storeId().value()).bind("pid", s.platformOrderId())
                .map((rs, ctx) -> new Upserted(new OrderId(rs.getObject("id", UUID.class)),
                        JdbiMappings.instant(rs, "platform_updated_at").equals(s.platformUpdatedAt())
                                ? IngestResult.Outcome.UNCHANGED : IngestResult.Outcome.STALE))
                .one();
    }

    private static final RowMapper<StoredLine> STORED_LINE = (rs, ctx) -> {
        UUID v = rs.getObject("product_variant_id", UUID.class);
        return new StoredLine(rs.getObject("id", UUID.class), rs.getString("platform_line_id"),
                v == null ? null : new VariantId(v), rs.getInt("quantity"), stage(rs.getString("stock_stage")));
    };

    @Override
    public List<StoredLine> lines(OrderId order) {
        return handle.createQuery("SELECT id, platform_line_id, product_variant_id, quantity, stock_stage FROM order_items"
                        + " WHERE organization_id = :org AND order_id = :order ORDER BY platform_line_id")
                .bind("org", org).bind("order", order.value())
                .map(STORED_LINE)
                .list();
    }

    @Override
    public Map<OrderId, List<StoredLine>> upsertLines(List<OrderLines> orders) {
        List<UUID> orderIds = new ArrayList<>(), storeIds = new ArrayList<>();
        List<String> keys = new ArrayList<>(), products = new ArrayList<>(), pvariants = new ArrayList<>(),
                names = new ArrayList<>(), skus = new ArrayList<>();
        List<Integer> quantities = new ArrayList<>();
        List<BigDecimal> prices = new ArrayList<>(), totals = new ArrayList<>();
        for (OrderLines o : orders) for (OrderLineSnapshot l : o.lines()) {
            orderIds.add(o.order().value());
            storeIds.add(o.store().value());
            keys.add(l.platformLineId());
            products.add(l.platformProductId());
            pvariants.add(l.platformVariantId());
            names.add(l.name());
            skus.add(l.sku());
            quantities.add(l.quantity());
            prices.add(l.unitPrice());
            totals.add(l.lineTotal());
        }
        if (keys.isEmpty()) return Map.of();
        Map<OrderId, List<StoredLine>> written = new HashMap<>();
        handle.createQuery("INSERT INTO order_items (organization_id, order_id, platform_line_id, product_variant_id,"
                        + " platform_product_id, platform_variant_id, name, sku, quantity, price, total_amount)"
                        + " SELECT :org, l.order_id, l.key, coalesce(m.product_variant_id, s.variant_id), l.product, l.pvariant,"
                        + "   l.name, l.sku, l.quantity, l.price, l.total"
                        + " FROM unnest(:orders, :stores, :keys, :products, :pvariants, :names, :skus, :quantities, :prices,"
                        + "   :totals) AS l(order_id, store_id, key, product, pvariant, name, sku, quantity, price, total)"
                        // the store's listing decides; a SKU is trusted only when exactly one variant carries it
                        + " LEFT JOIN LATERAL (SELECT product_variant_id FROM store_product_mappings m"
                        + "   WHERE m.organization_id = :org AND m.store_id = l.store_id AND m.is_active"
                        + "     AND m.platform_product_id = l.product AND m.platform_variant_id IS NOT DISTINCT FROM l.pvariant"
                        + "   LIMIT 1) m ON true"
                        + " LEFT JOIN LATERAL (SELECT min(v.id::text)::uuid AS variant_id FROM product_variants v"
                        + "   WHERE v.organization_id = :org AND v.variant_sku = l.sku HAVING count(*) = 1) s ON true"
                        + " ON CONFLICT (organization_id, order_id, platform_line_id) DO UPDATE SET"
                        // a mapped line keeps its variant: its stock effects were booked against it
                        + " product_variant_id = coalesce(order_items.product_variant_id, EXCLUDED.product_variant_id),"
                        + " platform_product_id = EXCLUDED.platform_product_id, platform_variant_id = EXCLUDED.platform_variant_id,"
                        + " name = EXCLUDED.name, sku = EXCLUDED.sku, quantity = EXCLUDED.quantity, price = EXCLUDED.price,"
                        + " total_amount = EXCLUDED.total_amount"
                        + " RETURNING id, order_id, platform_line_id, product_variant_id, quantity, stock_stage")
                .bind("org", org).bindArray("orders", UUID.class, orderIds).bindArray("stores", UUID.class, storeIds)
                .bindArray("keys", String.class, keys).bindArray("products", String.class, products)
                .bindArray("pvariants", String.class, pvariants).bindArray("names", String.class, names)
                .bindArray("skus", String.class, skus).bindArray("quantities", Integer.class, quantities)
                .bindArray("prices", BigDecimal.class, prices).bindArray("totals", BigDecimal.class, totals)
                .map((rs, ctx) -> written.computeIfAbsent(new OrderId(rs.getObject("order_id", UUID.class)),
                        k -> new ArrayList<>()).add(STORED_LINE.map(rs, ctx)))
                .list();
        return written;
    }

    @Override
    public void zeroLinesExcept(OrderId order, Collection<String> present) {
        handle.createUpdate("UPDATE order_items SET quantity = 0, total_amount = 0"
                        + " WHERE organization_id = :org AND order_id = :order AND quantity <> 0"
                        + " AND NOT (platform_line_id = ANY (:present))")
                .bind("org", org).bind("order", order.value()).bindArray("present", String.class, List.copyOf(present))
                .execute();
    }

    @Override
    public Map<UUID, List<LineStock>> lineStock(Collection<UUID> lineIds) {
        if (lineIds.isEmpty()) return Map.of();
        Map<UUID, List<LineStock>> held = new HashMap<>();
        handle.createQuery("SELECT t.reference_id AS line, i.location_id,"
                        + " sum(t.reserved_change) AS reserved,"
                        + " sum(CASE WHEN t.transaction_type = 'commit' THEN -t.quantity_change ELSE 0 END) AS committed,"
                        + " sum(CASE WHEN t.transaction_type = 'restock' THEN t.quantity_change ELSE 0 END) AS restocked"
                        + " FROM inventory_transactions t JOIN inventory_items i"
                        + "   ON i.organization_id = t.organization_id AND i.id = t.inventory_item_id"
                        + " WHERE t.organization_id = :org AND t.reference_type = 'order_item' AND t.reference_id = ANY (:ids)"
                        + " GROUP BY t.reference_id, i.location_id ORDER BY i.location_id")
                .bind("org", org).bindArray("ids", UUID.class, List.copyOf(lineIds))
                .map((rs, ctx) -> held.computeIfAbsent(rs.getObject("line", UUID.class), k -> new ArrayList<>())
                        .add(new LineStock(new LocationId(rs.getObject("location_id", UUID.class)), rs.getInt("reserved"),
                                rs.getInt("committed"), rs.getInt("restocked"))))
                .list();
        return held;
    }

    @Override
    public void setLineStates(List<LineState> states) {
        // a JDBC batch of primary-key updates: one round trip, and each row found by its key whatever the planner
        // thinks of the table (an UPDATE ... FROM unnest(...) was planned as a hash join over every order line)
        PreparedBatch batch = handle.prepareBatch("UPDATE order_items SET stock_stage = :stage, shortfall_quantity = :shortfall"
                + " WHERE organization_id = :org AND id = :id AND (stock_stage <> :stage OR shortfall_quantity <> :shortfall)");
        for (LineState st : states) {
            batch.bind("org", org).bind("id", st.lineId()).bind("stage", st.stage().name().toLowerCase(Locale.ROOT))
                    .bind("shortfall", st.shortfall()).add();
        }
        batch.execute();
    }

    @Override
    public void setFlags(OrderId order, boolean hasUnmappedLines, int shortfallQuantity) {
        handle.createUpdate("UPDATE orders SET has_unmapped_lines = :unmapped, shortfall_quantity = :shortfall"
                        + " WHERE organization_id = :org AND id = :id"
                        + " AND (has_unmapped_lines <> :unmapped OR shortfall_quantity <> :shortfall)")
                .bind("org", org).bind("id", order.value()).bind("unmapped", hasUnmappedLines)
                .bind("shortfall", shortfallQuantity).execute();
    }

    @Override
    public Optional<Order> find(OrderId id) {
        return withLines(handle.createQuery("SELECT " + ORDER_COLUMNS + " FROM orders WHERE organization_id = :org AND id = :id")
                .bind("org", org).bind("id", id.value())).stream().findFirst();
    }

    @Override
    public Optional<Order> findByPlatformId(StoreId store, String platformOrderId) {
        return withLines(handle.createQuery("SELECT " + ORDER_COLUMNS + " FROM orders"
                        + " WHERE organization_id = :org AND store_id = :store AND platform_order_id = :pid")
                .bind("org", org).bind("store", store.value()).bind("pid", platformOrderId)).stream().findFirst();
    }

    @Override
    public Page<Order> search(OrderQuery q, PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE organization_id = :org");
        if (q.storeId() != null) where.append(" AND store_id = :store");
        if (q.status() != null) where.append(" AND status = :status");
        if (q.orderedFrom() != null) where.append(" AND ordered_at >= :from");
        if (q.orderedBefore() != null) where.append(" AND ordered_at < :before");
        if (q.text() != null && !q.text().isBlank()) {
            where.append(" AND (order_number ILIKE :text OR platform_order_id ILIKE :text OR customer_info::text ILIKE :text)");
        }
        return page(where.toString(), page, query -> {
            if (q.storeId() != null) query.bind("store", q.storeId().value());
            if (q.status() != null) query.bind("status", DbCodes.code(q.status()));
            if (q.orderedFrom() != null) query.bind("from", q.orderedFrom());
            if (q.orderedBefore() != null) query.bind("before", q.orderedBefore());
            if (q.text() != null && !q.text().isBlank()) query.bind("text", "%" + likeEscape(q.text().trim()) + "%");
        });
    }

    @Override
    public Page<Order> needingAttention(PageRequest page) {
        return page(" WHERE organization_id = :org AND (has_unmapped_lines OR shortfall_quantity > 0)", page, query -> {});
    }

    private Page<Order> page(String where, PageRequest page, java.util.function.Consumer<Query> binder) {
        Query count = handle.createQuery("SELECT count(*) FROM orders" + where).bind("org", org);
        binder.accept(count);
        long total = count.mapTo(Long.class).one();
        Query rows = handle.createQuery("SELECT " + ORDER_COLUMNS + " FROM orders" + where
                        + " ORDER BY ordered_at DESC, id LIMIT :limit OFFSET :offset")
                .bind("org", org).bind("limit", page.size()).bind("offset", page.offset());
        binder.accept(rows);
        return new Page<>(withLines(rows), page, total);
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
                rs.getBigDecimal("price"), rs.getBigDecimal("total_amount"), stage(rs.getString("stock_stage")),
                rs.getInt("shortfall_quantity"));
    }

    private static OrderLine.StockStage stage(String value) {
        return OrderLine.StockStage.valueOf(value.toUpperCase(Locale.ROOT));
    }

    private static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    public List<DailySales> dailySales(LocalDate from, LocalDate to, ZoneId zone, boolean bySku) {
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        // cancelled and returned orders sold nothing; a line's SKU is its variant's when mapped, the platform's otherwise
        String sql = bySku
                ? "SELECT (o.ordered_at AT TIME ZONE :zone)::date AS day, o.store_id,"
                        + " coalesce(v.variant_sku, i.sku, '') AS sku, o.currency, count(DISTINCT o.id) AS orders,"
                        + " sum(i.quantity) AS units, sum(i.total_amount) AS revenue"
                        + " FROM orders o JOIN order_items i ON i.organization_id = o.organization_id AND i.order_id = o.id"
                        + " LEFT JOIN product_variants v ON v.organization_id = i.organization_id AND v.id = i.product_variant_id"
                        + " WHERE o.organization_id = :org AND o.status NOT IN ('cancelled', 'returned')"
                        + "   AND o.ordered_at >= :start AND o.ordered_at < :end AND i.quantity > 0"
                        + " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
                : "SELECT day, store_id, NULL AS sku, currency, count(*) AS orders, sum(units) AS units,"
                        + " sum(total_amount) AS revenue FROM ("
                        + "   SELECT (o.ordered_at AT TIME ZONE :zone)::date AS day, o.store_id, o.currency, o.total_amount,"
                        + "     (SELECT coalesce(sum(i.quantity), 0) FROM order_items i"
                        + "       WHERE i.organization_id = o.organization_id AND i.order_id = o.id) AS units"
                        + "   FROM orders o WHERE o.organization_id = :org AND o.status NOT IN ('cancelled', 'returned')"
                        + "     AND o.ordered_at >= :start AND o.ordered_at < :end) d"
                        + " GROUP BY day, store_id, currency ORDER BY day, store_id, currency";
        return handle.createQuery(sql)
                .bind("org", org).bind("zone", zone.getId()).bind("start", start).bind("end", end)
                .map((rs, ctx) -> new DailySales(rs.getObject("day", LocalDate.class),
                        new StoreId(rs.getObject("store_id", UUID.class)), rs.getString("sku"), rs.getString("currency"),
                        rs.getLong("orders"), rs.getLong("units"), rs.getBigDecimal("revenue")))
                .list();
    }
}
