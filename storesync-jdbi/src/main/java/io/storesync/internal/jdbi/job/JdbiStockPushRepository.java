package io.storesync.internal.jdbi.job;

import io.storesync.api.inventory.LocationId;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import io.storesync.internal.jdbi.JdbiMappings;
import io.storesync.spi.persistence.ListingMatch;
import io.storesync.spi.persistence.PushCandidate;
import io.storesync.spi.persistence.PushRecord;
import io.storesync.spi.persistence.StockPushRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jspecify.annotations.Nullable;

/** Stock marks ({@code stock_push_pending}), pushed and reported quantities ({@code listing_sync_state}). */
public final class JdbiStockPushRepository implements StockPushRepository {
    /** Available = on hand − reserved over the variant's items at active locations. */
    private static final String AVAILABLE = "coalesce((SELECT sum(ii.quantity_on_hand - ii.quantity_reserved)"
            + " FROM inventory_items ii JOIN inventory_locations l ON l.organization_id = ii.organization_id"
            + " AND l.id = ii.location_id WHERE ii.organization_id = %1$s.organization_id"
            + " AND ii.product_variant_id = %1$s.product_variant_id AND l.is_active), 0)::int";

    private final Handle handle;
    private final OrganizationId org;

    public JdbiStockPushRepository(Handle handle, OrganizationId org) {
        this.handle = handle;
        this.org = org;
    }

