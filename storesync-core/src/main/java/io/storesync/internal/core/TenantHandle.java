package io.storesync.internal.core;

import io.storesync.api.AccessDeniedException;
import io.storesync.api.Actor;
import io.storesync.api.NotFoundException;
import io.storesync.api.Tenant;
import io.storesync.api.audit.AuditTrail;
import io.storesync.api.catalogue.Catalogue;
import io.storesync.api.catalogue.Listings;
import io.storesync.api.compliance.Compliance;
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
import io.storesync.internal.api.Check;
import io.storesync.internal.core.catalogue.CatalogueService;
import io.storesync.internal.core.catalogue.ListingsService;
import io.storesync.internal.core.compliance.Audit;
import io.storesync.internal.core.compliance.AuditTrailService;
import io.storesync.internal.core.compliance.ComplianceService;
import io.storesync.internal.core.inventory.InventoryService;
import io.storesync.internal.core.inventory.LocationsService;
import io.storesync.internal.core.job.JobsService;
import io.storesync.internal.core.order.OrdersService;
import io.storesync.internal.core.organization.MembersService;
import io.storesync.internal.core.store.StoresService;
import io.storesync.internal.core.webhook.WebhooksService;
import io.storesync.spi.persistence.TenantTransaction;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

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
    private final AuditTrail audit;
    private final @Nullable String correlationId;

    TenantHandle(Engine engine, OrganizationId organizationId, Actor actor, Role role) {
        this(engine, organizationId, actor, role, null);
    }

    private TenantHandle(Engine engine, OrganizationId organizationId, Actor actor, Role role,
            @Nullable String correlationId) {
        this.engine = engine;
        this.organizationId = organizationId;
        this.actor = actor;
        this.role = role;
        this.correlationId = correlationId;
        // every service is audited in one place (Audit): a call that opens a write transaction appends one row in it
        this.members = Audit.wrap(Members.class, new MembersService(this), "members", this::appendAfter);
        this.locations = Audit.wrap(Locations.class, new LocationsService(this), "locations", this::appendAfter);
        this.inventory = Audit.wrap(Inventory.class, new InventoryService(this, engine.allocator(), engine.reservationRounds()), "inventory", this::appendAfter);
        this.orders = Audit.wrap(Orders.class, new OrdersService(this, engine.orderIngestion()), "orders", this::appendAfter);
        this.catalogue = Audit.wrap(Catalogue.class, new CatalogueService(this), "catalogue", this::appendAfter);
        this.listings = Audit.wrap(Listings.class, new ListingsService(this), "listings", this::appendAfter);
        this.stores = Audit.wrap(Stores.class, new StoresService(this), "stores", this::appendAfter);
        this.jobs = Audit.wrap(Jobs.class, new JobsService(this), "jobs", this::appendAfter);
        this.webhooks = Audit.wrap(Webhooks.class, new WebhooksService(this), "webhooks", this::appendAfter);
        this.compliance = Audit.wrap(Compliance.class, new ComplianceService(this), "compliance", this::appendAfter);
        this.audit = new AuditTrailService(this);
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

    @Override
    public AuditTrail audit() {
        return audit;
    }

    @Override
    public Tenant withCorrelationId(String id) {
        Check.text(id, "correlationId", 255);
        return new TenantHandle(engine, organizationId, actor, role, id);
    }

    public Engine engine() {
        return engine;
    }

    /** Any active member may read. */
    public <R> R read(Function<TenantTransaction, R> work) {
        return inTenant((tx, now) -> work.apply(tx));
    }

    /**
     * Any active member may read reports and searches, which go to the read replica when one is configured (see
     * {@link io.storesync.spi.persistence.Persistence#inTenantReadOnly}). The actor's membership is checked on the
     * primary, so a member removed a moment ago is refused at once, whatever the replica's lag.
     */
    public <R> R report(Function<TenantTransaction, R> work) {
        if (actor instanceof Actor.Member) engine.persistence().inTenant(organizationId, this::currentRole);
        return engine.persistence().inTenantReadOnly(organizationId, work);
    }

    /** Members, admins and owners change business data; viewers may not. */
    public <R> R write(String what, Function<TenantTransaction, R> work) {
        if (!role.canWrite()) throw denied(what);
        R result = inTenant((tx, now) -> {
            if (!now.canWrite()) throw denied(now, what);
            Audit.begin(tx);
            return audited(tx, work.apply(tx));
        });
        Audit.committed();
        return result;
    }

    /** Only admins and owners manage members, stores and locations. */
    public <R> R administer(String what, Function<TenantTransaction, R> work) {
        if (!role.canAdminister()) throw denied(what);
        R result = inTenant((tx, now) -> {
            if (!now.canAdminister()) throw denied(now, what);
            Audit.begin(tx);
            return audited(tx, work.apply(tx));
        });
        Audit.committed();
        return result;
    }

    private <R> R audited(TenantTransaction tx, R result) {
        Audit.record(tx, actor, correlationId, engine.clock(), result);
        return result;
    }

    /** The row of a call that spans several transactions, appended once it is over, in a transaction of its own. */
    private void appendAfter(Audit.Call call) {
        engine.persistence().inTenant(organizationId, tx -> {
            Audit.appendAfter(tx, call, actor, correlationId, engine.clock());
            return null;
        });
    }

    /**
     * Runs {@code work} in a tenant transaction with the actor's role as the organization has it now, read in that
     * transaction before the work: a handle outlives changes to its user, so a member deactivated, removed or demoted
     * after the handle was made loses the rights at the next call. The membership is read with the tenant setting, in
     * the same round trip ({@link io.storesync.spi.persistence.Persistence#inTenantAs}), not in one of its own.
     *
     * @throws AccessDeniedException when the user is no longer an active member
     */
    private <R> R inTenant(BiFunction<TenantTransaction, Role, R> work) {
        if (actor instanceof Actor.Member m) {
            return engine.persistence().inTenantAs(organizationId, m.id(), (tx, member) -> work.apply(tx, role(m, member)));
        }
        return engine.persistence().inTenant(organizationId, tx -> work.apply(tx, role));
    }

    /**
     * The actor's role as the organization has it now, read in the call's own transaction (one lookup by the
     * members' primary key), for a check made again inside a call. {@link #role()} is the role when the handle was made.
     *
     * @throws AccessDeniedException when the user is no longer an active member
     */
    public Role currentRole(TenantTransaction tx) {
        if (!(actor instanceof Actor.Member m)) return role;
        return role(m, tx.members().find(m.id()));
    }

    private Role role(Actor.Member m, Optional<Member> found) {
        Member member = found.orElseThrow(() -> new AccessDeniedException(
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
