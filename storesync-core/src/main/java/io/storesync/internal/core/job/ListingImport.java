package io.storesync.internal.core.job;

import io.storesync.api.ValidationException;
import io.storesync.api.store.StoreId;
import io.storesync.internal.api.Check;
import io.storesync.spi.connector.ConnectorListing;
import io.storesync.spi.persistence.ImportResult;
import io.storesync.spi.persistence.ListingImportRepository;
import io.storesync.spi.persistence.MappedListing;
import io.storesync.spi.persistence.TenantTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

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

    /**
     * Matches and stores one page of a store's listings; called inside a tenant transaction; idempotent. A listing
     * whose data cannot be stored (checked here, or refused by the database) is left out with its reason in
     * {@link ImportResult#failed()}; the rest of the page is stored.
     */
    public static ImportResult upsert(TenantTransaction tx, StoreId store, List<ConnectorListing> listings) {
        List<String> failed = new ArrayList<>();
        List<ConnectorListing> storable = new ArrayList<>(listings.size());
        for (ConnectorListing l : listings) {
            String problem = problem(l);
            if (problem == null) storable.add(l);
            else failed.add(describe(l) + ": " + problem);
        }
        List<String> skus = storable.stream().map(ConnectorListing::sku).filter(ListingImport::hasSku)
                .map(Objects::requireNonNull).distinct().toList();
        Matches matches = match(storable, tx.listingImports().activeVariantsBySku(skus));
        List<ListingImportRepository.Refused> refused = tx.listingImports().saveMappedListings(store, matches.mapped());
        refused.forEach(r -> failed.add(describe(r.listing().listing()) + ": " + r.reason()));
        return new ImportResult(matches.mapped().size() - refused.size(), matches.unmatched(), failed);
    }

    /**
     * What in a listing the database could not store as it is: ids and SKU are at most 255 characters of storable
     * text, a price is DECIMAL(12, 2). Checked before the page's first query, since a SKU the database cannot take
     * would fail the lookup of the whole page's candidates.
     */
    static @Nullable String problem(ConnectorListing l) {
        try {
            Check.storableRequired(l.platformProductId(), "platformProductId", 255);
            Check.storableText(l.platformVariantId(), "platformVariantId", 255);
            Check.storableText(l.sku(), "sku", 255);
            Check.nonNegativeDecimal(l.price(), "price", 12, 2);
            return null;
        } catch (ValidationException e) {
            return e.getMessage();
        }
    }

    /** A listing named for a log line, quoting at most a bounded part of its ids. */
    static String describe(ConnectorListing l) {
        return "listing " + Check.quote(l.platformProductId())
                + (l.platformVariantId() == null ? "" : "/" + Check.quote(l.platformVariantId()));
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

    private static boolean hasSku(@Nullable String sku) {
        return sku != null && !sku.isBlank();
    }
}
