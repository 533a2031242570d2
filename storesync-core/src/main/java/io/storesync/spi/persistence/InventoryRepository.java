package io.storesync.spi.persistence;

import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.LocationStock;
import io.storesync.api.inventory.ReorderSuggestion;
import io.storesync.api.inventory.StockLevel;
import io.storesync.api.inventory.StockMovement;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Storage of stock. Each change method is one conditional SQL statement that updates the item, appends its ledger
 * row and marks the variant for propagation ({@code stock_changes}); it returns empty when the condition did not
 * hold, and then has changed nothing. Same contract as {@link ProductRepository}: the transaction's thread only, may
 * block (a change waits for the item's row lock), only the transaction's organization, failures are StoreSync
 * exceptions.
 */
public interface InventoryRepository {

    /**
     * Creates the variant's items at these locations at zero where missing and locks them all, in location id order,
     * until the transaction ends. A change that touches two items (a transfer) takes this first, so two changes in
     * opposite directions queue on the first lock instead of deadlocking on the second.
     */
    void lockItems(VariantId variant, Collection<LocationId> locations);

    /** On hand up by {@code quantity} (creating the item at zero first if needed). */
    StockLevel addOnHand(VariantId variant, LocationId location, int quantity, LedgerNote note);

    /** On hand down by {@code quantity}, only if on hand stays at or above reserved. */
    Optional<StockLevel> removeAvailable(VariantId variant, LocationId location, int quantity, LedgerNote note);

    /** On hand set to {@code counted}, only if counted is at or above reserved; the ledger gets the difference. */
    Optional<StockLevel> setCounted(VariantId variant, LocationId location, int counted, LedgerNote note);

    /** Reserved up, only if available covers {@code quantity} and the location is active. */
    Optional<StockLevel> reserve(VariantId variant, LocationId location, int quantity, LedgerNote note);

    /** One reservation of a {@link #reserveAll batch}. */
    record Reservation(VariantId variant, LocationId location, int quantity, LedgerNote note) {}

    /**
     * Several reservations in one statement. Requests on the same variant and location are applied together, as
     * conditionally as {@link #reserve} for their sum: all of them or none; other items are independent. Each applied
     * request gets its own ledger row.
     *
     * @return for each request, in order, the item's level after the statement, or empty when it was not applied
     */
    List<Optional<StockLevel>> reserveAll(List<Reservation> reservations);

    /**
     * Several reservations of one item (every request's variant and location are the same), decided one after the
     * other in list order, each as conditionally as {@link #reserve} on what the earlier ones left: a request that does
     * not fit is refused and changes nothing, and a later, smaller one may still be applied. Each applied request gets
     * its own ledger row; the variant is marked for propagation once. The default runs {@link #reserve} for each
     * request; a store should decide them all under one lock of the item, in as few statements as it can.
     *
     * @return for each request, in order, the item's level just after it was applied (on hand, and reserved counting
     *         the applied requests up to and including it), or empty when it was refused
     * @throws IllegalArgumentException when the requests are not all on one variant and location
     */
    default List<Optional<StockLevel>> reserveInTurn(List<Reservation> reservations) {
        for (Reservation r : reservations) {
            if (!r.variant().equals(reservations.get(0).variant()) || !r.location().equals(reservations.get(0).location())) {
                throw new IllegalArgumentException("reservations in turn must all be on one item");
            }
        }
        List<Optional<StockLevel>> levels = new java.util.ArrayList<>(reservations.size());
        for (Reservation r : reservations) levels.add(reserve(r.variant(), r.location(), r.quantity(), r.note()));
        return levels;
    }

    /** Reserved down, only if at least {@code quantity} is reserved. */
    Optional<StockLevel> release(VariantId variant, LocationId location, int quantity, LedgerNote note);

    /** On hand and reserved both down, only if at least {@code quantity} is reserved. */
    Optional<StockLevel> commit(VariantId variant, LocationId location, int quantity, LedgerNote note);

    StockLevel setReorderPoint(VariantId variant, LocationId location, int reorderPoint, int reorderQuantity);

    Optional<StockLevel> level(VariantId variant, LocationId location);

    /** Every item of the variant, with whether its location is active. */
    List<StockLevel> levels(VariantId variant);

    /** Active locations holding the variant, for allocation. */
    List<LocationStock> availability(VariantId variant);

    /** {@link #availability(VariantId)} of several variants in one query; variants holding nothing map to nothing. */
    Map<VariantId, List<LocationStock>> availability(Collection<VariantId> variants);

    /** Sum of on hand and reserved over active locations: {@code [onHand, reserved]}. */
    int[] activeTotals(VariantId variant);

    List<ReorderSuggestion> reorderReport();

    Page<StockMovement> movements(VariantId variant, PageRequest page);

    /** The variant's SKU, for messages; empty when the variant is not in this organization. */
    Optional<String> sku(VariantId variant);

    /** Whether the location exists in this organization and is active. */
    boolean locationActive(LocationId location);
}
