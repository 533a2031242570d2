package io.storesync.jpa;

import java.util.UUID;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * Tells Hibernate, when a session opens, the tenant bound to the current thread by {@link StoreSyncJpa#bind} or
 * {@link StoreSyncJpa#inTenant}; {@link StoreSyncJpa#NO_TENANT} when none is, so that a session opened outside a
 * binding sees nothing (Hibernate's {@code @TenantId} filter matches no row, and row-level security shows none).
 */
public final class TenantResolver implements CurrentTenantIdentifierResolver<UUID> {
    @Override
    public UUID resolveCurrentTenantIdentifier() {
        UUID bound = StoreSyncJpa.boundTenant();
        return bound == null ? StoreSyncJpa.NO_TENANT : bound;
    }

    @Override
    public boolean validateExistingCurrentSessions() {
        return true;
    }
}
