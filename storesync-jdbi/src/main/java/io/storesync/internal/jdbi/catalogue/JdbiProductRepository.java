package io.storesync.internal.jdbi.catalogue;

import io.storesync.api.ConflictException;
import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.catalogue.NewProduct;
import io.storesync.api.catalogue.Product;
import io.storesync.api.catalogue.ProductId;
import io.storesync.api.catalogue.ProductQuery;
import io.storesync.api.catalogue.UpsertResult;
import io.storesync.api.organization.OrganizationId;
import io.storesync.internal.jdbi.JdbiMappings;
import io.storesync.internal.jdbi.SqlErrors;
import io.storesync.spi.persistence.Keyset;
import io.storesync.spi.persistence.ProductRepository;
import io.storesync.spi.persistence.ProductUpsertRow;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;

/** The tenant's products in PostgreSQL, one at a time; bulk imports go through {@link ProductBulkUpsert}. */
public final class JdbiProductRepository implements ProductRepository {
    private static final String COLUMNS = "id, sku, name, description, category, brand, cost_price, weight,"
            + " dimensions::text AS dimensions, images::text AS images, attributes::text AS attributes, is_active,"
            + " created_at, updated_at";
    private static final RowMapper<Product> MAPPER = (rs, ctx) -> new Product(
            new ProductId(rs.getObject("id", UUID.class)), rs.getString("sku"), rs.getString("name"),
            rs.getString("description"), rs.getString("category"), rs.getString("brand"),
            rs.getBigDecimal("cost_price"), rs.getBigDecimal("weight"), CatalogueJson.object(rs.getString("dimensions")),
            CatalogueJson.textList(rs.getString("images")),
            JdbiVariantRepository.orEmpty(CatalogueJson.object(rs.getString("attributes"))), rs.getBoolean("is_active"),
            JdbiMappings.instant(rs, "created_at"), JdbiMappings.instant(rs, "updated_at"));
    private static final String UNIQUE_SKU = "products_organization_id_sku_key";
    private static final Keyset BY_SKU = new Keyset("products");
    private static final Keyset BY_RANK = new Keyset("products by relevance");
    private static final String SEARCH = "websearch_to_tsquery('simple', :text)";

    private final Handle handle;
    private final OrganizationId organizationId;
    private final ProductBulkUpsert bulk;

    public JdbiProductRepository(Handle handle, OrganizationId organizationId) {
        this.handle = handle;
        this.organizationId = organizationId;
        this.bulk = new ProductBulkUpsert(handle, organizationId);
    }

    @Override
    public Product insert(NewProduct details) {
        try {
            return bindFields(handle.createQuery("INSERT INTO products (organization_id, sku, name, description,"
                            + " category, brand, cost_price, weight, dimensions, images, attributes)"
                            + " VALUES (:org, :sku, :name, :description, :category, :brand, :cost, :weight,"
                            + " CAST(:dimensions AS jsonb), CAST(:images AS jsonb), CAST(:attributes AS jsonb))"
                            + " RETURNING " + COLUMNS), details)
                    .bind("org", organizationId.value())
                    .map(MAPPER).one();
        } catch (RuntimeException e) {
            throw translate(e, details.sku());
        }
    }

    @Override
    public Optional<Product> update(ProductId id, NewProduct details) {
        try {
            return bindFields(handle.createQuery("UPDATE products SET sku = :sku, name = :name,"
                            + " description = :description, category = :category, brand = :brand, cost_price = :cost,"
                            + " weight = :weight, dimensions = CAST(:dimensions AS jsonb),"
                            + " images = CAST(:images AS jsonb), attributes = CAST(:attributes AS jsonb)"
                            + " WHERE organization_id = :org AND id = :id RETURNING " + COLUMNS), details)
                    .bind("org", organizationId.value()).bind("id", id.value())
                    .map(MAPPER).findOne();
        } catch (RuntimeException e) {
            throw translate(e, details.sku());
        }
    }

    @Override
    public Optional<Product> setActive(ProductId id, boolean active) {
        return handle.createQuery("UPDATE products SET is_active = :active WHERE organization_id = :org AND id = :id"
                        + " RETURNING " + COLUMNS)
                .bind("org", organizationId.value()).bind("id", id.value()).bind("active", active)
                .map(MAPPER).findOne();
    }

