package io.storesync.internal.core.job;

import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreId;
import io.storesync.api.store.StoreStatus;
import io.storesync.internal.core.Engine;
import io.storesync.internal.core.store.StoreSession;
import io.storesync.internal.core.store.StoresService;
import io.storesync.spi.persistence.LogDetails;

/** Exchanges the refresh token for new credentials before the access token expires. */
final class CredentialRefreshHandler implements JobHandler {
    @Override
    public void run(JobContext ctx) throws Exception {
        StoreSession s = ctx.session();
        StoreId store = s.store().id();
        StoreCredentials fresh = ctx.call(c -> c.refreshCredentials(s.access()));
        Engine engine = ctx.engine();
        ctx.tx(tx -> {
            StoreStatus status = s.store().status();
            tx.stores().updateCredentials(store, engine.cipher().encrypt(ctx.organization(), store, fresh),
                    fresh.expiresAt(), StoresService.refreshAt(engine, fresh.expiresAt()), status);
            tx.jobs().log(ctx.job().id(), "info", "credentials refreshed",
                    LogDetails.of("expires_at", fresh.expiresAt()));
            return null;
        });
    }
}
