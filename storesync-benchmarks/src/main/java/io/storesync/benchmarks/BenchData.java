package io.storesync.benchmarks;

import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.organization.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Set-up shared by the benchmarks that are not about the catalogue: a fresh organization per measured side, and
 * plain-SQL rows and connections as the application role, with the tenant set the way StoreSync sets it.
 */
final class BenchData {
    private BenchData() {}

    /** A new organization, and its owner's handle. */
    static Tenant organization(StoreSync storeSync) {
        UserId owner = UserId.random();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Organization org = storeSync.createOrganization(NewOrganization.of("Bench " + tag, "bench-" + tag, owner, tag + "@b.test", null));
        return storeSync.tenant(org.id(), Actor.user(owner));
    }

    /** One product with one variant whose SKU is {@code sku}. */
    static VariantId variant(DataSource app, String schema, OrganizationId org, String sku) throws SQLException {
        try (Connection c = tenantConnection(app, schema, org)) {
            UUID product = id(c, "INSERT INTO products (organization_id, sku, name) VALUES (?, ?, ?) RETURNING id", org.value(), sku, sku);
            UUID variant = id(c, "INSERT INTO product_variants (organization_id, product_id, variant_sku) VALUES (?, ?, ?) RETURNING id",
                    org.value(), product, sku);
            c.commit();
            return new VariantId(variant);
        }
    }

    /** A connection in a transaction whose tenant is {@code org}. */
    static Connection tenantConnection(DataSource app, String schema, OrganizationId org) throws SQLException {
        Connection c = app.getConnection();
        c.setAutoCommit(false);
        enterTenant(c, schema, org);
        return c;
    }

    /** Sets schema and tenant for the connection's current transaction only, as StoreSync does. */
    static void enterTenant(Connection c, String schema, OrganizationId org) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT set_config('search_path', ?, true), set_config('storesync.organization_id', ?, true)")) {
            ps.setString(1, schema);
            ps.setString(2, org.value().toString());
            ps.execute();
        }
    }

    /** The UUID the statement returns. */
    static UUID id(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }
}