    @Override
    public Optional<Product> find(ProductId id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM products WHERE organization_id = :org AND id = :id")
                .bind("org", organizationId.value()).bind("id", id.value())
                .map(MAPPER).findOne();
    }

    @Override
    public Optional<Product> findBySku(String sku) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM products WHERE organization_id = :org AND sku = :sku")
                .bind("org", organizationId.value()).bind("sku", sku)
                .map(MAPPER).findOne();
    }

    @Override
    public Page<Product> list(ProductQuery filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE organization_id = :org");
        if (filter.category() != null) where.append(" AND category = :category");
        if (filter.brand() != null) where.append(" AND brand = :brand");
        if (filter.active() != null) where.append(" AND is_active = :active");
        if (filter.text() != null) where.append(" AND search_document @@ ").append(SEARCH);
        LongSupplier total = () -> bindFilter(handle.createQuery("SELECT count(*) FROM products" + where), filter)
                .mapTo(Long.class).one();
        if (filter.text() == null) {
            // SKUs are unique per organization, so the SKU alone continues a page, served by the unique index
            Optional<List<String>> after = BY_SKU.after(page, 1);
            Query query = bindFilter(handle.createQuery("SELECT " + COLUMNS + " FROM products" + where
                    + (after.isPresent() ? " AND sku > :afterSku" : "") + " ORDER BY sku LIMIT :limit"), filter)
                    .bind("limit", page.size() + 1);
            after.ifPresent(k -> query.bind("afterSku", k.get(0)));
            return BY_SKU.page(page, query.map(MAPPER).list(), p -> List.of(p.sku()), p -> p, total);
        }
        // best match first: the rank is part of the key, written and read back as the same float
        String rank = "ts_rank(search_document, " + SEARCH + ")";
        Optional<List<String>> after = BY_RANK.after(page, 2);
        Query query = bindFilter(handle.createQuery("SELECT " + COLUMNS + ", " + rank + " AS rank FROM products" + where
                + (after.isPresent() ? " AND (" + rank + " < :afterRank OR (" + rank + " = :afterRank AND sku > :afterSku))" : "")
                + " ORDER BY rank DESC, sku LIMIT :limit"), filter).bind("limit", page.size() + 1);
        after.ifPresent(k -> query.bind("afterRank", BY_RANK.real(k.get(0))).bind("afterSku", k.get(1)));
        List<Ranked> rows = query.map((rs, ctx) -> new Ranked(MAPPER.map(rs, ctx), rs.getFloat("rank"))).list();
        return BY_RANK.page(page, rows, r -> List.of(Float.toString(r.rank()), r.product().sku()), Ranked::product, total);
    }

    private record Ranked(Product product, float rank) {}

    private Query bindFilter(Query query, ProductQuery filter) {
        query.bind("org", organizationId.value());
        if (filter.category() != null) query.bind("category", filter.category());
        if (filter.brand() != null) query.bind("brand", filter.brand());
        if (filter.active() != null) query.bind("active", filter.active().booleanValue());
        if (filter.text() != null) query.bind("text", filter.text());
        return query;
    }

    @Override
    public UpsertResult upsert(List<ProductUpsertRow> rows) {
        return bulk.upsert(rows);
    }

    private static <S extends SqlStatement<S>> S bindFields(S statement, NewProduct d) {
        return statement.bind("sku", d.sku()).bind("name", d.name()).bind("description", d.description())
                .bind("category", d.category()).bind("brand", d.brand())
                .bind("cost", d.costPrice()).bind("weight", d.weight())
                .bind("dimensions", CatalogueJson.write(d.dimensions()))
                .bind("images", CatalogueJson.write(d.images()))
                .bind("attributes", CatalogueJson.write(d.attributes()));
    }

    private static RuntimeException translate(RuntimeException e, String sku) {
        if (UNIQUE_SKU.equals(SqlErrors.constraint(e))) {
            return SqlErrors.instead(new ConflictException("a product with SKU '" + sku + "' already exists"), e);
        }
        return e;
    }
}
