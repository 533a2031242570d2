package io.storesync.testkit.tck;

import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.Catalogue;
import io.storesync.api.catalogue.NewListing;
import io.storesync.api.catalogue.NewProduct;
import io.storesync.api.catalogue.NewVariant;
import io.storesync.api.catalogue.Product;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.organization.NewMember;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.Role;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.StoreId;
import io.storesync.api.store.Stores;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A test organization: an owner, a member and a viewer, and helpers that make variants, stores and listings through
 * the public API and read raw ledger rows with plain SQL (the checks that are about what the database holds).
 */
public final class Shop {
    public final StoreSync storeSync;
    public final Organization org;
    public final UserId ownerId = UserId.random();
    public final UserId memberId = UserId.random();
    public final UserId viewerId = UserId.random();
    private final DataSource app;
    private final String schema;

    public Shop(StoreSync storeSync, DataSource app, String schema) {
        this.storeSync = storeSync;
        this.app = app;
        this.schema = schema;
        String tag = UUID.randomUUID().toString().substring(0, 8);
        this.org = storeSync.createOrganization(NewOrganization.of("Shop " + tag, "shop-" + tag, ownerId, tag + "@owner.test", null));
        owner().members().add(new NewMember(memberId, tag + "@member.test", null, Role.MEMBER));
        owner().members().add(new NewMember(viewerId, tag + "@viewer.test", null, Role.VIEWER));
    }

    public Tenant owner() {
        return storeSync.tenant(org.id(), Actor.user(ownerId));
    }

    public Tenant member() {
        return storeSync.tenant(org.id(), Actor.user(memberId));
    }

    public Tenant viewer() {
        return storeSync.tenant(org.id(), Actor.user(viewerId));
    }

    public Location location(String name) {
        return owner().locations().create(NewLocation.named(name));
    }

    /** Variants named {@code <prefix>-1..n} under one product {@code <prefix>}, made through the catalogue. */
    public List<VariantId> variants(String prefix, int n) {
        Catalogue catalogue = owner().catalogue();
        Product product = catalogue.createProduct(NewProduct.of(prefix, "Product " + prefix));
        List<VariantId> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) ids.add(catalogue.addVariant(product.id(), NewVariant.of(prefix + "-" + i)).id());
        return ids;
    }

    public VariantId variant(String sku) {
        return variants(sku, 1).get(0);
    }

    /** A variant {@code variantSku} of a new product {@code productSku}; variant SKUs are unique per product only. */
    public VariantId variant(String productSku, String variantSku) {
        Catalogue catalogue = owner().catalogue();
        Product product = catalogue.createProduct(NewProduct.of(productSku, "Product " + productSku));
        return catalogue.addVariant(product.id(), NewVariant.of(variantSku)).id();
    }

    /** A store on {@code platform}, connected and given its {@code restockOnReturn} setting through the stores API. */
    public StoreId store(String platform, boolean restockOnReturn) throws SQLException {
        StoreId id = CatalogueFixture.store(owner(), platform);
        Stores stores = owner().stores();
        stores.updateSettings(id, stores.find(id).orElseThrow().settings().withRestockOnReturn(restockOnReturn));
        return id;
    }

    /** A listing of {@code variant} on {@code store} under the platform's product and variant ids, linked through the API. */
    public void listing(StoreId store, VariantId variant, String platformProductId, @Nullable String platformVariantId) {
        owner().listings().link(new NewListing(variant, store, platformProductId, platformVariantId, null, BigDecimal.TEN, null));
    }

    /** A scalar from SQL run in this organization's tenant. */
    public long scalar(String sql, Object... args) throws SQLException {
        try (Connection c = tenant()) {
            long v = Sql.scalar(c, sql, args);
            c.commit();
            return v;
        }
    }

    /** Items whose ledger does not add up to their counters, or whose counters break a bound; empty when sound. */
    public List<String> ledgerProblems() throws SQLException {
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
