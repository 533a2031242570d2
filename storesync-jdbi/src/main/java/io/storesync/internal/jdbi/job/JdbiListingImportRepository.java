package io.storesync.internal.jdbi.job;

import io.storesync.api.ValidationException;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import io.storesync.internal.jdbi.order.Savepoints;
import io.storesync.spi.connector.ConnectorListing;
import io.storesync.spi.persistence.ListingImportRepository;
import io.storesync.spi.persistence.MappedListing;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Candidate variants by SKU and the upsert of mapped listings into {@code store_product_mappings}. */
public final class JdbiListingImportRepository implements ListingImportRepository {
    private final Handle handle;
    private final OrganizationId org;

    public JdbiListingImportRepository(Handle handle, OrganizationId org) {
        this.handle = handle;
        this.org = org;
    }

    @Override
    public Map<String, List<UUID>> activeVariantsBySku(Collection<String> skus) {
        Map<String, List<UUID>> out = new LinkedHashMap<>();
        if (skus.isEmpty()) return out;
        handle.createQuery("SELECT variant_sku, id FROM product_variants WHERE organization_id = :org"
                        + " AND variant_sku = ANY(:skus) AND is_active ORDER BY variant_sku, id")
                .bind("org", org.value()).bind("skus", skus.stream().distinct().toArray(String[]::new))
                .map((rs, ctx) -> Map.entry(rs.getString("variant_sku"), rs.getObject("id", UUID.class)))
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    /*
     * The page is saved under one savepoint; only when the database refuses something in it is it rolled back and
     * saved listing by listing, each under its own, so a good page costs two extra round trips, not two per listing.
     */
    @Override
    public List<Refused> saveMappedListings(StoreId store, List<MappedListing> listings) {
        if (listings.isEmpty()) return List.of();
        try {
            return Savepoints.run(handle, "import_page", () -> {
                listings.forEach(m -> save(store, m));
                return List.of();
            });
        } catch (ValidationException refused) {
            List<Refused> out = new ArrayList<>();
            for (MappedListing m : listings) {
                try {
                    Savepoints.run(handle, "import_listing", () -> {
                        save(store, m);
                        return null;
                    });
                } catch (ValidationException e) {
                    out.add(new Refused(m, String.valueOf(e.getMessage())));
                }
            }
            return out;
        }
    }

    private void save(StoreId store, MappedListing m) {
        ConnectorListing l = m.listing();
        BigDecimal price = l.price() == null ? BigDecimal.ZERO : l.price();
        // an existing mapping keeps its price: it is what StoreSync pushes; the platform's is recorded as pushed
        // on first import so the first price push does not re-send what the platform already shows
        UUID mapping = handle.createQuery("INSERT INTO store_product_mappings (organization_id, store_id,"
                        + " product_variant_id, platform_product_id, platform_variant_id, platform_sku, price, is_active,"
                        + " last_sync_at, sync_status) VALUES (:org, :store, :variant, :pp, :pv, :sku, :price, :active,"
                        + " now(), 'synced') ON CONFLICT ON CONSTRAINT store_product_mappings_listing_key DO UPDATE SET"
                        + " product_variant_id = EXCLUDED.product_variant_id, platform_sku = EXCLUDED.platform_sku,"
                        + " is_active = EXCLUDED.is_active, last_sync_at = now(), sync_status = 'synced' RETURNING id")
                .bind("org", org.value()).bind("store", store.value()).bind("variant", m.variantId())
                .bind("pp", l.platformProductId()).bind("pv", l.platformVariantId()).bind("sku", l.sku())
                .bind("price", price).bind("active", l.active()).mapTo(UUID.class).one();
        if (l.price() != null) {
            handle.createUpdate("INSERT INTO listing_sync_state (organization_id, store_product_mapping_id, pushed_price,"
                            + " price_pushed_at) VALUES (:org, :mapping, :price, now()) ON CONFLICT DO NOTHING")
                    .bind("org", org.value()).bind("mapping", mapping).bind("price", l.price()).execute();
        }
    }
}
