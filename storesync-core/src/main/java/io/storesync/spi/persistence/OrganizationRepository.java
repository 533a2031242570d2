package io.storesync.spi.persistence;

import io.storesync.api.organization.Organization;
import io.storesync.api.organization.OrganizationId;
import java.util.Optional;

/**
 * Storage of the tenant's own {@code organizations} row.
 *
 * <p>An instance is bound to one tenant transaction and used by one thread; every method may block on the database.
 */
public interface OrganizationRepository {

    /**
     * Inserts the organization whose id is the transaction's tenant.
     *
     * @throws io.storesync.api.ConflictException when the slug is taken
     */
    Organization insert(OrganizationId id, String name, String slug);

    /** The transaction's organization, if it exists. */
    Optional<Organization> find();
}
