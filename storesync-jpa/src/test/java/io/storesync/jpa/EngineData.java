package io.storesync.jpa;

import io.storesync.StoreSync;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.compliance.BuyerQuery;
import io.storesync.api.compliance.DataClass;
import io.storesync.api.compliance.RetentionPolicy;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreSettings;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.Sql;
import io.storesync.testkit.tck.SyncFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Two organizations with data in every tenant table. Everything the StoreSync API can write is written through it
 * (organization and owner, store, catalogue, stock with an idempotency key, listing, an order with a line, a webhook
 * endpoint; connecting the store queues its jobs and schedules; the audit trail those writes leave, retention
 * settings, an erased buyer). Five tables only the running engine fills (job logs, the webhook inbox, pending pushes,
 * listing push state, and a purge record, which a purge writes only when something is past its period) get one row
 * each by plain SQL as the application role in the tenant's transaction, as the engine's own statements would.
 */
record EngineData(Tenant a, Tenant b) {
    record Tenant(OrganizationId id, UUID storeId, UUID variantId, UUID orderId) {}

    static EngineData write(TestDatabase db) throws SQLException {
        SyncFixture fx = new SyncFixture(db, FakeMarketplace.create(),
                (pool, schema) -> StoreSync.builder().dataSource(pool).schema(schema));
        try (StoreSync storeSync = fx.storeSync(db.appDataSource(), StoreSyncListener.NONE)) {
            return new EngineData(tenant(db, fx, storeSync, "A"), tenant(db, fx, storeSync, "B"));
        }
    }

    private static Tenant tenant(TestDatabase db, SyncFixture fx, StoreSync storeSync, String tag) throws SQLException {
        SyncFixture.Org org = fx.organization(storeSync);
        Store store = fx.store(org, "shop-" + tag, StoreSettings.DEFAULTS);
        VariantId variant = fx.variant(org, "SKU-" + tag, 20);
        org.owner().inventory().receive(variant, fx.mainLocation(org), 1, StockContext.idempotent("receive-" + tag));
        fx.listing(org, store.id(), variant, "PP-" + tag);
        org.owner().orders().ingest(SyncFixture.order(store.id(), "SN-" + tag, "PP-" + tag, 2, Instant.now()));
        org.owner().webhooks().addEndpoint(store.id(), "https://host.example/hooks/" + tag, List.of("orders"));
        UUID orderId = org.owner().orders().findByPlatformId(store.id(), "SN-" + tag).orElseThrow().id().value();
        // V14's tables: every administered write above left audit rows; an organization's own retention periods; a
        // buyer (of no stored order) erased with "anonymise later orders" leaves the fingerprint of their email
        org.owner().compliance().setRetention(RetentionPolicy.DEFAULTS.with(DataClass.SYNC_LOGS, Duration.ofDays(120)));
        org.owner().compliance().eraseBuyer(BuyerQuery.email("gone-" + tag + "@buyer.example"), true);
        try (Connection c = Sql.tenant(db.appDataSource(), db.schema(), org.id().value())) {
            UUID orgId = org.id().value();
            UUID storeId = store.id().value();
            UUID job = Sql.id(c, "SELECT id FROM sync_jobs ORDER BY created_at LIMIT 1");
            Sql.exec(c, "INSERT INTO sync_logs (organization_id, sync_job_id, level, message) VALUES (?, ?, 'info', 'started')", orgId, job);
            UUID endpoint = Sql.id(c, "SELECT id FROM webhook_endpoints LIMIT 1");
            Sql.exec(c, "INSERT INTO webhook_events (organization_id, webhook_endpoint_id, store_id, event_type, payload, headers,"
                    + " raw_body) VALUES (?, ?, ?, 'orders', '{\"id\": 1}', '{}', '\\x7b7d')", orgId, endpoint, storeId);
            Sql.exec(c, "INSERT INTO stock_push_pending (organization_id, store_id, product_variant_id) VALUES (?, ?, ?)"
                    + " ON CONFLICT DO NOTHING", orgId, storeId, variant.value());
            UUID mapping = Sql.id(c, "SELECT id FROM store_product_mappings LIMIT 1");
            Sql.exec(c, "INSERT INTO listing_sync_state (organization_id, store_product_mapping_id, pushed_quantity,"
                    + " pushed_price) VALUES (?, ?, 18, 10.00) ON CONFLICT DO NOTHING", orgId, mapping);
            // a purge records a row only when it removed something, and nothing written a moment ago is past its period
            Sql.exec(c, "INSERT INTO retention_purges (organization_id, data_class, cutoff, removed, archived)"
                    + " VALUES (?, 'sync_logs', now() - interval '120 days', 3, 0)", orgId);
            c.commit();
        }
        return new Tenant(org.id(), store.id().value(), variant.value(), orderId);
    }
}
