package io.storesync.internal.core;

import io.storesync.api.AccessDeniedException;
import io.storesync.api.AllocationStrategy;
import io.storesync.api.Actor;
import io.storesync.api.Member;
import io.storesync.api.NewOrganization;
import io.storesync.api.NotFoundException;
import io.storesync.api.Organization;
import io.storesync.api.OrganizationId;
import io.storesync.api.Platform;
import io.storesync.api.Role;
import io.storesync.api.Tenant;
import io.storesync.spi.persistence.Persistence;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** What {@code StoreSync} delegates to; holds the storage and the configuration. */
public final class Engine {
    private final Persistence persistence;
    private final Clock clock;
    private final StockAllocator allocator;

    public Engine(Persistence persistence, Clock clock, AllocationStrategy allocationStrategy) {
        this.persistence = Objects.requireNonNull(persistence, "persistence");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.allocator = new StockAllocator(Objects.requireNonNull(allocationStrategy, "allocationStrategy"));
    }

    StockAllocator allocator() {
        return allocator;
    }

    Persistence persistence() {
        return persistence;
    }

    Clock clock() {
        return clock;
    }

    public Organization createOrganization(NewOrganization request) {
        Objects.requireNonNull(request, "request");
        OrganizationId id = OrganizationId.random();
        return persistence.inTenant(id, tx -> {
            Organization created = tx.organizations().insert(id, request.name(), request.slug());
            tx.members().insert(request.owner());
            return created;
        });
    }

    public Tenant tenant(OrganizationId organizationId, Actor actor) {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(actor, "actor");
        Role role = persistence.inTenant(organizationId, tx -> {
            if (tx.organizations().find().isEmpty()) {
                throw new NotFoundException("organization " + organizationId + " does not exist");
            }
            if (actor instanceof Actor.Member m) {
                Member member = tx.members().find(m.id())
                        .orElseThrow(() -> new AccessDeniedException(
                                "user " + m.id() + " is not a member of organization " + organizationId));
                if (!member.active()) {
                    throw new AccessDeniedException("user " + m.id() + " is deactivated in organization " + organizationId);
                }
                return member.role();
            }
            return Role.ADMIN;
        });
        return new TenantHandle(this, organizationId, actor, role);
    }

    public List<Platform> platforms() {
        return persistence.platforms();
    }
}
