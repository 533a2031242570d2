package io.storesync.internal.core;

import io.storesync.api.AccessDeniedException;
import io.storesync.api.Actor;
import io.storesync.api.NotFoundException;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.Catalogue;
import io.storesync.api.compliance.Compliance;
import io.storesync.api.catalogue.Listings;
import io.storesync.api.inventory.Inventory;
import io.storesync.api.inventory.Locations;
import io.storesync.api.job.Jobs;
import io.storesync.api.order.Orders;
import io.storesync.api.organization.Member;
import io.storesync.api.organization.Members;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.organization.Role;
import io.storesync.api.store.Stores;
import io.storesync.api.webhook.Webhooks;
import io.storesync.internal.core.catalogue.CatalogueService;
import io.storesync.internal.core.compliance.ComplianceService;
import io.storesync.internal.core.catalogue.ListingsService;
import io.storesync.internal.core.inventory.InventoryService;
import io.storesync.internal.core.inventory.LocationsService;
import io.storesync.internal.core.job.JobsService;
import io.storesync.internal.core.order.OrdersService;
import io.storesync.internal.core.organization.MembersService;
import io.storesync.internal.core.store.StoresService;
import io.storesync.internal.core.webhook.WebhooksService;
import io.storesync.spi.persistence.TenantTransaction;
import java.util.Locale;
import java.util.function.Function;

/** One actor's handle on one organization; checks the role, then runs each call in a tenant transaction. */
public final class TenantHandle implements Tenant {
    private final Engine engine;
    private final OrganizationId organizationId;
    private final Actor actor;
    private final Role role;
    private final Members members;
    private final Locations locations;
    private final Inventory inventory;
    private final Orders orders;
    private final Catalogue catalogue;
    private final Listings listings;
    private final Stores stores;
    private final Jobs jobs;
    private final Webhooks webhooks;
    private final Compliance compliance;

    TenantHandle(Engine engine, OrganizationId organizationId, Actor actor, Role role) {
        this.engine = engine;
        this.organizationId = organizationId;
        this.actor = actor;
        this.role = role;
        this.members = new MembersService(this);
        this.locations = new LocationsService(this);
        this.inventory = new InventoryService(this, engine.allocator());
        this.orders = new OrdersService(this, engine.orderIngestion());
        this.catalogue = new CatalogueService(this);
        this.listings = new ListingsService(this);
        this.stores = new StoresService(this);
        this.jobs = new JobsService(this);
        this.webhooks = new WebhooksService(this);
        this.compliance = new ComplianceService(this);
    }

    @Override
    public OrganizationId organizationId() {
        return organizationId;
    }

    @Override
    public Actor actor() {
        return actor;
    }

    @Override
    public Role role() {
        return role;
    }

    @Override
    public Organization organization() {
        return read(tx -> tx.organizations().find()
                .orElseThrow(() -> new NotFoundException("organization " + organizationId + " does not exist")));
    }

    @Override
    public Members members() {
        return members;
    }

    @Override
    public Locations locations() {
        return locations;
    }

    @Override
    public Inventory inventory() {
        return inventory;
    }

    @Override
    public Orders orders() {
        return orders;
    }

    @Override
    public Catalogue catalogue() {
        return catalogue;
    }

    @Override
    public Listings listings() {
        return listings;
    }

    @Override
    public Stores stores() {
        return stores;
    }

    @Override
    public Jobs jobs() {
        return jobs;
    }

    @Override
    public Webhooks webhooks() {
        return webhooks;
    }

    @Override
    public Compliance compliance() {
        return compliance;
    }

    public Engine engine() {
        return engine;
    }

    /** Any active member may read. */
    public <R> R read(Function<TenantTransaction, R> work) {
        return engine.persistence().inTenant(organizationId, tx -> {
            currentRole(tx);
            return work.apply(tx);
        });
    }

    /** Members, admins and owners change business data; viewers may not. */
    public <R> R write(String what, Function<TenantTransaction, R> work) {
        if (!role.canWrite()) throw denied(what);
        return engine.persistence().inTenant(organizationId, tx -> {
            Role now = currentRole(tx);
            if (!now.canWrite()) throw denied(now, what);
            return work.apply(tx);
        });
    }

    /** Only admins and owners manage members, stores and locations. */
    public <R> R administer(String what, Function<TenantTransaction, R> work) {
        if (!role.canAdminister()) throw denied(what);
        return engine.persistence().inTenant(organizationId, tx -> {
            Role now = currentRole(tx);
            if (!now.canAdminister()) throw denied(now, what);
            return work.apply(tx);
        });
    }

    /**
     * The actor's role as the organization has it now, read in the call's own transaction (one lookup by the
     * members' primary key): a handle outlives changes to its user, so a member deactivated, removed or demoted after
     * the handle was made loses the rights at the next call. {@link #role()} is the role when the handle was made.
     *
     * @throws AccessDeniedException when the user is no longer an active member
     */
    public Role currentRole(TenantTransaction tx) {
        if (!(actor instanceof Actor.Member m)) return role;
        Member member = tx.members().find(m.id()).orElseThrow(() -> new AccessDeniedException(
                "user " + m.id() + " is not a member of organization " + organizationId));
        if (!member.active()) {
            throw new AccessDeniedException("user " + m.id() + " is deactivated in organization " + organizationId);
        }
        return member.role();
    }

    private static AccessDeniedException denied(Role role, String what) {
        return new AccessDeniedException("role " + role.name().toLowerCase(Locale.ROOT) + " may not " + what);
    }

    public AccessDeniedException denied(String what) {
        return denied(role, what);
    }
}
