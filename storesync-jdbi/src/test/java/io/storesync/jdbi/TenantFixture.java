package io.storesync.jdbi;

import io.storesync.testkit.tck.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/** One organization with a row in every tenant table, written through plain SQL as the application role. */
final class TenantFixture {
    private TenantFixture() {}

    static UUID populate(DataSource app, String schema) throws SQLException {
        UUID org = UUID.randomUUID();
        try (Connection c = Sql.tenant(app, schema, org)) {
            String tag = org.toString().substring(0, 8);
            UUID user = UUID.randomUUID();
            Sql.exec(c, "INSERT INTO organizations (id, name, slug) VALUES (?, 'Org', ?)", org, "org-" + tag);
            Sql.exec(c, "INSERT INTO users (id, organization_id, email, role) VALUES (?, ?, ?, 'owner')", user, org, tag + "@example.com");
            UUID store = Sql.id(c, "INSERT INTO stores (organization_id, platform_id, name, platform_store_id, credentials)"
                    + " SELECT ?, id, 'Shop', '1001', '{}' FROM platforms WHERE name = 'shopee' RETURNING id", org);
            UUID product = Sql.id(c, "INSERT INTO products (organization_id, sku, name) VALUES (?, 'P-1', 'Kopi') RETURNING id", org);
            UUID variant = Sql.id(c, "INSERT INTO product_variants (organization_id, product_id, variant_sku) VALUES (?, ?, 'P-1-S') RETURNING id", org, product);
            Sql.exec(c, "INSERT INTO store_product_mappings (organization_id, store_id, product_variant_id, platform_product_id, price)"
                    + " VALUES (?, ?, ?, '9001', 10.00)", org, store, variant);
            UUID location = Sql.id(c, "INSERT INTO inventory_locations (organization_id, name, is_default) VALUES (?, 'Main', true) RETURNING id", org);
            UUID item = Sql.id(c, "INSERT INTO inventory_items (organization_id, product_variant_id, location_id, quantity_on_hand)"
                    + " VALUES (?, ?, ?, 5) RETURNING id", org, variant, location);
            Sql.exec(c, "INSERT INTO inventory_transactions (organization_id, inventory_item_id, transaction_type, quantity_change, created_by)"
                    + " VALUES (?, ?, 'receive', 5, ?)", org, item, user);
            Sql.exec(c, "INSERT INTO stock_changes (organization_id, product_variant_id) VALUES (?, ?)", org, variant);
            Sql.exec(c, "INSERT INTO stock_idempotency_keys (organization_id, idempotency_key, fingerprint) VALUES (?, 'k', 'f')", org);
            UUID order = Sql.id(c, "INSERT INTO orders (organization_id, store_id, platform_order_id, customer_info, status, subtotal,"
                    + " total_amount, ordered_at, tags) VALUES (?, ?, 'SN1', '{}', 'unpaid', 10, 10, now(), '{a,b}') RETURNING id", org, store);
            Sql.exec(c, "INSERT INTO order_items (organization_id, order_id, product_variant_id, name, quantity, price, total_amount)"
                    + " VALUES (?, ?, ?, 'Kopi', 1, 10, 10)", org, order, variant);
            UUID job = Sql.id(c, "INSERT INTO sync_jobs (organization_id, store_id, job_type, status) VALUES (?, ?, 'catalog.import', 'pending') RETURNING id", org, store);
            Sql.exec(c, "INSERT INTO sync_logs (organization_id, sync_job_id, level, message) VALUES (?, ?, 'info', 'started')", org, job);
            UUID endpoint = Sql.id(c, "INSERT INTO webhook_endpoints (organization_id, store_id, event_types, url) VALUES (?, ?, '{order}', 'https://h/x') RETURNING id", org, store);
            Sql.exec(c, "INSERT INTO webhook_events (organization_id, webhook_endpoint_id, event_type, payload) VALUES (?, ?, 'order', '{}')", org, endpoint);
            // sync engine tables (V5)
            Sql.exec(c, "INSERT INTO store_sync_state (organization_id, store_id, orders_watermark, next_order_poll_at,"
                    + " next_catalog_reconcile_at) VALUES (?, ?, now(), now(), now())", org, store);
            Sql.exec(c, "INSERT INTO stock_push_pending (organization_id, store_id, product_variant_id) VALUES (?, ?, ?)", org, store, variant);
            UUID mapping = Sql.id(c, "SELECT id FROM store_product_mappings WHERE organization_id = ?", org);
            Sql.exec(c, "INSERT INTO listing_sync_state (organization_id, store_product_mapping_id, pushed_quantity) VALUES (?, ?, 5)", org, mapping);
            // compliance tables (V14)
            Sql.exec(c, "INSERT INTO retention_settings (organization_id, webhook_events_days) VALUES (?, 30)", org);
            Sql.exec(c, "INSERT INTO retention_purges (organization_id, data_class, cutoff, removed) VALUES (?, 'sync_logs', now(), 1)", org);
            Sql.exec(c, "INSERT INTO erased_buyers (organization_id, fingerprint) VALUES (?, ?)", org, "0".repeat(64));
            Sql.exec(c, "INSERT INTO audit_events (organization_id, actor_kind, actor_id, action) VALUES (?, 'system', 'fixture', 'test')", org);
            c.commit();
        }
        return org;
    }
}
