package io.storesync.internal.jdbi.compliance;

import io.storesync.api.compliance.DataClass;
import io.storesync.api.order.OrderId;
import io.storesync.api.organization.OrganizationId;
import io.storesync.spi.persistence.RetentionRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Settings live in {@code retention_settings}; every purge is one {@code DELETE ... WHERE id IN (SELECT ... ORDER BY
 * age LIMIT n FOR UPDATE SKIP LOCKED)}, so a purge never waits for a row a hot path holds. Orders and the audit trail
 * are deleted through the V14 SECURITY DEFINER functions: the application role has no DELETE on either.
 */
public final class JdbiRetentionRepository implements RetentionRepository {
    private static final Map<DataClass, String> COLUMNS = Map.of(DataClass.ORDERS, "orders_days",
            DataClass.SYNC_LOGS, "sync_logs_days", DataClass.WEBHOOK_EVENTS, "webhook_events_days",
            DataClass.AUDIT_TRAIL, "audit_trail_days", DataClass.IDEMPOTENCY_KEYS, "idempotency_keys_days");
    private final Handle handle;
    private final UUID org;

    public JdbiRetentionRepository(Handle handle, OrganizationId organizationId) {
        this.handle = handle;
        this.org = organizationId.value();
    }

    @Override
    public Map<DataClass, Duration> settings() {
        Map<DataClass, Duration> out = new EnumMap<>(DataClass.class);
        handle.createQuery("SELECT * FROM retention_settings WHERE organization_id = :org").bind("org", org)
                .mapToMap().findOne().ifPresent(row -> COLUMNS.forEach((c, col) -> {
                    Object days = row.get(col);
                    if (days != null) out.put(c, Duration.ofDays(((Number) days).longValue()));
                }));
        return out;
    }

    @Override
    public void saveSettings(Map<DataClass, Duration> periods) {
        handle.createUpdate("INSERT INTO retention_settings (organization_id, orders_days, sync_logs_days,"
                        + " webhook_events_days, audit_trail_days, idempotency_keys_days)"
                        + " VALUES (:org, :orders, :logs, :webhooks, :audit, :keys)"
                        + " ON CONFLICT (organization_id) DO UPDATE SET orders_days = EXCLUDED.orders_days,"
                        + " sync_logs_days = EXCLUDED.sync_logs_days, webhook_events_days = EXCLUDED.webhook_events_days,"
                        + " audit_trail_days = EXCLUDED.audit_trail_days, idempotency_keys_days = EXCLUDED.idempotency_keys_days,"
                        + " updated_at = now()")
                .bind("org", org).bind("orders", days(periods, DataClass.ORDERS)).bind("logs", days(periods, DataClass.SYNC_LOGS))
                .bind("webhooks", days(periods, DataClass.WEBHOOK_EVENTS)).bind("audit", days(periods, DataClass.AUDIT_TRAIL))
                .bind("keys", days(periods, DataClass.IDEMPOTENCY_KEYS)).execute();
    }

    private static Integer days(Map<DataClass, Duration> periods, DataClass c) {
        Duration d = periods.get(c);
        return d == null ? null : Math.toIntExact(d.toDays());
    }

    @Override
    public int purgeSyncLogs(Instant before, int limit) {
        return delete("sync_logs", "id", "created_at < :before", "created_at", before, limit);
    }

    @Override
    public int purgeFinishedJobs(Instant before, int limit) {
        return delete("sync_jobs", "id", "status IN ('completed', 'failed', 'cancelled') AND completed_at < :before",
                "completed_at", before, limit);
    }

    @Override
    public int purgeWebhookEvents(Instant before, int limit) {
        return delete("webhook_events", "id", "status IN ('processed', 'failed') AND created_at < :before", "created_at",
                before, limit);
    }

    @Override
    public int purgeIdempotencyKeys(Instant before, int limit) {
        return delete("stock_idempotency_keys", "idempotency_key", "created_at < :before", "created_at", before, limit);
    }

    private int delete(String table, String key, String condition, String age, Instant before, int limit) {
        return handle.createUpdate("DELETE FROM " + table + " WHERE organization_id = :org AND " + key + " IN (SELECT " + key
                        + " FROM " + table + " WHERE organization_id = :org AND " + condition + " ORDER BY " + age
                        + " LIMIT :limit FOR UPDATE SKIP LOCKED)")
                .bind("org", org).bind("before", before).bind("limit", clamp(limit)).execute();
    }

    private static int clamp(int limit) {
        return Math.max(1, Math.min(limit, 1000));
    }

    @Override
    public int purgeAuditTrail(Instant before, int limit) {
        return handle.createQuery("SELECT purge_audit_events(:before, :limit)").bind("before", before)
                .bind("limit", clamp(limit)).mapTo(Integer.class).one();
    }

    @Override
    public List<ExpiredOrder> expiredOrders(Instant before, int limit) {
        return handle.createQuery("SELECT o.id, (to_jsonb(o) || jsonb_build_object('lines', coalesce((SELECT"
                        + " jsonb_agg(to_jsonb(i) ORDER BY i.created_at, i.id) FROM order_items i"
                        + " WHERE i.organization_id = o.organization_id AND i.order_id = o.id), '[]'::jsonb)))::text AS json"
                        + " FROM orders o WHERE o.organization_id = :org AND o.ordered_at < :before"
                        + " AND o.status IN ('delivered', 'completed', 'cancelled', 'returned')"
                        + " AND NOT EXISTS (SELECT 1 FROM order_items r WHERE r.organization_id = o.organization_id"
                        + " AND r.order_id = o.id AND r.stock_stage = 'reserved')"
                        + " ORDER BY o.ordered_at LIMIT :limit FOR UPDATE OF o SKIP LOCKED")
                .bind("org", org).bind("before", before).bind("limit", clamp(limit))
                .map((rs, ctx) -> new ExpiredOrder(new OrderId(rs.getObject("id", UUID.class)), rs.getString("json")))
                .list();
    }

    @Override
    public int deleteOrders(List<OrderId> ids) {
        if (ids.isEmpty()) return 0;
        UUID[] array = ids.stream().map(OrderId::value).toArray(UUID[]::new);
        return handle.createQuery("SELECT purge_orders(:ids)").bind("ids", array).mapTo(Integer.class).one();
    }

    @Override
    public void recordPurge(DataClass dataClass, Instant cutoff, int removed, int archived, Instant at) {
        handle.createUpdate("INSERT INTO retention_purges (organization_id, data_class, cutoff, removed, archived, purged_at)"
                        + " VALUES (:org, :class, :cutoff, :removed, :archived, :at)")
                .bind("org", org).bind("class", dataClass.name().toLowerCase(Locale.ROOT)).bind("cutoff", cutoff)
                .bind("removed", removed).bind("archived", archived).bind("at", at).execute();
    }

    @Override
    public void purgeAgainSoon() {
        handle.createUpdate("INSERT INTO retention_settings (organization_id, next_purge_at) VALUES (:org, now())"
                        + " ON CONFLICT (organization_id) DO UPDATE SET next_purge_at = now()")
                .bind("org", org).execute();
    }
}
