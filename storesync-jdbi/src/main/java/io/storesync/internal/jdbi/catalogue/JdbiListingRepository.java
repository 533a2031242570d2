package io.storesync.internal.jdbi.catalogue;

import io.storesync.api.ConflictException;
import io.storesync.api.NotFoundException;
import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.catalogue.Listing;
import io.storesync.api.catalogue.ListingId;
import io.storesync.api.catalogue.ListingPrice;
import io.storesync.api.catalogue.ListingStatus;
import io.storesync.api.catalogue.NewListing;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import io.storesync.internal.jdbi.DbCodes;
import io.storesync.internal.jdbi.JdbiMappings;
import io.storesync.internal.jdbi.SqlErrors;
import io.storesync.spi.persistence.Keyset;
import io.storesync.spi.persistence.ListingRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jspecify.annotations.Nullable;

public final class JdbiListingRepository implements ListingRepository {
    private static final String COLUMNS = "id, product_variant_id, store_id, platform_product_id, platform_variant_id,"
            + " platform_sku, price, compare_at_price, is_active, sync_status, last_sync_at, created_at, updated_at";
    private static final RowMapper<Listing> MAPPER = (rs, ctx) -> new Listing(
            new ListingId(rs.getObject("id", UUID.class)), new VariantId(rs.getObject("product_variant_id", UUID.class)),
            new StoreId(rs.getObject("store_id", UUID.class)), rs.getString("platform_product_id"),
            rs.getString("platform_variant_id"), rs.getString("platform_sku"), rs.getBigDecimal("price"),
            rs.getBigDecimal("compare_at_price"), rs.getBoolean("is_active"),
            DbCodes.parse(ListingStatus.class, rs.getString("sync_status")), JdbiMappings.nullableInstant(rs, "last_sync_at"),
            JdbiMappings.instant(rs, "created_at"), JdbiMappings.instant(rs, "updated_at"));
    /** A store's listings in the order of the unique listing key, so its index serves the pages. */
    private static final Keyset LIST = new Keyset("store listings");

    private final Handle handle;
    private final OrganizationId organizationId;

    public JdbiListingRepository(Handle handle, OrganizationId organizationId) {
        this.handle = handle;
        this.organizationId = organizationId;
    }

    @Override
    public Listing insert(NewListing listing) {
        try {
            return handle.createQuery("INSERT INTO store_product_mappings (organization_id, store_id, product_variant_id,"
                            + " platform_product_id, platform_variant_id, platform_sku, price, compare_at_price)"
                            + " VALUES (:org, :store, :variant, :productId, :variantId, :sku, :price, :compareAt)"
                            + " RETURNING " + COLUMNS)
                    .bind("org", organizationId.value()).bind("store", listing.store().value())
                    .bind("variant", listing.variant().value()).bind("productId", listing.platformProductId())
                    .bind("variantId", listing.platformVariantId()).bind("sku", listing.platformSku())
                    .bind("price", listing.price()).bind("compareAt", listing.compareAtPrice())
                    .map(MAPPER).one();
        } catch (RuntimeException e) {
            String constraint = SqlErrors.constraint(e);
            if ("store_product_mappings_listing_key".equals(constraint)) {
                throw new ConflictException("store " + listing.store() + " already has a listing for platform product '"
                        + listing.platformProductId() + "'" + (listing.platformVariantId() == null ? ""
                        : " variant '" + listing.platformVariantId() + "'"), e);
            }
            // the plain foreign keys pass for another tenant's row (their checks bypass row-level security); the
            // composite ones, which include organization_id, are what refuse it
            if (constraint != null && constraint.startsWith("store_product_mappings_store")) {
                throw SqlErrors.instead(new NotFoundException("store " + listing.store() + " not found"), e);
            }
            if (constraint != null && (constraint.startsWith("store_product_mappings_variant")
                    || constraint.startsWith("store_product_mappings_product_variant"))) {
                throw SqlErrors.instead(new NotFoundException("variant " + listing.variant() + " not found"), e);
            }
            throw e;
        }
    }

