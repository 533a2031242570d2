package io.storesync.internal.core;

import io.storesync.api.JobId;
import io.storesync.api.StoreId;
import io.storesync.spi.ConnectorOrder;
import io.storesync.spi.persistence.TenantTransaction;
import java.util.List;

/**
 * SEAM for order ingestion (issue 4, written in parallel): where the order poll and webhook processing hand
 * normalised order snapshots. Called inside the tenant transaction that also records the job's progress, so an
 * implementation's writes commit or roll back with it; it must be idempotent (a snapshot may arrive twice).
 *
 * <p>The default, {@link #recordOnly()}, only records how many snapshots arrived in {@code sync_logs}. It is to be
 * REPLACED by the order ingestion service when that lands: pass the real implementation to {@link Engine}'s
 * constructor (see {@code StoreSync.Builder#build}).
 */
public interface OrderIntake {

    /** Ingests snapshots of one store's orders, on behalf of job {@code job}. */
    void ingest(TenantTransaction tx, StoreId store, List<ConnectorOrder> orders, JobId job);

    /** Records the number of snapshots only; stands in until order ingestion exists. */
    static OrderIntake recordOnly() {
        return (tx, store, orders, job) -> {
            if (orders.isEmpty()) return;
            tx.jobs().log(job, "info", orders.size() + " order snapshot(s) received; order ingestion is not installed,"
                    + " so they were counted only", Json.object("snapshots", orders.size(),
                    "orders", orders.stream().limit(50).map(o -> o.platformOrderId()).toList()));
        };
    }
}
