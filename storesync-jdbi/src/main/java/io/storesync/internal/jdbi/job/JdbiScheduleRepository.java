package io.storesync.internal.jdbi.job;

import io.storesync.api.ValidationException;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreSettings;
import io.storesync.api.store.StoreId;
import io.storesync.internal.jdbi.store.JdbiStoreRepository;
import io.storesync.spi.persistence.DueSchedule;
import io.storesync.spi.persistence.ScheduleRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/** Store schedules and order watermarks in {@code store_sync_state}. */
public final class JdbiScheduleRepository implements ScheduleRepository {
    /** The stores whose schedules run and whose listings receive pushes. */
    static final String SCHEDULED_STORE = "s.is_active AND s.sync_status IN ('active', 'syncing', 'error')";

    private final Handle handle;
    private final OrganizationId org;

    public JdbiScheduleRepository(Handle handle, OrganizationId org) {
        this.handle = handle;
        this.org = org;
    }

    @Override
    public List<DueSchedule> dueSchedules(int limit) {
        // the settings are read raw and decoded here until the store settings codec lands in core, in parallel work
        return handle.createQuery("SELECT st.store_id, st.next_order_poll_at <= now() AS poll_due,"
                        + " st.next_catalog_reconcile_at <= now() AS reconcile_due,"
                        + " coalesce(st.next_credentials_refresh_at <= now(), false) AS refresh_due, s.settings::text AS settings"
                        + " FROM store_sync_state st JOIN stores s ON s.organization_id = st.organization_id AND s.id = st.store_id"
                        + " WHERE st.organization_id = :org AND st.next_due_at <= now() AND " + SCHEDULED_STORE
                        + " ORDER BY st.next_due_at LIMIT :limit FOR UPDATE OF st SKIP LOCKED")
                .bind("org", org.value()).bind("limit", limit)
                .map((rs, ctx) -> new DueSchedule(new StoreId(rs.getObject("store_id", UUID.class)),
                        rs.getBoolean("poll_due"), rs.getBoolean("reconcile_due"), rs.getBoolean("refresh_due"),
                        pollInterval(rs.getString("settings"))))
                .list();
    }

    /**
     * The store's poll interval, or the default one when its settings cannot be read: one store with a broken
     * settings document must not stop its organization's other schedules. Its jobs still run on that cadence and fail
     * with the setting's name when they read the store, which is where a person sees it.
     */
    private static Duration pollInterval(String settings) {
        try {
            return JdbiStoreRepository.readSettings(settings).orderPollInterval();
        } catch (ValidationException e) {
            return StoreSettings.DEFAULTS.orderPollInterval();
        }
    }

    @Override
    public void reschedule(StoreId store, @Nullable Duration pollIn, @Nullable Duration reconcileIn, @Nullable Duration refreshIn) {
        List<String> sets = new ArrayList<>();
        if (pollIn != null) sets.add("next_order_poll_at = now() + make_interval(secs => :poll)");
        if (reconcileIn != null) sets.add("next_catalog_reconcile_at = now() + make_interval(secs => :reconcile)");
        if (refreshIn != null) sets.add("next_credentials_refresh_at = now() + make_interval(secs => :refresh)");
        if (sets.isEmpty()) return;
        var update = handle.createUpdate("UPDATE store_sync_state SET " + String.join(", ", sets)
                + " WHERE organization_id = :org AND store_id = :store");
        if (pollIn != null) update.bind("poll", pollIn.toNanos() / 1e9);
        if (reconcileIn != null) update.bind("reconcile", reconcileIn.toNanos() / 1e9);
        if (refreshIn != null) update.bind("refresh", refreshIn.toNanos() / 1e9);
        update.bind("org", org.value()).bind("store", store.value()).execute();
    }

    @Override
    public Optional<Instant> ordersWatermark(StoreId store) {
        return handle.createQuery("SELECT orders_watermark FROM store_sync_state WHERE organization_id = :org AND store_id = :store")
                .bind("org", org.value()).bind("store", store.value()).mapTo(Instant.class).findOne();
    }

    @Override
    public boolean advanceOrdersWatermark(StoreId store, Instant expected, Instant to) {
        return handle.createUpdate("UPDATE store_sync_state SET orders_watermark = :to"
                        + " WHERE organization_id = :org AND store_id = :store AND orders_watermark = :expected")
                .bind("to", to).bind("expected", expected).bind("org", org.value()).bind("store", store.value())
                .execute() == 1;
    }

    @Override
    public void storeError(StoreId store, @Nullable String error) {
        handle.createUpdate("UPDATE store_sync_state SET last_error = :error WHERE organization_id = :org AND store_id = :store")
                .bind("error", error).bind("org", org.value()).bind("store", store.value()).execute();
    }
}
