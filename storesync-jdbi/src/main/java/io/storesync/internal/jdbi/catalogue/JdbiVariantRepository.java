package io.storesync.internal.jdbi.catalogue;

import io.storesync.api.ConflictException;
import io.storesync.api.NotFoundException;
import io.storesync.api.catalogue.NewVariant;
import io.storesync.api.catalogue.ProductId;
import io.storesync.api.catalogue.Variant;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.organization.OrganizationId;
import io.storesync.internal.jdbi.JdbiMappings;
import io.storesync.internal.jdbi.SqlErrors;
import io.storesync.spi.persistence.VariantRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jspecify.annotations.Nullable;

public final class JdbiVariantRepository implements VariantRepository {
    static final String COLUMNS = "v.id, v.product_id, v.variant_sku, v.name, v.attributes::text AS attributes, v.cost_price,"
            + " v.weight, v.images::text AS images, v.is_active, v.created_at, v.updated_at";
    static final RowMapper<Variant> MAPPER = (rs, ctx) -> new Variant(
            new VariantId(rs.getObject("id", UUID.class)), new ProductId(rs.getObject("product_id", UUID.class)),
            rs.getString("variant_sku"), rs.getString("name"),
            orEmpty(CatalogueJson.object(rs.getString("attributes"))), rs.getBigDecimal("cost_price"),
            rs.getBigDecimal("weight"), CatalogueJson.textList(rs.getString("images")), rs.getBoolean("is_active"),
            JdbiMappings.instant(rs, "created_at"), JdbiMappings.instant(rs, "updated_at"));
    static final String UNIQUE_SKU = "product_variants_product_id_variant_sku_key";

    private final Handle handle;
    private final OrganizationId organizationId;

    public JdbiVariantRepository(Handle handle, OrganizationId organizationId) {
        this.handle = handle;
        this.organizationId = organizationId;
    }

    @Override
    public Variant insert(ProductId product, NewVariant details) {
        try {
            return bindFields(handle.createQuery("INSERT INTO product_variants AS v (organization_id, product_id, variant_sku, name,"
                            + " attributes, cost_price, weight, images)"
                            + " VALUES (:org, :product, :sku, :name, CAST(:attributes AS jsonb), :cost, :weight,"
                            + " CAST(:images AS jsonb)) RETURNING " + COLUMNS), details)
                    .bind("org", organizationId.value()).bind("product", product.value())
                    .map(MAPPER).one();
        } catch (RuntimeException e) {
            throw translate(e, details.sku(), product);
        }
    }

    @Override
    public Optional<Variant> update(VariantId id, NewVariant details) {
        try {
            return bindFields(handle.createQuery("UPDATE product_variants AS v SET variant_sku = :sku, name = :name,"
                            + " attributes = CAST(:attributes AS jsonb), cost_price = :cost, weight = :weight,"
                            + " images = CAST(:images AS jsonb)"
                            + " WHERE v.organization_id = :org AND v.id = :id RETURNING " + COLUMNS), details)
                    .bind("org", organizationId.value()).bind("id", id.value())
                    .map(MAPPER).findOne();
        } catch (RuntimeException e) {
            throw translate(e, details.sku(), null);
        }
    }

    @Override
    public Optional<Variant> setActive(VariantId id, boolean active) {
        return handle.createQuery("UPDATE product_variants AS v SET is_active = :active"
                        + " WHERE v.organization_id = :org AND v.id = :id RETURNING " + COLUMNS)
                .bind("org", organizationId.value()).bind("id", id.value()).bind("active", active)
                .map(MAPPER).findOne();
    }

    @Override
    public Optional<Variant> find(VariantId id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM product_variants v WHERE v.organization_id = :org AND v.id = :id")
                .bind("org", organizationId.value()).bind("id", id.value())
                .map(MAPPER).findOne();
    }

    @Override
    public List<Variant> listByProduct(ProductId product) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM product_variants v"
                        + " WHERE v.organization_id = :org AND v.product_id = :product ORDER BY v.variant_sku")
                .bind("org", organizationId.value()).bind("product", product.value())
                .map(MAPPER).list();
    }

    @Override
    public List<Variant> findBySku(String variantSku) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM product_variants v"
                        + " JOIN products p ON p.organization_id = v.organization_id AND p.id = v.product_id"
                        + " WHERE v.organization_id = :org AND v.variant_sku = :sku ORDER BY p.sku")
                .bind("org", organizationId.value()).bind("sku", variantSku)
                .map(MAPPER).list();
    }

    private static <S extends SqlStatement<S>> S bindFields(S statement, NewVariant d) {
        return statement.bind("sku", d.sku()).bind("name", d.name())
                .bind("attributes", CatalogueJson.write(d.attributes()))
                .bind("cost", d.costPrice()).bind("weight", d.weight())
                .bind("images", CatalogueJson.write(d.images()));
    }

    private static RuntimeException translate(RuntimeException e, String sku, @Nullable ProductId product) {
        String constraint = SqlErrors.constraint(e);
        if (UNIQUE_SKU.equals(constraint)) {
            return SqlErrors.instead(new ConflictException("the product already has a variant with SKU '" + sku + "'"), e);
        }
        if (product != null && constraint != null && constraint.startsWith("product_variants_product")) {
            return SqlErrors.instead(new NotFoundException("product " + product + " not found"), e);
        }
        return e;
    }

    static <K, V> Map<K, V> orEmpty(@Nullable Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
