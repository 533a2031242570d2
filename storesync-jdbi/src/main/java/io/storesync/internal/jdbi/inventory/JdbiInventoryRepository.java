package io.storesync.internal.jdbi.inventory;

import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.LocationStock;
import io.storesync.api.inventory.ReorderSuggestion;
import io.storesync.api.inventory.StockLevel;
import io.storesync.api.inventory.StockMovement;
import io.storesync.api.organization.OrganizationId;
import io.storesync.spi.persistence.InventoryRepository;
import io.storesync.spi.persistence.LedgerNote;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Stock in PostgreSQL: changes (each one conditional statement, see {@link StockChanges}), current levels and
 * availability, and the reports read from the ledger, each in a class of its own.
 */
public final class JdbiInventoryRepository implements InventoryRepository {
    private final StockChanges changes;
    private final StockReads reads;
    private final StockReports reports;

    public JdbiInventoryRepository(Handle handle, OrganizationId organizationId) {
        UUID org = organizationId.value();
        this.changes = new StockChanges(handle, org);
        this.reads = new StockReads(handle, org);
        this.reports = new StockReports(handle, org);
    }

    @Override
    public StockLevel addOnHand(VariantId variant, LocationId location, int quantity, LedgerNote note) {
        return changes.addOnHand(variant, location, quantity, note);
    }

    @Override
    public void lockItems(VariantId variant, Collection<LocationId> locations) {
        changes.lockItems(variant, locations);
    }

    @Override
    public Optional<StockLevel> removeAvailable(VariantId variant, LocationId location, int quantity, LedgerNote note) {
        return changes.removeAvailable(variant, location, quantity, note);
    }

    @Override
    public Optional<StockLevel> setCounted(VariantId variant, LocationId location, int counted, LedgerNote note) {
        return changes.setCounted(variant, location, counted, note);
    }

    @Override
    public Optional<StockLevel> reserve(VariantId variant, LocationId location, int quantity, LedgerNote note) {
        return changes.reserve(variant, location, quantity, note);
    }

    @Override
    public List<Optional<StockLevel>> reserveAll(List<Reservation> reservations) {
        return changes.reserveAll(reservations);
    }

    @Override
    public List<Optional<StockLevel>> reserveInTurn(List<Reservation> reservations) {
        return changes.reserveInTurn(reservations);
    }

    @Override
    public Optional<StockLevel> release(VariantId variant, LocationId location, int quantity, LedgerNote note) {
        return changes.release(variant, location, quantity, note);
    }

    @Override
    public Optional<StockLevel> commit(VariantId variant, LocationId location, int quantity, LedgerNote note) {
        return changes.commit(variant, location, quantity, note);
    }

    @Override
    public StockLevel setReorderPoint(VariantId variant, LocationId location, int reorderPoint, int reorderQuantity) {
        return changes.setReorderPoint(variant, location, reorderPoint, reorderQuantity);
    }

    @Override
    public Optional<StockLevel> level(VariantId variant, LocationId location) {
        return reads.level(variant, location);
    }

    @Override
    public List<StockLevel> levels(VariantId variant) {
        return reads.levels(variant);
    }

    @Override
    public List<LocationStock> availability(VariantId variant) {
        return reads.availability(variant);
    }

    @Override
    public Map<VariantId, List<LocationStock>> availability(Collection<VariantId> variants) {
        return reads.availability(variants);
    }

    @Override
    public int[] activeTotals(VariantId variant) {
        return reads.activeTotals(variant);
    }

    @Override
    public List<ReorderSuggestion> reorderReport() {
        return reports.reorderReport();
    }

    @Override
    public Page<StockMovement> movements(VariantId variant, PageRequest page) {
        return reports.movements(variant, page);
    }

    @Override
    public Optional<String> sku(VariantId variant) {
        return reads.sku(variant);
    }

    @Override
    public boolean locationActive(LocationId location) {
        return reads.locationActive(location);
    }
}
