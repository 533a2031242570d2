package io.storesync.benchmarks;

import io.storesync.api.OrganizationId;
import io.storesync.api.VariantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/** Catalogue rows for benchmarks that are not about the catalogue, written with plain SQL as the application role. */
final class Catalogue {
    private Catalogue() {}

    /** One product with one variant whose SKU is {@code sku}. */
    static VariantId variant(DataSource app, String schema, OrganizationId org, String sku) throws SQLException {
        try (Connection c = app.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement tenant = c.prepareStatement(
                    "SELECT set_config('search_path', ?, true), set_config('storesync.organization_id', ?, true)")) {
                tenant.setString(1, schema);
                tenant.setString(2, org.value().toString());
                tenant.execute();
            }
            UUID product = id(c, "INSERT INTO products (organization_id, sku, name) VALUES (?, ?, ?) RETURNING id", org.value(), sku, sku);
            UUID variant = id(c, "INSERT INTO product_variants (organization_id, product_id, variant_sku) VALUES (?, ?, ?) RETURNING id",
                    org.value(), product, sku);
            c.commit();
            return new VariantId(variant);
        }
    }

    private static UUID id(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }
}
