package io.storesync.jdbi;

import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.organization.NewMember;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.Role;
import io.storesync.api.organization.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A test organization: an owner, a member and a viewer, and helpers to add catalogue rows and read raw stock rows.
 * Variants are inserted with plain SQL as the application role, so inventory tests do not depend on the catalogue.
 */
final class Shop {
    final StoreSync storeSync;
    final Organization org;
    final UserId ownerId = UserId.random();
    final UserId memberId = UserId.random();
    final UserId viewerId = UserId.random();
    private final DataSource app;
    private final String schema;

    Shop(StoreSync storeSync, DataSource app, String schema) {
        this.storeSync = storeSync;
        this.app = app;
        this.schema = schema;
        String tag = UUID.randomUUID().toString().substring(0, 8);
        this.org = storeSync.createOrganization(NewOrganization.of("Shop " + tag, "shop-" + tag, ownerId, tag + "@owner.test", null));
        owner().members().add(new NewMember(memberId, tag + "@member.test", null, Role.MEMBER));
        owner().members().add(new NewMember(viewerId, tag + "@viewer.test", null, Role.VIEWER));
    }

    Tenant owner() {
        return storeSync.tenant(org.id(), Actor.user(ownerId));
    }

    Tenant member() {
        return storeSync.tenant(org.id(), Actor.user(memberId));
    }

    Tenant viewer() {
        return storeSync.tenant(org.id(), Actor.user(viewerId));
    }

    Location location(String name) {
        return owner().locations().create(NewLocation.named(name));
    }

    /** Variants named {@code <prefix>-1..n} under one product. */
    List<VariantId> variants(String prefix, int n) throws SQLException {
        List<VariantId> ids = new ArrayList<>();
        try (Connection c = tenant()) {
            UUID product = Sql.id(c, "INSERT INTO products (organization_id, sku, name) VALUES (?, ?, ?) RETURNING id",
                    org.id().value(), prefix, "Product " + prefix);
            for (int i = 1; i <= n; i++) {
                ids.add(new VariantId(Sql.id(c, "INSERT INTO product_variants (organization_id, product_id, variant_sku)"
                        + " VALUES (?, ?, ?) RETURNING id", org.id().value(), product, prefix + "-" + i)));
            }
            c.commit();
        }
        return ids;
    }

    VariantId variant(String sku) throws SQLException {
        return variants(sku, 1).get(0);
    }

    /** A connected store on {@code platform}, written with plain SQL (stores have no API in this module's tests). */
    io.storesync.api.store.StoreId store(String platform, boolean restockOnReturn) throws SQLException {
        try (Connection c = tenant()) {
            UUID id = Sql.id(c, "INSERT INTO stores (organization_id, platform_id, name, platform_store_id, credentials, settings)"
                    + " SELECT ?, id, ?, ?, '{}', jsonb_build_object('restockOnReturn', ?) FROM platforms WHERE name = ? RETURNING id",
                    org.id().value(), platform + " store", UUID.randomUUID().toString(), restockOnReturn, platform);
            c.commit();
            return new io.storesync.api.store.StoreId(id);
        }
    }

    /** A listing of {@code variant} on {@code store} under the platform's product and variant ids. */
    void listing(io.storesync.api.store.StoreId store, VariantId variant, String platformProductId, String platformVariantId)
            throws SQLException {
        try (Connection c = tenant()) {
            Sql.exec(c, "INSERT INTO store_product_mappings (organization_id, store_id, product_variant_id,"
                    + " platform_product_id, platform_variant_id, price) VALUES (?, ?, ?, ?, ?, 10)",
                    org.id().value(), store.value(), variant.value(), platformProductId, platformVariantId);
            c.commit();
        }
    }

    /** A scalar from SQL run in this organization's tenant. */
    long scalar(String sql, Object... args) throws SQLException {
        try (Connection c = tenant()) {
            long v = Sql.scalar(c, sql, args);
            c.commit();
            return v;
        }
    }

    /** Items whose ledger does not add up to their counters, or whose counters break a bound; empty when sound. */
    List<String> ledgerProblems() throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Connection c = tenant(); PreparedStatement ps = c.prepareStatement(
                "SELECT i.id, i.quantity_on_hand, i.quantity_reserved,"
                        + " coalesce(sum(t.quantity_change), 0) AS ledger_on_hand, coalesce(sum(t.reserved_change), 0) AS ledger_reserved"
                        + " FROM inventory_items i LEFT JOIN inventory_transactions t ON t.inventory_item_id = i.id"
                        + " GROUP BY i.id, i.quantity_on_hand, i.quantity_reserved")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int onHand = rs.getInt(2), reserved = rs.getInt(3);
                    if (onHand < 0 || reserved < 0 || onHand - reserved < 0) problems.add(rs.getString(1) + " bounds " + onHand + "/" + reserved);
                    if (rs.getInt(4) != onHand) problems.add(rs.getString(1) + " ledger on hand " + rs.getInt(4) + " != " + onHand);
                    if (rs.getInt(5) != reserved) problems.add(rs.getString(1) + " ledger reserved " + rs.getInt(5) + " != " + reserved);
                }
            }
            c.commit();
        }
        return problems;
    }

    private Connection tenant() throws SQLException {
        return Sql.tenant(app, schema, org.id().value());
    }
}