    @Override
    public Optional<Listing> updatePrice(ListingId id, ListingPrice price) {
        return handle.createQuery("UPDATE store_product_mappings SET price = :price, compare_at_price = :compareAt"
                        + " WHERE organization_id = :org AND id = :id RETURNING " + COLUMNS)
                .bind("org", organizationId.value()).bind("id", id.value())
                .bind("price", price.price()).bind("compareAt", price.compareAtPrice())
                .map(MAPPER).findOne();
    }

    @Override
    public Optional<Listing> setActive(ListingId id, boolean active) {
        return handle.createQuery("UPDATE store_product_mappings SET is_active = :active"
                        + " WHERE organization_id = :org AND id = :id RETURNING " + COLUMNS)
                .bind("org", organizationId.value()).bind("id", id.value()).bind("active", active)
                .map(MAPPER).findOne();
    }

    @Override
    public boolean delete(ListingId id) {
        return handle.createUpdate("DELETE FROM store_product_mappings WHERE organization_id = :org AND id = :id")
                .bind("org", organizationId.value()).bind("id", id.value())
                .execute() > 0;
    }

    @Override
    public Optional<Listing> find(ListingId id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM store_product_mappings WHERE organization_id = :org AND id = :id")
                .bind("org", organizationId.value()).bind("id", id.value())
                .map(MAPPER).findOne();
    }

    @Override
    public Optional<Listing> findByPlatform(StoreId store, String platformProductId, @Nullable String platformVariantId) {
        // two spellings rather than IS NOT DISTINCT FROM, which no btree index can serve
        String variantCondition = platformVariantId == null ? "platform_variant_id IS NULL" : "platform_variant_id = :variantId";
        Query query = handle.createQuery("SELECT " + COLUMNS + " FROM store_product_mappings WHERE organization_id = :org"
                        + " AND store_id = :store AND platform_product_id = :productId AND " + variantCondition)
                .bind("org", organizationId.value()).bind("store", store.value())
                .bind("productId", platformProductId);
        if (platformVariantId != null) query.bind("variantId", platformVariantId);
        return query.map(MAPPER).findOne();
    }

    @Override
    public List<Listing> listByVariant(VariantId variant) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM store_product_mappings"
                        + " WHERE organization_id = :org AND product_variant_id = :variant"
                        + " ORDER BY store_id, platform_product_id, platform_variant_id, id")
                .bind("org", organizationId.value()).bind("variant", variant.value())
                .map(MAPPER).list();
    }

    @Override
    public Page<Listing> listByStore(StoreId store, PageRequest page) {
        // (platform product, platform variant) is unique per store, nulls last as in the index: the key needs no id
        Optional<List<String>> after = LIST.after(page, 3);
        Query query = handle.createQuery("SELECT " + COLUMNS + " FROM store_product_mappings"
                        + " WHERE organization_id = :org AND store_id = :store"
                        + after.map(k -> "1".equals(k.get(2))
                                ? " AND (platform_product_id > :afterProduct OR (platform_product_id = :afterProduct"
                                        + " AND (platform_variant_id > :afterVariant OR platform_variant_id IS NULL)))"
                                : " AND platform_product_id > :afterProduct").orElse("")
                        + " ORDER BY platform_product_id, platform_variant_id LIMIT :limit")
                .bind("org", organizationId.value()).bind("store", store.value()).bind("limit", page.size() + 1);
        after.ifPresent(k -> query.bind("afterProduct", k.get(0)).bind("afterVariant", k.get(1)));
        return LIST.page(page, query.map(MAPPER).list(), l -> List.of(l.platformProductId(),
                        l.platformVariantId() == null ? "" : l.platformVariantId(), l.platformVariantId() == null ? "0" : "1"),
                l -> l, () -> handle.createQuery("SELECT count(*) FROM store_product_mappings"
                                + " WHERE organization_id = :org AND store_id = :store")
                        .bind("org", organizationId.value()).bind("store", store.value()).mapTo(Long.class).one());
    }
}