    @Override
    public MarkedChanges markStockChanges(int limit) {
        // one coalescing run of a tenant at a time (two instances, or a run queued while one is running): the next
        // reads what the previous one committed, and two never upsert the marks of one hot variant in turn
        handle.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended('storesync.stock-coalesce:' || :org, 0))) l")
                .bind("org", org.value().toString()).mapTo(Integer.class).one();
        // a plain read: a change row that an inventory transaction still in flight holds is marked too. Under load a
        // hot SKU's row is held most of the time, and skipping held rows (as the coalescer did) left their committed
        // changes for later rounds: 16% of the rows at 500 orders/s, and a single hot SKU for seconds
        return handle.createQuery("WITH changed AS ("
                        + "   SELECT product_variant_id FROM stock_changes WHERE organization_id = :org LIMIT :limit),"
                        + " marked AS ("
                        + "   INSERT INTO stock_push_pending (organization_id, store_id, product_variant_id)"
                        + "   SELECT DISTINCT m.organization_id, m.store_id, m.product_variant_id"
                        + "     FROM store_product_mappings m JOIN changed d ON d.product_variant_id = m.product_variant_id"
                        + "     JOIN stores s ON s.organization_id = m.organization_id AND s.id = m.store_id"
                        + "    WHERE m.organization_id = :org AND m.is_active AND " + JdbiScheduleRepository.SCHEDULED_STORE
                        + "      AND coalesce((s.settings ->> 'push_stock')::boolean, true)"
                        + "   ON CONFLICT (organization_id, store_id, product_variant_id)"
                        + "   DO UPDATE SET version = stock_push_pending.version + 1, marked_at = greatest(stock_push_pending.marked_at, now())"
                        + "   RETURNING store_id)"
                        + " SELECT (SELECT array_agg(DISTINCT store_id) FROM marked) AS stores,"
                        + " (SELECT array_agg(product_variant_id) FROM changed) AS variants")
                .bind("org", org.value()).bind("limit", limit)
                .map((rs, ctx) -> new MarkedChanges(JdbiMappings.uuidArray(rs, "stores").stream().map(StoreId::new).toList(),
                        JdbiMappings.uuidArray(rs, "variants")))
                .one();
    }

    @Override
    public void clearStockChanges(Collection<UUID> variantIds) {
        if (variantIds.isEmpty()) return;
        // SKIP LOCKED: a change held by an inventory transaction in flight stays, and the next round marks it. A change
        // committed after the marks were read is deleted with them: the mark of its variant commits after it, so the
        // push that reads the mark reads that change's quantity
        handle.createUpdate("DELETE FROM stock_changes c WHERE c.organization_id = :org AND c.product_variant_id IN ("
                        + " SELECT l.product_variant_id FROM stock_changes l WHERE l.organization_id = :org"
                        + " AND l.product_variant_id = ANY (:variants) FOR UPDATE SKIP LOCKED)")
                .bind("org", org.value()).bind("variants", variantIds.toArray(new UUID[0])).execute();
    }

    @Override
    public void variantsChanged(Collection<UUID> variantIds) {
        if (variantIds.isEmpty()) return;
        // sorted: the same lock order as the inventory statements' marks, so a link beside a stock movement cannot deadlock
        handle.createUpdate("INSERT INTO stock_changes (organization_id, product_variant_id)"
                        + " SELECT :org, v FROM unnest(:variants) AS v ORDER BY v"
                        + " ON CONFLICT (organization_id, product_variant_id) DO UPDATE SET changed_at = now()")
                .bind("org", org.value())
                .bind("variants", variantIds.stream().sorted().toArray(UUID[]::new)).execute();
    }

    @Override
    public void markForPush(StoreId store, Collection<UUID> variantIds) {
        if (variantIds.isEmpty()) return;
        handle.createUpdate("INSERT INTO stock_push_pending (organization_id, store_id, product_variant_id)"
                        + " SELECT :org, :store, v FROM unnest(:variants) AS v"
                        + " ON CONFLICT (organization_id, store_id, product_variant_id)"
                        + " DO UPDATE SET version = stock_push_pending.version + 1, marked_at = greatest(stock_push_pending.marked_at, now())")
                .bind("org", org.value()).bind("store", store.value())
                .bind("variants", variantIds.toArray(new UUID[0])).execute();
    }

    @Override
    public List<PushCandidate> pushCandidates(StoreId store, Instant cutoff, int limit) {
        handle.createUpdate("DELETE FROM stock_push_pending p WHERE p.organization_id = :org AND p.store_id = :store"
                        + " AND NOT EXISTS (SELECT 1 FROM store_product_mappings m WHERE m.organization_id = p.organization_id"
                        + " AND m.store_id = p.store_id AND m.product_variant_id = p.product_variant_id AND m.is_active)")
                .bind("org", org.value()).bind("store", store.value()).execute();
        // marks first, then their listings: a variant's listings all come in the same batch, so deleting its mark
        // after the batch never leaves one of them unpushed
        return handle.createQuery("WITH marks AS (SELECT organization_id, product_variant_id, version, marked_at FROM stock_push_pending"
                        + "   WHERE organization_id = :org AND store_id = :store AND marked_at <= :cutoff"
                        + "   ORDER BY product_variant_id LIMIT :limit)"
                        + " SELECT m.id AS mapping_id, k.product_variant_id, k.version, k.marked_at, m.platform_product_id,"
                        + " m.platform_variant_id, " + String.format(AVAILABLE, "k") + " AS available"
                        + " FROM marks k JOIN store_product_mappings m ON m.organization_id = k.organization_id"
                        + " AND m.store_id = :store AND m.product_variant_id = k.product_variant_id AND m.is_active"
                        + " ORDER BY k.product_variant_id, m.id")
                .bind("org", org.value()).bind("store", store.value()).bind("cutoff", cutoff).bind("limit", limit)
                .map((rs, ctx) -> new PushCandidate(rs.getObject("mapping_id", UUID.class),
                        rs.getObject("product_variant_id", UUID.class), rs.getLong("version"),
                        rs.getString("platform_product_id"), rs.getString("platform_variant_id"), rs.getInt("available"),
                        JdbiMappings.instant(rs, "marked_at")))
                .list();
    }

    @Override
    public Map<UUID, Map<LocationId, Integer>> availableByLocation(Collection<UUID> variantIds) {
        Map<UUID, Map<LocationId, Integer>> out = new HashMap<>();
        if (variantIds.isEmpty()) return out;
        handle.createQuery("SELECT ii.product_variant_id, ii.location_id, sum(ii.quantity_on_hand - ii.quantity_reserved)::int AS available"
                        + " FROM inventory_items ii JOIN inventory_locations l ON l.organization_id = ii.organization_id"
                        + " AND l.id = ii.location_id WHERE ii.organization_id = :org AND l.is_active"
                        + " AND ii.product_variant_id = ANY (:variants) GROUP BY ii.product_variant_id, ii.location_id")
                .bind("org", org.value()).bind("variants", variantIds.toArray(new UUID[0]))
                .map((rs, ctx) -> {
                    out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashMap<>())
                            .put(new LocationId(rs.getObject(2, UUID.class)), rs.getInt(3));
                    return Boolean.TRUE;
                })
                .list();
        return out;
    }

    @Override
    public Duration untilNextPush(StoreId store, Duration window) {
        lockPushes(store);
        // a push running under a live lease ends after now; a finished one ended at completed_at (written after the
        // handler returned, so never before the push's last call)
        long micros = handle.createQuery("SELECT greatest(0, (extract(epoch FROM CASE"
                        + "   WHEN EXISTS (SELECT 1 FROM sync_jobs r WHERE r.organization_id = :org AND r.store_id = :store"
                        + "     AND r.job_type = 'stock.push' AND r.status = 'running' AND r.lease_expires_at > now()) THEN now()"
                        + "   ELSE (SELECT max(completed_at) FROM sync_jobs f WHERE f.store_id = :store AND f.job_type = 'stock.push'"
                        + "     AND f.completed_at IS NOT NULL AND f.organization_id = :org) END"
                        + " + make_interval(secs => :window) - now()) * 1000000)::bigint)")
                .bind("org", org.value()).bind("store", store.value()).bind("window", window.toNanos() / 1e9)
                .mapTo(Long.class).findOne().orElse(0L);
        return Duration.ofNanos(micros * 1000);
    }

    @Override
    public List<Duration> pushEnded(StoreId store, Duration window) {
        lockPushes(store);
        // now() is the transaction's start, right after the call; the wait is told from this statement's own clock
        return handle.createQuery("UPDATE sync_jobs SET run_at = greatest(run_at, now() + make_interval(secs => :window))"
                        + " WHERE organization_id = :org AND store_id = :store AND job_type = 'stock.push'"
                        + " AND status IN ('pending', 'retrying')"
                        + " RETURNING greatest(0, extract(epoch FROM run_at - clock_timestamp()) * 1000000)::bigint")
                .bind("org", org.value()).bind("store", store.value()).bind("window", window.toNanos() / 1e9)
                .map((rs, ctx) -> Duration.ofNanos(rs.getLong(1) * 1000)).list();
    }

    /** The store's push lock, held until the transaction ends: a transaction-scoped advisory lock keyed by the store. */
    private void lockPushes(StoreId store) {
        handle.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended('storesync.stock-push:' || :store, 0))) l")
                .bind("store", store.value().toString()).mapTo(Integer.class).one();
    }

    @Override
    public void pushAgainAfter(StoreId store, Collection<UUID> variantIds, Duration hold) {
        if (variantIds.isEmpty()) return;
        // the version moves too: a push that read the mark before it was held must not delete it
        handle.createUpdate("INSERT INTO stock_push_pending (organization_id, store_id, product_variant_id, marked_at)"
                        + " SELECT :org, :store, v, now() + make_interval(secs => :hold) FROM unnest(:variants) AS v"
                        + " ON CONFLICT (organization_id, store_id, product_variant_id)"
                        + " DO UPDATE SET version = stock_push_pending.version + 1,"
                        + " marked_at = greatest(stock_push_pending.marked_at, EXCLUDED.marked_at)")
                .bind("org", org.value()).bind("store", store.value()).bind("hold", hold.toNanos() / 1e9)
                .bind("variants", variantIds.toArray(new UUID[0])).execute();
    }

    @Override
    public Instant databaseNow() {
        return handle.createQuery("SELECT now()").mapTo(Instant.class).one();
    }

    @Override
    public void recordPushes(StoreId store, List<PushRecord> pushes) {
        if (pushes.isEmpty()) return;
        PreparedBatch state = handle.prepareBatch("INSERT INTO listing_sync_state (organization_id, store_product_mapping_id,"
                + " pushed_quantity, quantity_pushed_at, last_error)"
                + " VALUES (:org, :mapping, CASE WHEN :accepted THEN :qty END, CASE WHEN :accepted THEN now() END, :error)"
                + " ON CONFLICT (organization_id, store_product_mapping_id) DO UPDATE SET"
                + " pushed_quantity = CASE WHEN :accepted THEN :qty ELSE listing_sync_state.pushed_quantity END,"
                + " quantity_pushed_at = CASE WHEN :accepted THEN now() ELSE listing_sync_state.quantity_pushed_at END,"
                + " last_error = :error");
        PreparedBatch mapping = handle.prepareBatch("UPDATE store_product_mappings SET last_sync_at = now(),"
                + " sync_status = CASE WHEN :accepted THEN 'synced' ELSE 'error' END"
                + " WHERE organization_id = :org AND id = :mapping");
        PreparedBatch marks = handle.prepareBatch("DELETE FROM stock_push_pending WHERE organization_id = :org"
                + " AND store_id = :store AND product_variant_id = :variant AND version = :version");
        // a refused listing keeps its variant's mark (its reason is in listing_sync_state.last_error) so a later push
        // retries it; marked now, after this run's cutoff, so this run does not read it again
        PreparedBatch kept = handle.prepareBatch("INSERT INTO stock_push_pending (organization_id, store_id, product_variant_id)"
                + " VALUES (:org, :store, :variant) ON CONFLICT (organization_id, store_id, product_variant_id)"
                + " DO UPDATE SET marked_at = greatest(stock_push_pending.marked_at, now())");
        boolean anyRefused = false;
        for (PushRecord p : pushes) {
            state.bind("org", org.value()).bind("mapping", p.mappingId()).bind("accepted", p.accepted())
                    .bind("qty", p.quantity()).bind("error", p.accepted() ? null : p.error()).add();
            mapping.bind("org", org.value()).bind("mapping", p.mappingId()).bind("accepted", p.accepted()).add();
            marks.bind("org", org.value()).bind("store", store.value()).bind("variant", p.variantId())
                    .bind("version", p.markVersion()).add();
            if (!p.accepted()) {
                kept.bind("org", org.value()).bind("store", store.value()).bind("variant", p.variantId()).add();
                anyRefused = true;
            }
        }
        state.execute();
        mapping.execute();
        marks.execute();
        if (anyRefused) kept.execute();
    }

    @Override
    public Optional<ListingMatch> matchListing(StoreId store, String platformProductId, @Nullable String platformVariantId) {
        return handle.createQuery("SELECT m.id, m.product_variant_id, " + String.format(AVAILABLE, "m") + " AS available"
                        + " FROM store_product_mappings m WHERE m.organization_id = :org AND m.store_id = :store"
                        + " AND m.platform_product_id = :pp AND m.platform_variant_id IS NOT DISTINCT FROM :pv AND m.is_active")
                .bind("org", org.value()).bind("store", store.value()).bind("pp", platformProductId)
                .bind("pv", platformVariantId)
                .map((rs, ctx) -> new ListingMatch(rs.getObject("id", UUID.class), rs.getObject("product_variant_id", UUID.class),
                        rs.getInt("available")))
                .findOne();
    }

    @Override
    public void recordReported(UUID mappingId, int quantity) {
        handle.createUpdate("INSERT INTO listing_sync_state (organization_id, store_product_mapping_id, reported_quantity,"
                        + " reported_at) VALUES (:org, :mapping, :qty, now())"
                        + " ON CONFLICT (organization_id, store_product_mapping_id) DO UPDATE SET"
                        + " reported_quantity = :qty, reported_at = now()")
                .bind("org", org.value()).bind("mapping", mappingId).bind("qty", quantity).execute();
    }
}
