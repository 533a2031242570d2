package io.storesync.internal.jdbi.order;

import com.fasterxml.jackson.databind.JsonNode;
import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.order.DailySales;
import io.storesync.api.order.Order;
import io.storesync.api.order.OrderId;
import io.storesync.api.order.OrderQuery;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import io.storesync.internal.jdbi.DbCodes;
import io.storesync.internal.jdbi.JdbiMappings;
import io.storesync.spi.persistence.OrderRepository;
import io.storesync.spi.persistence.OrderRepository.LineState;
import io.storesync.spi.persistence.OrderRepository.LineStock;
import io.storesync.spi.persistence.OrderRepository.NewLine;
import io.storesync.spi.persistence.OrderRepository.OrderLines;
import io.storesync.spi.persistence.OrderRepository.SnapshotWrite;
import io.storesync.spi.persistence.OrderRepository.StoredLine;
import io.storesync.spi.persistence.OrderRepository.Write;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The order book in PostgreSQL. This class writes the order row itself - the newest-snapshot rule evaluated inside
 * one conditional upsert, which must stay one statement so that concurrent ingestions of an order serialise on its
 * row - and hands lines, reads and reports to the classes of this package that own them.
 */
public final class JdbiOrderRepository implements OrderRepository {
    private final Handle handle;
    private final UUID org;
    private final OrderLineStore lines;
    private final OrderReads reads;
    private final SalesReport sales;

