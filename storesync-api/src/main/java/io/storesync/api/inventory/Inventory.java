package io.storesync.api.inventory;

import io.storesync.api.ConflictException;
import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.catalogue.VariantId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Stock of the organization's variants across its locations. Every change is one atomic, conditional update in the
 * database with its ledger rows written in the same transaction, so the available quantity can be trusted under any
 * concurrency: it never goes below zero and no unit is promised twice.
 *
 * <p>Everyone reads; members, admins and owners move stock. Quantities are positive unless stated otherwise. Each
 * operation takes a {@link StockContext}; with an idempotency key, a retried call applies once and returns the
 * first result (marked {@link StockResult#replayed()}). Every change of a variant's available quantity is recorded
 * for propagation to the stores selling it.
 */
public interface Inventory {

    /** Goods arrived at a location: on hand up. */
    StockResult receive(VariantId variant, LocationId location, int quantity, StockContext context);

    /**
     * Corrects on hand by {@code delta} (positive or negative, not zero).
     *
     * @throws InsufficientStockException when the decrease would take on hand below what is reserved
     */
    StockResult adjust(VariantId variant, LocationId location, int delta, StockContext context);

    /**
     * Records a stock take: on hand becomes {@code counted}; the ledger gets the difference.
     *
     * @throws InsufficientStockException when {@code counted} is below what is reserved there (release first)
     */
    StockResult count(VariantId variant, LocationId location, int counted, StockContext context);

    /**
     * Moves available units between locations.
     *
     * @throws InsufficientStockException when the source has fewer available
     */
    StockResult transfer(VariantId variant, LocationId from, LocationId to, int quantity, StockContext context);

    /**
     * Promises units: reserved up, available down. With no location the organization's {@link AllocationStrategy}
     * chooses, splitting across locations when no single one suffices.
     *
     * @throws InsufficientStockException when fewer units are available; nothing is reserved then
     */
    StockResult reserve(VariantId variant, @Nullable LocationId location, int quantity, StockContext context);

    /**
     * Withdraws a promise: reserved down.
     *
     * @throws ConflictException when fewer units are reserved there
     */
    StockResult release(VariantId variant, LocationId location, int quantity, StockContext context);

    /**
     * Ships promised units: on hand and reserved both down.
     *
     * @throws ConflictException when fewer units are reserved there
     */
    StockResult commit(VariantId variant, LocationId location, int quantity, StockContext context);

    /** Returned goods go back on the shelf: on hand up. */
    StockResult restock(VariantId variant, LocationId location, int quantity, StockContext context);

    /** Sets when to reorder at a location and how much to order then (both zero or more). */
    StockLevel setReorderPoint(VariantId variant, LocationId location, int reorderPoint, int reorderQuantity);

    /** The variant's stock at one location (all zero if it never held any). */
    StockLevel level(VariantId variant, LocationId location);

    /** The variant's stock over all locations. */
    StockTotals totals(VariantId variant);

    /**
     * Items whose available stock is at or below a positive reorder point, lowest first, with what to order; at most
     * {@link ReorderSuggestion#REPORT_LIMIT} (the most urgent), so the report stays bounded however large the
     * catalogue.
     */
    List<ReorderSuggestion> reorderReport();

    /** The variant's ledger, newest first. */
    Page<StockMovement> movements(VariantId variant, PageRequest page);
}
