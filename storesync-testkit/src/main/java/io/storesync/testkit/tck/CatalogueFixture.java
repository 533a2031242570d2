package io.storesync.testkit.tck;

import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.Secret;
import io.storesync.api.Tenant;
import io.storesync.api.organization.NewMember;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.Role;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.Platform;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreId;
import io.storesync.api.store.StoreSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Organizations, members and stores for the catalogue kits, all made through the public API. */
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

    /** A Shopee store of the organization, connected through the stores API by its owner. */
    static StoreId store(Tenant owner) {
        return store(owner, Platform.SHOPEE);
    }

    /**
     * A store on {@code platform}, connected through the stores API by the owner {@code owner}; the StoreSync must
     * have credential keys and a connector for the platform ({@link StoreSyncCompatibilityKit#storeSync}).
     */
    static StoreId store(Tenant owner, String platform) {
        String shop = UUID.randomUUID().toString();
        return owner.stores().connect(new NewStore(platform, platform + " store " + shop.substring(0, 8), shop,
                StoreCredentials.of(Secret.of(SyncFixture.ACCESS_TOKEN), Secret.of("refresh-" + SyncFixture.ACCESS_TOKEN),
                        Instant.now().plus(Duration.ofDays(30))), StoreSettings.DEFAULTS)).id();
    }
}
