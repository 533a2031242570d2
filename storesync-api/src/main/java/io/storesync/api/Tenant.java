package io.storesync.api;

import io.storesync.api.audit.AuditTrail;
import io.storesync.api.catalogue.Catalogue;
import io.storesync.api.catalogue.Listings;
import io.storesync.api.compliance.Compliance;
import io.storesync.api.inventory.Inventory;
import io.storesync.api.inventory.Locations;
import io.storesync.api.job.Jobs;
import io.storesync.api.order.Orders;
import io.storesync.api.organization.Members;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.organization.Role;
import io.storesync.api.store.Stores;
import io.storesync.api.webhook.Webhooks;

/**
 * All work for one organization, done by one actor. Obtained from {@code StoreSync.tenant(organizationId, actor)};
 * cheap to create, safe to share between threads, and every call runs in its own transaction with the tenant set, so
 * row-level security in the database backs up every check made here.
 */
public interface Tenant {

    /** The organization this handle works in. */
    OrganizationId organizationId();

    /** Who is acting. */
    Actor actor();

    /** The actor's role in this organization ({@link Role#ADMIN} for {@link Actor#system system} actors). */
    Role role();

    /** The organization's own record. */
    Organization organization();

    /** Members and their roles. */
    Members members();

    /** Where stock is kept. */
    Locations locations();

    /** Stock levels, movements and the ledger. */
    Inventory inventory();

    /** The unified order book. */
    Orders orders();

    /** The master catalogue: products and variants. */
    Catalogue catalogue();

    /** The links between catalogue variants and store listings, with their prices. */
    Listings listings();

    /** Connected stores. */
    Stores stores();

    /** Sync jobs. */
    Jobs jobs();

    /** Webhook endpoints of the connected stores. */
    Webhooks webhooks();

    /** Retention settings and purges (retention needs an administrator to change). */
    Compliance compliance();

    /** The organization's audit trail (reading needs an administrator). */
    AuditTrail audit();

    /**
     * A handle like this one whose changes carry {@code correlationId} in the audit trail (for example the host's
     * request id).
     *
     * @throws ValidationException when the id is blank or longer than 255 characters
     */
    Tenant withCorrelationId(String correlationId);
}
