package io.storesync.internal.core.catalogue;

import io.storesync.api.store.StoreId;
import io.storesync.internal.core.Engine;
import io.storesync.spi.connector.ConnectorListing;
import io.storesync.spi.persistence.ImportResult;
import io.storesync.spi.persistence.TenantTransaction;
import java.util.List;

/**
 * SEAM for the catalogue service (written in parallel): where a catalogue import hands each page of platform
 * listings. Called inside a tenant transaction; must be idempotent.
 *
 * <p>The default, {@link #sqlMapping()}, upserts {@code store_product_mappings} with plain SQL, mapping a listing to
 * the one variant whose SKU equals the listing's and reporting the rest as unmatched. The catalogue service may
 * replace it (pass another implementation to {@link Engine}'s constructor).
 */
public interface CatalogueIntake {

    /** Maps one page of a store's listings; returns what matched and what did not. */
    ImportResult upsert(TenantTransaction tx, StoreId store, List<ConnectorListing> listings);

    /** SKU matching by the engine's rule, storage through the persistence SPI. */
    static CatalogueIntake sqlMapping() {
        return io.storesync.internal.core.job.ListingImport::upsert;
    }
}
