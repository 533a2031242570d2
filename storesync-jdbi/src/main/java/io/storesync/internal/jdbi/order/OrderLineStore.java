package io.storesync.internal.jdbi.order;

import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.order.OrderId;
import io.storesync.api.order.OrderLine;
import io.storesync.api.order.OrderLineSnapshot;
import io.storesync.spi.persistence.OrderRepository.LineState;
import io.storesync.spi.persistence.OrderRepository.LineStock;
import io.storesync.spi.persistence.OrderRepository.NewLine;
import io.storesync.spi.persistence.OrderRepository.OrderLines;
import io.storesync.spi.persistence.OrderRepository.StoredLine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * An order's lines and what ingestion writes on them: the line upsert that maps each line to a variant, the stock a
 * line holds (summed from the ledger rows that reference it), and the line states and order flags ingestion settles on.
 */
final class OrderLineStore {
    /** The mapping rule joined to the lines of an upsert ({@code l}) and to the distinct keys of a page ({@code k}). */
    private static final String LINE_VARIANT = mappedVariant("l"), KEY_VARIANT = mappedVariant("k");
    private final Handle handle;
    private final UUID org;

    OrderLineStore(Handle handle, UUID org) {
        this.handle = handle;
        this.org = org;
    }

    static final RowMapper<StoredLine> STORED_LINE = (rs, ctx) -> {
        UUID v = rs.getObject("product_variant_id", UUID.class);
        return new StoredLine(rs.getObject("id", UUID.class), rs.getString("platform_line_id"),
                v == null ? null : new VariantId(v), rs.getInt("quantity"), stage(rs.getString("stock_stage")));
    };

    List<StoredLine> lines(OrderId order) {
        return handle.createQuery("SELECT id, platform_line_id, product_variant_id, quantity, stock_stage FROM order_items"
                        + " WHERE organization_id = :org AND order_id = :order ORDER BY platform_line_id")
                .bind("org", org).bind("order", order.value())
                .map(STORED_LINE)
                .list();
    }

    Map<OrderId, List<StoredLine>> upsertLines(List<OrderLines> orders) {
        List<UUID> storeIds = new ArrayList<>();
        LineColumns columns = new LineColumns();
        for (OrderLines o : orders) for (OrderLineSnapshot l : o.lines()) {
            storeIds.add(o.store().value());
            columns.add(o.order(), l);
        }
        if (storeIds.isEmpty()) return Map.of();
        Map<OrderId, List<StoredLine>> written = new HashMap<>();
        columns.bindTo(handle.createQuery("INSERT INTO order_items (organization_id, order_id, platform_line_id, product_variant_id,"
                        + " platform_product_id, platform_variant_id, name, sku, quantity, price, total_amount)"
                        + " SELECT :org, l.order_id, l.key, coalesce(m.product_variant_id, s.variant_id), l.product, l.pvariant,"
                        + "   l.name, l.sku, l.quantity, l.price, l.total"
                        + " FROM unnest(:orders, :stores, :keys, :products, :pvariants, :names, :skus, :quantities, :prices,"
                        + "   :totals) AS l(order_id, store_id, key, product, pvariant, name, sku, quantity, price, total)"
                        + LINE_VARIANT
                        + " ON CONFLICT (organization_id, order_id, platform_line_id) DO UPDATE SET"
                        // a mapped line keeps its variant: its stock effects were booked against it
                        + " product_variant_id = coalesce(order_items.product_variant_id, EXCLUDED.product_variant_id),"
                        + " platform_product_id = EXCLUDED.platform_product_id, platform_variant_id = EXCLUDED.platform_variant_id,"
                        + " name = EXCLUDED.name, sku = EXCLUDED.sku, quantity = EXCLUDED.quantity, price = EXCLUDED.price,"
                        + " total_amount = EXCLUDED.total_amount"
                        + " RETURNING id, order_id, platform_line_id, product_variant_id, quantity, stock_stage"))
                .bind("org", org).bindArray("stores", UUID.class, storeIds)
                .map((rs, ctx) -> written.computeIfAbsent(new OrderId(rs.getObject("order_id", UUID.class)),
                        k -> new ArrayList<>()).add(STORED_LINE.map(rs, ctx)))
                .list();
        return written;
    }

