package io.storesync.internal.core.job;

import io.storesync.api.store.StoreId;
import io.storesync.spi.connector.ConnectorListing;
import io.storesync.spi.persistence.ImportResult;
import io.storesync.spi.persistence.MappedListing;
import io.storesync.spi.persistence.TenantTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Maps a page of platform listings to variants by SKU: a listing maps to the one active variant whose SKU equals
 * its own. A listing without a SKU, or whose SKU no variant or more than one variant has, stays unmatched for a
 * person to map. The candidates of a whole page are loaded in one round trip.
 */
public final class ListingImport {
    private ListingImport() {}

    /** What matching a page decided. */
    record Matches(List<MappedListing> mapped, List<String> unmatched) {
        Matches {
            mapped = List.copyOf(mapped);
            unmatched = List.copyOf(unmatched);
        }
    }

    /** Matches and stores one page of a store's listings; called inside a tenant transaction; idempotent. */
    public static ImportResult upsert(TenantTransaction tx, StoreId store, List<ConnectorListing> listings) {
        List<String> skus = listings.stream().map(ConnectorListing::sku).filter(ListingImport::hasSku)
                .map(Objects::requireNonNull).distinct().toList();
        Matches matches = match(listings, tx.listingImports().activeVariantsBySku(skus));
        tx.listingImports().saveMappedListings(store, matches.mapped());
        return new ImportResult(matches.mapped().size(), matches.unmatched());
    }

    /**
     * The SKU rule, without a database.
     *
     * @param activeVariantsBySku the active variants of each SKU the page names
     * @return mapped listings in page order, and the unmatched ones as their SKU (or a note naming the product when
     *     the listing has none)
     */
    static Matches match(List<ConnectorListing> listings, Map<String, List<UUID>> activeVariantsBySku) {
        List<MappedListing> mapped = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        for (ConnectorListing l : listings) {
            String sku = l.sku();
            if (sku == null || !hasSku(sku)) {
                unmatched.add("(no SKU: product " + l.platformProductId() + ")");
                continue;
            }
            List<UUID> variants = activeVariantsBySku.getOrDefault(sku, List.of());
            if (variants.size() != 1) {
                // none, or ambiguous (the same SKU on two products): a person must map it
                unmatched.add(sku);
                continue;
            }
            mapped.add(new MappedListing(l, variants.get(0)));
        }
        return new Matches(mapped, unmatched);
    }

    private static boolean hasSku(@org.jspecify.annotations.Nullable String sku) {
        return sku != null && !sku.isBlank();
    }
}
