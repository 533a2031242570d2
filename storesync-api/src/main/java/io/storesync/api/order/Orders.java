package io.storesync.api.order;

import io.storesync.api.NotFoundException;
import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.store.StoreId;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The unified order book. Ingestion is idempotent and order-insensitive: whatever snapshots arrive, twice, late, or
 * from two workers at once, the book and the stock end as if each order had been applied once, in order. Everyone
 * reads; members, admins, owners and StoreSync's own workers ingest.
 */
public interface Orders {

    /**
     * Records a snapshot: upserts the order by store and platform order id unless a newer snapshot is stored, maps
     * lines to variants (store listing first, then an unambiguous SKU), and applies the stock effect of the status
     * change to each line exactly once, in the same transaction. Short stock never blocks an order: the shortfall is
     * recorded on it.
     *
     * @throws NotFoundException when the store is not in this organization
     * @throws io.storesync.api.ValidationException when the snapshot cannot be stored as it is (the snapshot's own
     *     validation catches what it can; this is what only the database or the stock arithmetic finds)
     */
    IngestResult ingest(OrderSnapshot snapshot);

    /**
     * Ingests several snapshots in one transaction (a page from a poll); same rules as {@link #ingest} each. A
     * snapshot that cannot be stored does not fail the others: its result is {@link IngestResult.Outcome#REJECTED}
     * with the reason, nothing of it is written, and the rest are ingested.
     */
    List<IngestResult> ingestAll(List<OrderSnapshot> snapshots);

    Optional<Order> find(OrderId id);

    Optional<Order> findByPlatformId(StoreId store, String platformOrderId);

    /** Orders matching the query, newest first. */
    Page<Order> search(OrderQuery query, PageRequest page);

    /** Orders with unmapped lines or a stock shortfall, newest first. */
    Page<Order> needingAttention(PageRequest page);

    /**
     * Daily sales per store and currency from {@code from} to {@code to} inclusive, days counted in {@code zone}.
     *
     * @throws io.storesync.api.ValidationException when the range is longer than 366 days, {@code to} is before
     *     {@code from}, or a day is outside the years 1 to 9999
     */
    List<DailySales> dailySales(LocalDate from, LocalDate to, ZoneId zone);

    /**
     * Daily sales per store, SKU and currency, over at most 92 days (one row per day and SKU sold: a year of a large
     * catalogue would be millions of rows); ask quarter by quarter for longer.
     *
     * @throws io.storesync.api.ValidationException when the range is longer than 92 days or {@code to} is before {@code from}
     */
    List<DailySales> dailySalesBySku(LocalDate from, LocalDate to, ZoneId zone);
}
