package io.storesync.internal.core.organization;

import io.storesync.api.AccessDeniedException;
import io.storesync.api.Actor;
import io.storesync.api.ConflictException;
import io.storesync.api.NotFoundException;
import io.storesync.api.organization.Member;
import io.storesync.api.organization.Members;
import io.storesync.api.organization.NewMember;
import io.storesync.api.organization.Role;
import io.storesync.api.organization.UserId;
import io.storesync.internal.api.Check;
import io.storesync.internal.core.TenantHandle;
import io.storesync.spi.persistence.TenantTransaction;
import java.util.List;
import java.util.Optional;

/** Member management with the role rules: only an owner touches owners, and an organization keeps an active owner. */
public final class MembersService implements Members {
    private final TenantHandle tenant;

    public MembersService(TenantHandle tenant) {
        this.tenant = tenant;
    }

    @Override
    public List<Member> list() {
        return tenant.read(tx -> tx.members().list());
    }

    @Override
    public Optional<Member> find(UserId id) {
        Check.present(id, "id");
        return tenant.read(tx -> tx.members().find(id));
    }

    @Override
    public Member add(NewMember member) {
        Check.present(member, "member");
        return tenant.administer("add members", tx -> {
            requireOwnerFor(tx, member.role(), "add an owner");
            return tx.members().insert(member);
        });
    }

    @Override
    public Member changeRole(UserId id, Role role) {
        Check.present(role, "role");
        return tenant.administer("change roles", tx -> {
            Member current = existing(tx, id);
            requireOwnerFor(tx, current.role(), "change an owner's role");
            requireOwnerFor(tx, role, "make an owner");
            if (current.role() == Role.OWNER && role != Role.OWNER) keepAnOwner(tx, current);
            return tx.members().update(id, role, current.active()).orElseThrow();
        });
    }

    @Override
    public Member deactivate(UserId id) {
        return tenant.administer("deactivate members", tx -> {
            Member current = existing(tx, id);
            requireOwnerFor(tx, current.role(), "deactivate an owner");
            if (current.role() == Role.OWNER) keepAnOwner(tx, current);
            return tx.members().update(id, current.role(), false).orElseThrow();
        });
    }

    @Override
    public Member reactivate(UserId id) {
        return tenant.administer("reactivate members", tx -> {
            Member current = existing(tx, id);
            requireOwnerFor(tx, current.role(), "reactivate an owner");
            return tx.members().update(id, current.role(), true).orElseThrow();
        });
    }

    @Override
    public void touchActivity() {
        if (tenant.actor() instanceof Actor.Member m) {
            tenant.read(tx -> {
                tx.members().touch(m.id(), tenant.engine().clock().instant());
                return null;
            });
        }
    }

    private static Member existing(TenantTransaction tx, UserId id) {
        Check.present(id, "id");
        return tx.members().find(id).orElseThrow(() -> new NotFoundException("member " + id + " not found"));
    }

    private void requireOwnerFor(TenantTransaction tx, Role role, String what) {
        if (role == Role.OWNER && tenant.currentRole(tx) != Role.OWNER) {
            throw new AccessDeniedException("only an owner may " + what);
        }
    }

    private static void keepAnOwner(TenantTransaction tx, Member owner) {
        if (owner.active() && tx.members().countActive(Role.OWNER) <= 1) {
            throw new ConflictException("member " + owner.id() + " is the last active owner; make another owner first");
        }
    }
}
