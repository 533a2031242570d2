package io.storesync.benchmarks;

import io.storesync.StoreSync;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.order.OrderLineSnapshot;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.order.OrderStatus;
import io.storesync.api.order.Orders;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import io.storesync.testkit.TestDatabase;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Ingests orders of 3 lines through {@code Orders.ingestAll} in pages of 100 (what one poll returns), versus plain
 * JDBC batch inserts of the same order, line and ledger rows, on the same database in the same run; then 1,000 versus
 * 10,000 orders through the SDK to show the cost grows linearly. Each side writes into an organization of its own.
 *
 * <p>The raw side only inserts rows - the same rows, column for column, that the SDK writes for these orders; the SDK
 * also decides which snapshot is the newest, maps each line to its variant through the store's listings, reserves
 * stock with a conditional update per item and records each line's stage: what a real ingestion has to do.
 */
public final class OrderIngestionBenchmark {
    private static final int ORDERS = Integer.getInteger("bench.orders", 10_000);
    private static final int PAGE = 100;
    private static final int JDBC_BATCH = 1_000;
    private static final PrintStream OUT = System.out;

    private OrderIngestionBenchmark() {}

    public static void main(String[] args) throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            StoreSync storeSync = db.storeSync();
            OUT.printf("server: %s (fsync=off, synchronous_commit=off, full_page_writes=off); %,d orders x 3 lines%n",
                    db.serverKind(), ORDERS);
            sdk(shop(storeSync, db), 1_000);
            raw(db, shop(storeSync, db), 1_000);
            // measure both sides with statistics, as a running installation has them; -Dbench.analyze=false
            // measures the young database instead (autovacuum then analyses at its own pace during the run)
            if (Boolean.parseBoolean(System.getProperty("bench.analyze", "true"))) {
                try (Connection c = db.ownerDataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
                    st.execute("ANALYZE " + String.join(", ", List.of("orders", "order_items", "inventory_transactions",
                            "inventory_items", "store_product_mappings", "product_variants", "stock_changes").stream()
                            .map(t -> db.schema() + "." + t).toList()));
                }
                OUT.println("analyzed after warm-up");
            }

            double sdk = sdk(shop(storeSync, db), ORDERS);
            double raw = raw(db, shop(storeSync, db), ORDERS);
            OUT.printf("sdk %,.0f orders/s, raw %,.0f orders/s, ratio %.2f (goal >= 0.40)%n", sdk, raw, sdk / raw);