    /**
     * Maps the lines of new orders by the rule of {@link #upsertLines} without writing them: the listing and SKU
     * lookups run once per distinct (store, platform product id, platform variant id, SKU) of the page - a page of
     * 300 lines usually has a handful - and each line gets a new id.
     */
    Map<OrderId, List<StoredLine>> mapNewLines(List<OrderLines> orders) {
        // each distinct key once, by its position in the arrays; each line's position, in page order
        Map<List<Object>, Integer> keyIndex = new HashMap<>();
        List<Integer> lineKeys = new ArrayList<>();
        List<UUID> storeIds = new ArrayList<>();
        List<String> products = new ArrayList<>(), pvariants = new ArrayList<>(), skus = new ArrayList<>();
        for (OrderLines o : orders) for (OrderLineSnapshot l : o.lines()) {
            lineKeys.add(keyIndex.computeIfAbsent(
                    Arrays.asList(o.store().value(), l.platformProductId(), l.platformVariantId(), l.sku()), k -> {
                        storeIds.add(o.store().value());
                        products.add(l.platformProductId());
                        pvariants.add(l.platformVariantId());
                        skus.add(l.sku());
                        return storeIds.size() - 1;
                    }));
        }
        if (storeIds.isEmpty()) return Map.of();
        UUID[] variants = new UUID[storeIds.size()];
        handle.createQuery("SELECT k.ord, coalesce(m.product_variant_id, s.variant_id) AS variant_id"
                        + " FROM unnest(:stores, :products, :pvariants, :skus) WITH ORDINALITY AS k(store_id, product, pvariant, sku, ord)"
                        + KEY_VARIANT)
                .bind("org", org).bindArray("stores", UUID.class, storeIds).bindArray("products", String.class, products)
                .bindArray("pvariants", String.class, pvariants).bindArray("skus", String.class, skus)
                .map((rs, ctx) -> variants[(int) rs.getLong("ord") - 1] = rs.getObject("variant_id", UUID.class))
                .list();
        Map<OrderId, List<StoredLine>> mapped = new HashMap<>();
        int line = 0;
        for (OrderLines o : orders) {
            List<StoredLine> lines = new ArrayList<>(o.lines().size());
            for (OrderLineSnapshot l : o.lines()) {
                UUID v = variants[lineKeys.get(line++)];
                lines.add(new StoredLine(UUID.randomUUID(), l.platformLineId(), v == null ? null : new VariantId(v), l.quantity(),
                        OrderLine.StockStage.NONE));
            }
            mapped.put(o.order(), lines);
        }
        return mapped;
    }

    /**
     * OrderRepository.upsertLines' mapping rule, for the rows of {@code line} (columns store_id, product, pvariant,
     * sku): the store's active listing decides ({@code m.product_variant_id}); failing that, a SKU is trusted only when
     * exactly one variant carries it ({@code s.variant_id}). One text for the upsert of known orders' lines and the
     * mapping of new ones, so the two can never map a line differently.
     */
    private static String mappedVariant(String line) {
        return String.format(" LEFT JOIN LATERAL (SELECT product_variant_id FROM store_product_mappings m"
                + "   WHERE m.organization_id = :org AND m.store_id = %1$s.store_id AND m.is_active"
                + "     AND m.platform_product_id = %1$s.product AND m.platform_variant_id IS NOT DISTINCT FROM %1$s.pvariant"
                + "   LIMIT 1) m ON true"
                + " LEFT JOIN LATERAL (SELECT min(v.id::text)::uuid AS variant_id FROM product_variants v"
                + "   WHERE v.organization_id = :org AND v.variant_sku = %1$s.sku HAVING count(*) = 1) s ON true", line);
    }

