package io.storesync.internal.jdbi.job;

import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import io.storesync.spi.persistence.PriceCandidate;
import io.storesync.spi.persistence.PricePushRepository;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jspecify.annotations.Nullable;

/** Listing prices to push and pushed ({@code listing_sync_state.pushed_price}). */
public final class JdbiPricePushRepository implements PricePushRepository {

    private final Handle handle;
    private final OrganizationId org;

    public JdbiPricePushRepository(Handle handle, OrganizationId org) {
        this.handle = handle;
        this.org = org;
    }

    @Override
    public List<PriceCandidate> priceCandidates(StoreId store, @Nullable UUID after, int limit) {
        var q = handle.createQuery("SELECT m.id, m.platform_product_id, m.platform_variant_id, m.price"
                + " FROM store_product_mappings m LEFT JOIN listing_sync_state l"
                + " ON l.organization_id = m.organization_id AND l.store_product_mapping_id = m.id"
                + " WHERE m.organization_id = :org AND m.store_id = :store AND m.is_active"
                + " AND l.pushed_price IS DISTINCT FROM m.price" + (after == null ? "" : " AND m.id > :after")
                + " ORDER BY m.id LIMIT :limit");
        if (after != null) q.bind("after", after);
        return q.bind("org", org.value()).bind("store", store.value()).bind("limit", limit)
                .map((rs, ctx) -> new PriceCandidate(rs.getObject("id", UUID.class), rs.getString("platform_product_id"),
                        rs.getString("platform_variant_id"), rs.getBigDecimal("price")))
                .list();
    }

    @Override
    public void recordPrices(List<PriceCandidate> pushed) {
        if (pushed.isEmpty()) return;
        PreparedBatch batch = handle.prepareBatch("INSERT INTO listing_sync_state (organization_id, store_product_mapping_id,"
                + " pushed_price, price_pushed_at) VALUES (:org, :mapping, :price, now())"
                + " ON CONFLICT (organization_id, store_product_mapping_id) DO UPDATE SET pushed_price = :price,"
                + " price_pushed_at = now()");
        for (PriceCandidate p : pushed) batch.bind("org", org.value()).bind("mapping", p.mappingId()).bind("price", p.price()).add();
        batch.execute();
    }
}
