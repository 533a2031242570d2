package io.storesync.jdbi;

import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.Tenant;
import io.storesync.api.organization.NewMember;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.organization.Role;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.StoreId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/** Organizations and stores for catalogue tests; stores through plain SQL, since there is no stores API yet. */
final class CatalogueFixture {
    private CatalogueFixture() {}

    /** A new organization; returns its owner's handle. */
    static Tenant organization(StoreSync storeSync) {
        UserId owner = UserId.random();
        String tag = owner.value().toString().substring(0, 8);
        Organization org = storeSync.createOrganization(
                NewOrganization.of("Toko " + tag, "toko-" + tag, owner, tag + "@owner.test", "Ayu"));
        return storeSync.tenant(org.id(), Actor.user(owner));
    }

    /** A member of the owner's organization with {@code role}, acting. */
    static Tenant member(StoreSync storeSync, Tenant owner, Role role) {
        UserId id = UserId.random();
        owner.members().add(new NewMember(id, id.value() + "@member.test", null, role));
        return storeSync.tenant(owner.organizationId(), Actor.user(id));
    }

    /** A Shopee store of the organization, inserted as the application role inside a tenant transaction. */
    static StoreId store(DataSource app, String schema, OrganizationId org) throws SQLException {
        try (Connection c = app.getConnection()) {
            c.setAutoCommit(false);
            Sql.exec(c, "SELECT set_config('search_path', ?, true), set_config('storesync.organization_id', ?, true)",
                    schema, org.value().toString());
            UUID id = Sql.id(c, "INSERT INTO stores (organization_id, platform_id, name, platform_store_id, credentials)"
                    + " SELECT ?, id, 'Shop', ?, '{}' FROM platforms WHERE name = 'shopee' RETURNING id",
                    org.value(), UUID.randomUUID().toString());
            c.commit();
            return new StoreId(id);
        }
    }
}