            double small = ORDERS / 10 / sdk(shop(storeSync, db), ORDERS / 10);
            double large = ORDERS / sdk(shop(storeSync, db), ORDERS);
            OUT.printf("sdk time: %,d orders %.2f s, %,d orders %.2f s, ratio %.1f (linear = 10.0)%n",
                    ORDERS / 10, small, ORDERS, large, large / small);
        }
    }

    private record Shop(Tenant tenant, StoreId store, LocationId location, List<VariantId> variants, DataSource app,
            String schema) {}

    private static Shop shop(StoreSync storeSync, TestDatabase db) throws SQLException {
        Tenant tenant = BenchData.organization(storeSync);
        OrganizationId org = tenant.organizationId();
        String tag = org.value().toString().substring(0, 8);
        LocationId location = tenant.locations().create(NewLocation.named("Main")).id();
        List<VariantId> variants = new ArrayList<>();
        for (int v = 0; v < 3; v++) variants.add(BenchData.variant(db.appDataSource(), db.schema(), org, "SKU-" + v + "-" + tag));
        for (VariantId v : variants) tenant.inventory().receive(v, location, 10_000_000, StockContext.none());
        StoreId store;
        try (Connection c = BenchData.tenantConnection(db.appDataSource(), db.schema(), org)) {
            store = new StoreId(BenchData.id(c, "INSERT INTO stores (organization_id, platform_id, name, platform_store_id, credentials)"
                    + " SELECT ?, id, 'Shopee', ?, '{}' FROM platforms WHERE name = 'shopee' RETURNING id", org.value(), tag));
            for (int v = 0; v < 3; v++) {
                BenchData.id(c, "INSERT INTO store_product_mappings (organization_id, store_id, product_variant_id, platform_product_id,"
                        + " platform_variant_id, price) VALUES (?, ?, ?, ?, ?, 25000) RETURNING id",
                        org.value(), store.value(), variants.get(v).value(), "item-" + v, "model-" + v);
            }
            c.commit();
        }
        return new Shop(tenant, store, location, variants, db.appDataSource(), db.schema());
    }

    private static List<OrderSnapshot> snapshots(Shop shop, int n) {
        Instant t0 = Instant.parse("2026-11-20T03:00:00Z");
        BigDecimal price = new BigDecimal("25000.00");
        List<OrderSnapshot> orders = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<OrderLineSnapshot> lines = new ArrayList<>();
            for (int v = 0; v < 3; v++) lines.add(new OrderLineSnapshot("line-" + v, "item-" + v, "model-" + v, null, "Item " + v, 1, price, price));
            orders.add(new OrderSnapshot(shop.store(), "SN" + i, "#" + i, "READY_TO_SHIP", OrderStatus.AWAITING_SHIPMENT, null, null,
                    new BigDecimal("75000.00"), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("75000.00"), "IDR",
                    Map.of("name", "Buyer " + i), List.of(), null, t0.plusSeconds(i), t0.plusSeconds(i), Map.of("order_sn", "SN" + i), lines));
        }
        return orders;
    }

    /** Orders per second through the SDK. */
    private static double sdk(Shop shop, int n) {
        List<OrderSnapshot> orders = snapshots(shop, n);
        Orders book = shop.tenant().orders();
        long started = System.nanoTime();
        for (int i = 0; i < n; i += PAGE) book.ingestAll(orders.subList(i, Math.min(n, i + PAGE)));
        return n / ((System.nanoTime() - started) / 1e9);
    }

    /** Orders per second with plain JDBC batches of the same rows. */
    private static double raw(TestDatabase db, Shop shop, int n) throws SQLException {
        UUID org = shop.tenant().organizationId().value();
        List<UUID> items = new ArrayList<>();
        try (Connection c = BenchData.tenantConnection(shop.app(), shop.schema(), shop.tenant().organizationId())) {
            for (VariantId v : shop.variants()) {
                items.add(BenchData.id(c, "SELECT id FROM inventory_items WHERE product_variant_id = ? AND location_id = ?",
                        v.value(), shop.location().value()));
            }
            c.commit();
        }
        // the SDK's ledger rows name the acting user, as these do
        UUID actor = shop.tenant().actor().userId().orElseThrow().value();
        long started = System.nanoTime();
        try (Connection c = BenchData.tenantConnection(shop.app(), shop.schema(), shop.tenant().organizationId());
             // the columns the SDK writes, with the values it writes: the platform's status and update time, the
             // snapshot's precedence (33 bytes), an empty tag list; each line's platform id and settled stage; each
             // ledger row's note and acting user
             PreparedStatement order = c.prepareStatement("INSERT INTO orders (id, organization_id, store_id, platform_order_id,"
                     + " order_number, customer_info, status, subtotal, total_amount, currency, platform_data, ordered_at,"
                     + " tags, platform_status, platform_updated_at, snapshot_precedence)"
                     + " VALUES (?, ?, ?, ?, ?, ?::jsonb, 'awaiting_shipment', 75000, 75000, 'IDR', ?::jsonb, ?, '{}',"
                     + " 'READY_TO_SHIP', ?, ?)");
             PreparedStatement line = c.prepareStatement("INSERT INTO order_items (id, organization_id, order_id, product_variant_id,"
                     + " platform_product_id, platform_variant_id, name, quantity, price, total_amount, platform_line_id,"
                     + " stock_stage) VALUES (?, ?, ?, ?, ?, ?, ?, 1, 25000, 25000, ?, 'reserved')");
             PreparedStatement ledger = c.prepareStatement("INSERT INTO inventory_transactions (organization_id,"
                     + " inventory_item_id, transaction_type, quantity_change, reserved_change, reference_type, reference_id,"
                     + " notes, created_by) VALUES (?, ?, 'reserve', 0, 1, 'order_item', ?, ?, ?)")) {
            Instant t0 = Instant.parse("2026-11-20T03:00:00Z");
            for (int i = 0; i < n; i++) {
                UUID orderId = UUID.randomUUID();
                order.setObject(1, orderId);
                order.setObject(2, org);
                order.setObject(3, shop.store().value());
                order.setString(4, "SN" + i);
                order.setString(5, "#" + i);
                order.setString(6, "{\"name\":\"Buyer " + i + "\"}");
                order.setString(7, "{\"order_sn\":\"SN" + i + "\"}");
                order.setTimestamp(8, Timestamp.from(t0.plusSeconds(i)));
                order.setTimestamp(9, Timestamp.from(t0.plusSeconds(i)));
                byte[] precedence = new byte[33];
                precedence[0] = 4;
                precedence[1] = (byte) i;
                precedence[2] = (byte) (i >>> 8);
                order.setBytes(10, precedence);
                order.addBatch();
                for (int v = 0; v < 3; v++) {
                    UUID lineId = UUID.randomUUID();
                    line.setObject(1, lineId);
                    line.setObject(2, org);
                    line.setObject(3, orderId);
                    line.setObject(4, shop.variants().get(v).value());
                    line.setString(5, "item-" + v);
                    line.setString(6, "model-" + v);
                    line.setString(7, "Item " + v);
                    line.setString(8, "line-" + v);
                    line.addBatch();
                    ledger.setObject(1, org);
                    ledger.setObject(2, items.get(v));
                    ledger.setObject(3, lineId);
                    ledger.setString(4, "order SN" + i);
                    ledger.setObject(5, actor);
                    ledger.addBatch();
                }
                if ((i + 1) % JDBC_BATCH == 0 || i == n - 1) {
                    order.executeBatch();
                    line.executeBatch();
                    ledger.executeBatch();
                    c.commit();
                    BenchData.enterTenant(c, shop.schema(), shop.tenant().organizationId());
                }
            }
        }
        return n / ((System.nanoTime() - started) / 1e9);
    }
}