    public JdbiOrderRepository(Handle handle, OrganizationId organizationId) {
        this.handle = handle;
        this.org = organizationId.value();
        this.lines = new OrderLineStore(handle, org);
        this.reads = new OrderReads(handle, org);
        this.sales = new SalesReport(handle, org);
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

    private static final String COLUMNS = "INSERT INTO orders (organization_id, store_id, platform_order_id,"
            + " order_number, customer_info, status, financial_status, fulfillment_status, subtotal, tax_amount,"
            + " shipping_amount, discount_amount, total_amount, currency, platform_data, notes, tags, ordered_at,"
            + " platform_status, platform_updated_at, snapshot_precedence) VALUES ";

    private static final String NEWEST_WINS = " ON CONFLICT (store_id, platform_order_id) DO UPDATE SET order_number = EXCLUDED.order_number,"
            + " customer_info = EXCLUDED.customer_info, status = EXCLUDED.status,"
            + " financial_status = EXCLUDED.financial_status, fulfillment_status = EXCLUDED.fulfillment_status,"
            + " subtotal = EXCLUDED.subtotal, tax_amount = EXCLUDED.tax_amount,"
            + " shipping_amount = EXCLUDED.shipping_amount, discount_amount = EXCLUDED.discount_amount,"
            + " total_amount = EXCLUDED.total_amount, currency = EXCLUDED.currency,"
            + " platform_data = EXCLUDED.platform_data, notes = EXCLUDED.notes, tags = EXCLUDED.tags,"
            + " ordered_at = EXCLUDED.ordered_at, platform_status = EXCLUDED.platform_status,"
            + " platform_updated_at = EXCLUDED.platform_updated_at,"
            + " snapshot_precedence = EXCLUDED.snapshot_precedence"
            // the newest-snapshot rule (core's NewestSnapshot.replaces) inside the write itself: the
            // conflicting row is locked either way, so a concurrent ingestion compares with what this wrote;
            // bytea compares bytewise, and a row stored without a precedence comes before any
            + " WHERE orders.platform_updated_at IS NULL OR (orders.platform_updated_at,"
            + " COALESCE(orders.snapshot_precedence, ''::bytea))"
            + " < (EXCLUDED.platform_updated_at, EXCLUDED.snapshot_precedence)";

    /** One row of the upsert's {@code VALUES}, its parameters suffixed with {@code i}. */
    private static String valuesRow(int i) {
        return ("(:org, :store#, :pid#, :number#, :customer#, :status#, :financial#, :fulfillment#, :subtotal#, :tax#,"
                + " :shipping#, :discount#, :total#, :currency#, :platformData#, :notes#, :tags#, :orderedAt#, :platformStatus#,"
                + " :platformUpdatedAt#, :precedence#)").replace("#", Integer.toString(i));
    }

    /** Binds one snapshot's values to the parameters of {@link #valuesRow(int) row i}. */
    private static <S extends SqlStatement<S>> S bindRow(S st, int i, OrderSnapshot s, byte[] precedence) {
        String n = Integer.toString(i);
        return st.bind("store" + n, s.storeId().value()).bind("pid" + n, s.platformOrderId())
                .bind("number" + n, s.orderNumber())
                .bindByType("customer" + n, JdbiMappings.toTree(s.customerInfo()), JsonNode.class)
                .bind("status" + n, DbCodes.code(s.status()))
                .bind("financial" + n, DbCodes.codeOrNull(s.financialStatus()))
                .bind("fulfillment" + n, DbCodes.codeOrNull(s.fulfillmentStatus()))
                .bind("subtotal" + n, s.subtotal()).bind("tax" + n, s.taxAmount()).bind("shipping" + n, s.shippingAmount())
                .bind("discount" + n, s.discountAmount()).bind("total" + n, s.totalAmount()).bind("currency" + n, s.currency())
                .bindByType("platformData" + n, JdbiMappings.toTree(s.platformData()), JsonNode.class)
                .bind("notes" + n, s.notes()).bindArray("tags" + n, String.class, s.tags())
                .bind("orderedAt" + n, s.orderedAt()).bind("platformStatus" + n, s.platformStatus())
                .bind("platformUpdatedAt" + n, s.platformUpdatedAt()).bind("precedence" + n, precedence);
    }

    @Override
    public Upserted upsert(OrderSnapshot s, byte[] precedence) {
        Optional<Upserted> written = bindRow(handle.createQuery(COLUMNS + valuesRow(0) + NEWEST_WINS
                        + " RETURNING id, (xmax = 0) AS created"), 0, s, precedence)
                .bind("org", org)
                .map((rs, ctx) -> new Upserted(new OrderId(rs.getObject("id", UUID.class)),
                        rs.getBoolean("created") ? Write.INSERTED : Write.REPLACED))
                .findOne();
        if (written.isPresent()) return written.get();
        return handle.createQuery("SELECT id, platform_updated_at, snapshot_precedence FROM orders"
                        + " WHERE organization_id = :org AND store_id = :store AND platform_order_id = :pid")
                .bind("org", org).bind("store", s.storeId().value()).bind("pid", s.platformOrderId())
                .map((rs, ctx) -> new Upserted(new OrderId(rs.getObject("id", UUID.class)), Write.KEPT,
                        JdbiMappings.instant(rs, "platform_updated_at"), rs.getBytes("snapshot_precedence")))
                .one();
    }

    /**
     * The same conditional upsert as {@link #upsert} for a page, in one statement: each row is compared and locked as
     * the one-row statement does it, in the order given (the caller's lock order), and the rows it kept out are read
     * in a second statement - still locked by the first, so what is read is what the rule was evaluated against.
     */
    @Override
    public List<Upserted> upsertAll(List<SnapshotWrite> writes) {
        if (writes.size() < 2) return OrderRepository.super.upsertAll(writes);
        StringBuilder sql = new StringBuilder(COLUMNS);
        for (int i = 0; i < writes.size(); i++) sql.append(i == 0 ? "" : ", ").append(valuesRow(i));
        sql.append(NEWEST_WINS).append(" RETURNING id, store_id, platform_order_id, (xmax = 0) AS created");
        Query upsert = handle.createQuery(sql.toString()).bind("org", org);
        for (int i = 0; i < writes.size(); i++) bindRow(upsert, i, writes.get(i).snapshot(), writes.get(i).precedence());
        Map<List<Object>, Upserted> byKey = new HashMap<>();
        upsert.map((rs, ctx) -> Map.entry(List.<Object>of(rs.getObject("store_id", UUID.class), rs.getString("platform_order_id")),
                        new Upserted(new OrderId(rs.getObject("id", UUID.class)),
                                rs.getBoolean("created") ? Write.INSERTED : Write.REPLACED)))
                .forEach(e -> byKey.put(e.getKey(), e.getValue()));
        if (byKey.size() < writes.size()) {
            List<UUID> stores = new ArrayList<>();
            List<String> pids = new ArrayList<>();
            for (SnapshotWrite w : writes) {
                if (byKey.containsKey(key(w.snapshot()))) continue;
                stores.add(w.snapshot().storeId().value());
                pids.add(w.snapshot().platformOrderId());
            }
            handle.createQuery("SELECT o.id, o.store_id, o.platform_order_id, o.platform_updated_at, o.snapshot_precedence"
                            + " FROM unnest(:stores, :pids) AS k(store_id, platform_order_id)"
                            + " JOIN orders o ON o.organization_id = :org AND o.store_id = k.store_id"
                            + "   AND o.platform_order_id = k.platform_order_id")
                    .bind("org", org).bindArray("stores", UUID.class, stores).bindArray("pids", String.class, pids)
                    .map((rs, ctx) -> Map.entry(List.<Object>of(rs.getObject("store_id", UUID.class), rs.getString("platform_order_id")),
                            new Upserted(new OrderId(rs.getObject("id", UUID.class)), Write.KEPT,
                                    JdbiMappings.instant(rs, "platform_updated_at"), rs.getBytes("snapshot_precedence"))))
                    .forEach(e -> byKey.put(e.getKey(), e.getValue()));
        }
        List<Upserted> out = new ArrayList<>(writes.size());
        for (SnapshotWrite w : writes) {
            Upserted u = byKey.get(key(w.snapshot()));
            if (u == null) throw new IllegalStateException("order upsert returned no row for one of its snapshots");
            out.add(u);
        }
        return out;
    }

    private static List<Object> key(OrderSnapshot s) {
        return List.of(s.storeId().value(), s.platformOrderId());
    }

    @Override
    public <R> R isolated(Supplier<R> work) {
        return Savepoints.run(handle, "ingest_order", work);
    }

    @Override
    public List<StoredLine> lines(OrderId order) {
        return lines.lines(order);
    }

    @Override
    public Map<OrderId, List<StoredLine>> upsertLines(List<OrderLines> orders) {
        return lines.upsertLines(orders);
    }

    @Override
    public Map<OrderId, List<StoredLine>> mapNewLines(List<OrderLines> orders) {
        return lines.mapNewLines(orders);
    }

    @Override
    public void insertNewLines(List<NewLine> newLines) {
        lines.insertNewLines(newLines);
    }

    @Override
    public void zeroLinesExcept(OrderId order, Collection<String> present) {
        lines.zeroLinesExcept(order, present);
    }

    @Override
    public Map<UUID, List<LineStock>> lineStock(Collection<UUID> lineIds) {
        return lines.lineStock(lineIds);
    }

    @Override
    public void setLineStates(List<LineState> states) {
        lines.setLineStates(states);
    }

    @Override
    public void setFlags(OrderId order, boolean hasUnmappedLines, int shortfallQuantity) {
        lines.setFlags(order, hasUnmappedLines, shortfallQuantity);
    }

    @Override
    public Optional<Order> find(OrderId id) {
        return reads.find(id);
    }

    @Override
    public Optional<Order> findByPlatformId(StoreId store, String platformOrderId) {
        return reads.findByPlatformId(store, platformOrderId);
    }

    @Override
    public Page<Order> search(OrderQuery query, PageRequest page) {
        return reads.search(query, page);
    }

    @Override
    public Page<Order> needingAttention(PageRequest page) {
        return reads.needingAttention(page);
    }

    @Override
    public List<DailySales> dailySales(LocalDate from, LocalDate to, ZoneId zone, boolean bySku) {
        return sales.dailySales(from, to, zone, bySku);
    }
}