    /**
     * Inserts the lines of new orders with their ids, variants and settled states, in one statement. A plain insert:
     * the lines of an order inserted in this transaction cannot exist yet.
     */
    void insertNewLines(List<NewLine> lines) {
        if (lines.isEmpty()) return;
        List<UUID> ids = new ArrayList<>(), variants = new ArrayList<>();
        List<String> stages = new ArrayList<>();
        List<Integer> shortfalls = new ArrayList<>();
        LineColumns columns = new LineColumns();
        for (NewLine n : lines) {
            ids.add(n.line().id());
            variants.add(n.line().variantId() == null ? null : n.line().variantId().value());
            stages.add(n.stage().name().toLowerCase(Locale.ROOT));
            shortfalls.add(n.shortfall());
            columns.add(n.order(), n.snapshot());
        }
        columns.bindTo(handle.createUpdate("INSERT INTO order_items (id, organization_id, order_id, platform_line_id, product_variant_id,"
                        + " platform_product_id, platform_variant_id, name, sku, quantity, price, total_amount, stock_stage,"
                        + " shortfall_quantity)"
                        + " SELECT l.id, :org, l.order_id, l.key, l.variant, l.product, l.pvariant, l.name, l.sku, l.quantity,"
                        + "   l.price, l.total, l.stage, l.shortfall"
                        + " FROM unnest(:ids, :orders, :keys, :variants, :products, :pvariants, :names, :skus, :quantities,"
                        + "   :prices, :totals, :stages, :shortfalls)"
                        + "   AS l(id, order_id, key, variant, product, pvariant, name, sku, quantity, price, total, stage, shortfall)"))
                .bind("org", org).bindArray("ids", UUID.class, ids).bindArray("variants", UUID.class, variants)
                .bindArray("stages", String.class, stages).bindArray("shortfalls", Integer.class, shortfalls)
                .execute();
    }

    void zeroLinesExcept(OrderId order, Collection<String> present) {
        handle.createUpdate("UPDATE order_items SET quantity = 0, total_amount = 0"
                        + " WHERE organization_id = :org AND order_id = :order AND quantity <> 0"
                        + " AND NOT (platform_line_id = ANY (:present))")
                .bind("org", org).bind("order", order.value()).bindArray("present", String.class, List.copyOf(present))
                .execute();
    }

    Map<UUID, List<LineStock>> lineStock(Collection<UUID> lineIds) {
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

    void setLineStates(List<LineState> states) {
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

    void setFlags(OrderId order, boolean hasUnmappedLines, int shortfallQuantity) {
        handle.createUpdate("UPDATE orders SET has_unmapped_lines = :unmapped, shortfall_quantity = :shortfall"
                        + " WHERE organization_id = :org AND id = :id"
                        + " AND (has_unmapped_lines <> :unmapped OR shortfall_quantity <> :shortfall)")
                .bind("org", org).bind("id", order.value()).bind("unmapped", hasUnmappedLines)
                .bind("shortfall", shortfallQuantity).execute();
    }

    static OrderLine.StockStage stage(String value) {
        return OrderLine.StockStage.valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The columns of order lines a page writes that come from the snapshot, bound as arrays for {@code unnest}. */
    private static final class LineColumns {
        private final List<UUID> orders = new ArrayList<>();
        private final List<String> keys = new ArrayList<>(), products = new ArrayList<>(), pvariants = new ArrayList<>(),
                names = new ArrayList<>(), skus = new ArrayList<>();
        private final List<Integer> quantities = new ArrayList<>();
        private final List<BigDecimal> prices = new ArrayList<>(), totals = new ArrayList<>();

        void add(OrderId order, OrderLineSnapshot l) {
            orders.add(order.value());
            keys.add(l.platformLineId());
            products.add(l.platformProductId());
            pvariants.add(l.platformVariantId());
            names.add(l.name());
            skus.add(l.sku());
            quantities.add(l.quantity());
            prices.add(l.unitPrice());
            totals.add(l.lineTotal());
        }

        <S extends SqlStatement<S>> S bindTo(S statement) {
            return statement.bindArray("orders", UUID.class, orders).bindArray("keys", String.class, keys)
                    .bindArray("products", String.class, products).bindArray("pvariants", String.class, pvariants)
                    .bindArray("names", String.class, names).bindArray("skus", String.class, skus)
                    .bindArray("quantities", Integer.class, quantities).bindArray("prices", BigDecimal.class, prices)
                    .bindArray("totals", BigDecimal.class, totals);
        }
    }
}
