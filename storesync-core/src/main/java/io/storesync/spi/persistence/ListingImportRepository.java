package io.storesync.spi.persistence;

import io.storesync.api.store.StoreId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Storage for a catalogue import: loads the variants a page of listings could match and stores the listings the
 * engine matched. The matching rule itself lives in the engine. Valid only inside its transaction; every method
 * may block on the database.
 */
public interface ListingImportRepository {

    /**
     * The active variants whose SKU is one of {@code skus}, by SKU, in one round trip; a SKU of no variant is absent.
     */
    Map<String, List<UUID>> activeVariantsBySku(Collection<String> skus);

    /** A mapped listing the database refused, and its reason. */
    record Refused(MappedListing listing, String reason) {}

    /**
     * Upserts {@code store_product_mappings} for listings mapped to a variant. An existing mapping keeps its price; a
     * new one records the platform's price as pushed, so the first price push does not resend it.
     *
     * <p>Each listing is isolated: one the database refuses because of its data is left out with its reason, its
     * writes undone, and the others are saved; the transaction stays usable. A failure of the database or the
     * connection is thrown, for the transaction must be abandoned.
     *
     * @return the refused listings, in page order; empty when all were saved
     */
    List<Refused> saveMappedListings(StoreId store, List<MappedListing> listings);
}
