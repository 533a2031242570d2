package io.storesync.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.StoreSync;
import io.storesync.api.AccessDeniedException;
import io.storesync.api.Actor;
import io.storesync.api.ConflictException;
import io.storesync.api.NotFoundException;
import io.storesync.api.Tenant;
import io.storesync.api.organization.Member;
import io.storesync.api.organization.NewMember;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.organization.Role;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.Platform;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Organizations and their members: creation, roles, the last owner protected, and one organization never seeing
 * another's members.
 *
 * <p>An implementation runs this kit by extending it and implementing {@link
 * StoreSyncCompatibilityKit#storeSyncBuilder}; each test class gets a database of its own.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
public abstract class OrganizationsAndMembersCompatibilityKit extends StoreSyncCompatibilityKit {
    private StoreSync storeSync;
    private UserId ownerId;
    private Organization org;

    @BeforeEach
    void openOrganization(TestDatabase db) {
        storeSync = storeSync(db);
        ownerId = UserId.random();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        org = storeSync.createOrganization(NewOrganization.of("Toko " + tag, "toko-" + tag, ownerId, tag + "@owner.test", "Ayu"));
    }

    private Tenant as(UserId user) {
        return storeSync.tenant(org.id(), Actor.user(user));
    }

    private NewMember member(Role role) {
        UserId id = UserId.random();
        return new NewMember(id, id.value() + "@member.test", null, role);
    }

    @Test
    void createsAnOrganizationWithItsOwner() {
        Tenant owner = as(ownerId);
        assertThat(owner.role()).isEqualTo(Role.OWNER);
        assertThat(owner.organization()).isEqualTo(org);
        assertThat(org.subscriptionPlan()).isEqualTo("free");
        assertThat(org.settings()).isEmpty();
        assertThat(owner.members().list()).singleElement()
                .satisfies(m -> assertThat(m.role()).isEqualTo(Role.OWNER))
                .satisfies(m -> assertThat(m.active()).isTrue());
    }

    @Test
    void aTakenSlugIsAConflictThatNamesTheSlugAndCreatesNothing() {
        UserId other = UserId.random();
        assertThatThrownBy(() -> storeSync.createOrganization(NewOrganization.of("Copy", org.slug(), other, "copy@x.test", null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining(org.slug());
        // the owner insert was rolled back with the organization: the user id is still free
        storeSync.createOrganization(NewOrganization.of("Other", "other-" + other.value().toString().substring(0, 8),
                other, "copy@x.test", null));
    }

    @Test
    void ownersAndAdminsManageMembersButViewersOnlyRead() {
        Tenant owner = as(ownerId);
        Member admin = owner.members().add(member(Role.ADMIN));
        Member viewer = as(admin.id()).members().add(member(Role.VIEWER));

        Tenant asViewer = as(viewer.id());
        assertThat(asViewer.members().list()).hasSize(3);
        assertThatThrownBy(() -> asViewer.members().add(member(Role.MEMBER)))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("viewer");
        assertThat(owner.members().list()).hasSize(3);

        Member promoted = as(admin.id()).members().changeRole(viewer.id(), Role.MEMBER);
        assertThat(promoted.role()).isEqualTo(Role.MEMBER);
        assertThatThrownBy(() -> as(promoted.id()).members().changeRole(admin.id(), Role.VIEWER))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void onlyOwnersTouchOwnersAndTheLastOwnerStays() {
        Tenant owner = as(ownerId);
        Member admin = owner.members().add(member(Role.ADMIN));
        assertThatThrownBy(() -> as(admin.id()).members().add(member(Role.OWNER))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> as(admin.id()).members().deactivate(ownerId)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> owner.members().changeRole(ownerId, Role.ADMIN))
                .isInstanceOf(ConflictException.class).hasMessageContaining("last active owner");

        Member second = owner.members().add(member(Role.OWNER));
        assertThat(owner.members().changeRole(ownerId, Role.ADMIN).role()).isEqualTo(Role.ADMIN);
        assertThat(as(second.id()).members().list()).filteredOn(m -> m.role() == Role.OWNER).hasSize(1);
    }

    @Test
    void deactivatedMembersCannotActUntilReactivated() {
        Tenant owner = as(ownerId);
        Member m = owner.members().add(member(Role.MEMBER));
        assertThat(owner.members().deactivate(m.id()).active()).isFalse();
        assertThatThrownBy(() -> as(m.id())).isInstanceOf(AccessDeniedException.class).hasMessageContaining("deactivated");
        owner.members().reactivate(m.id());
        assertThat(as(m.id()).role()).isEqualTo(Role.MEMBER);
    }

    @Test
    void strangersAndUnknownOrganizationsAreRefused() {
        assertThatThrownBy(() -> as(UserId.random())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> storeSync.tenant(OrganizationId.random(), Actor.system("worker")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void duplicateEmailOrIdIsAConflict() {
        Tenant owner = as(ownerId);
        NewMember first = member(Role.MEMBER);
        owner.members().add(first);
        assertThatThrownBy(() -> owner.members().add(new NewMember(UserId.random(), first.email(), null, Role.MEMBER)))
                .isInstanceOf(ConflictException.class).hasMessage("could not add member: the email cannot be used");
        assertThatThrownBy(() -> owner.members().add(new NewMember(first.id(), "else@member.test", null, Role.MEMBER)))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void activityIsRecorded() {
        Tenant owner = as(ownerId);
        assertThat(owner.members().find(ownerId).orElseThrow().lastActive()).isEmpty();
        owner.members().touchActivity();
        assertThat(owner.members().find(ownerId).orElseThrow().lastActive()).isPresent();
    }

    @Test
    void oneOrganizationNeverSeesAnothersMembers(TestDatabase db) {
        UserId otherOwner = UserId.random();
        Organization other = storeSync.createOrganization(NewOrganization.of("Other", "o-" + otherOwner.value().toString().substring(0, 8),
                otherOwner, otherOwner.value() + "@o.test", null));
        Tenant mine = as(ownerId);
        assertThat(mine.members().find(otherOwner)).isEmpty();
        assertThat(mine.members().list()).extracting(Member::id).doesNotContain(otherOwner);
        assertThatThrownBy(() -> mine.members().deactivate(otherOwner)).isInstanceOf(NotFoundException.class);
        assertThat(storeSync.tenant(other.id(), Actor.user(otherOwner)).members().list()).extracting(Member::id)
                .containsExactly(otherOwner);
    }

    @Test
    void platformsAreSeededReferenceData() {
        assertThat(storeSync.platforms()).extracting(Platform::name)
                .containsExactly(Platform.CUSTOM_WEBSITE, Platform.SHOPEE, Platform.TIKTOK_SHOP);
    }
}
