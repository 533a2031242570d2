package io.storesync.internal.core.job;

import io.storesync.api.NotFoundException;
import io.storesync.api.Secret;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreId;
import io.storesync.internal.core.Engine;
import io.storesync.internal.core.store.StoreSession;
import io.storesync.internal.core.store.StoresService;
import io.storesync.spi.connector.StoreAccess;
import io.storesync.spi.persistence.LogDetails;
import io.storesync.spi.persistence.StoreConnection;
import io.storesync.spi.persistence.TenantTransaction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Exchanges the refresh token for new credentials before the access token expires.
 *
 * <p>The store's status is never written here: a refresh that read the store before someone flagged it for
 * re-authorisation must not put it back (only the new credentials, their expiry and the next refresh time are
 * written).
 *
 * <p>When the connector {@linkplain io.storesync.spi.connector.Connector#rotatesRefreshTokens() rotates refresh
 * tokens}, a refresh token presented twice is refused and the rotated one would be lost. So the refresh runs inside a
 * transaction that first takes the store's credential lock (PostgreSQL: a transaction-scoped advisory lock keyed by
 * the store): refreshes of one store queue behind one another across threads and host instances, each reads the
 * credentials as they are under the lock (never the ones its job loaded earlier), and the new ones are stored before
 * the lock is released. A refresh that finds the
 * credentials changed since its job loaded them (another worker or instance refreshed meanwhile) does nothing. The
 * lock is held across the platform call (one short call a few times a day per store) and holds up nothing but other
 * refreshes of the same store (or of the same consent, below).
 *
 * <p>The stores one consent created share its credentials (TikTok Shop: one token for every shop granted), and so its
 * refresh token: they are refreshed as one. The lock taken is the consent group's, the refresh is made once, and the
 * new credentials are stored for every store of the group that still holds the token just spent, in the same
 * transaction; a refresh job of another store of the group, waiting on the lock meanwhile, then finds its
 * credentials changed and does nothing.
 */
final class CredentialRefreshHandler implements JobHandler {
    @Override
    public void run(JobContext ctx) throws Exception {
        StoreSession s = ctx.session();
        if (!s.connector().rotatesRefreshTokens()) {
            // refreshing twice is harmless: no lock held across the call
            StoreCredentials fresh = ctx.call(c -> c.refreshCredentials(s.access()));
            ctx.tx(tx -> store(ctx, tx, fresh));
            return;
        }
        Refreshed outcome = refreshLocked(ctx, s.access().credentials());
        if (!outcome.refreshed()) {
            ctx.log("info", "credentials were refreshed by another worker since this job read them; nothing to do", null);
        }
    }

    /** The credentials now stored, and whether this call refreshed them (false: another refresh got there first). */
    record Refreshed(StoreCredentials credentials, boolean refreshed) {}

    /**
     * Refreshes the job's store, and the other stores of its consent, under the consent's credential lock: unless the
     * stored credentials differ from {@code loaded} (another refresh stored new ones meanwhile: those are returned),
     * presents the refresh token and stores what the platform answered before the lock is released. Also used when a call's access token is refused
     * ({@link JobContext#call(java.util.function.BiFunction)}).
     */
    static Refreshed refreshLocked(JobContext ctx, StoreCredentials loaded) throws InterruptedException {
        StoreId store = ctx.storeId();
        Engine engine = ctx.engine();
        // the refresh's result survives a retried transaction (a deadlock, a serialisation failure): a retry stores
        // what the platform already answered instead of presenting the now spent refresh token again
        StoreCredentials[] obtained = new StoreCredentials[1];
        StoreCredentials[] stored = new StoreCredentials[1];
        StoreCredentials[] presented = new StoreCredentials[1];
        Exception[] failed = new Exception[1];
        int[] shared = new int[1];
        boolean refreshed = ctx.tx(tx -> {
            List<StoreConnection> group = tx.stores().lockCredentialGroup(store);
            if (group.isEmpty()) throw new NotFoundException("store " + store + " not found");
            StoreConnection locked = group.get(0);
            if (obtained[0] == null) {
                StoreCredentials current = engine.cipher().decrypt(ctx.organization(), store, locked.credentials());
                if (!current.equals(loaded)) {
                    stored[0] = current;
                    return false;
                }
                StoreAccess access = new StoreAccess(store, locked.store().platformStoreId(), current);
                try {
                    obtained[0] = ctx.call(c -> c.refreshCredentials(access));
                    presented[0] = current;
                } catch (Exception e) {
                    // nothing was written; the failure is rethrown once the transaction has ended
                    failed[0] = e;
                    return false;
                }
            }
            store(ctx, tx, store, obtained[0]);
            shared[0] = 0;
            for (StoreConnection other : group.subList(1, group.size())) {
                StoreId id = other.store().id();
                StoreCredentials theirs = engine.cipher().decrypt(ctx.organization(), id, other.credentials());
                // a store of the consent holding the token just spent gets the new one; one holding anything else
                // (given its own credentials meanwhile) is left alone
                if (!Objects.equals(theirs.refreshToken(), presented[0].refreshToken())) continue;
                store(ctx, tx, id, sharedWith(theirs, presented[0], obtained[0]));
                shared[0]++;
            }
            tx.jobs().log(ctx.job().id(), "info", "credentials refreshed", LogDetails.of("expires_at",
                    obtained[0].expiresAt(), "stores_of_the_consent_updated", shared[0]));
            return true;
        });
        if (failed[0] instanceof InterruptedException e) throw e;
        if (failed[0] instanceof RuntimeException e) throw e;
        if (failed[0] != null) throw new IllegalStateException(failed[0]);
        return refreshed ? new Refreshed(obtained[0], true) : new Refreshed(stored[0], false);
    }

    /**
     * Another store's credentials after its consent was refreshed through {@code refreshed}'s store: the new tokens
     * and expiry, and the other store's own {@code extra} (its shop's entries) with whatever the refresh changed or
     * added to the {@code extra} presented (the consent's own entries, such as its expiry).
     */
    static StoreCredentials sharedWith(StoreCredentials theirs, StoreCredentials presented, StoreCredentials refreshed) {
        Map<String, Secret> extra = new LinkedHashMap<>(theirs.extra());
        refreshed.extra().forEach((key, value) -> {
            if (!value.equals(presented.extra().get(key))) extra.put(key, value);
        });
        return new StoreCredentials(refreshed.accessToken(), refreshed.refreshToken(), refreshed.expiresAt(), extra);
    }

    private static @Nullable Void store(JobContext ctx, TenantTransaction tx, StoreCredentials fresh) {
        store(ctx, tx, ctx.storeId(), fresh);
        tx.jobs().log(ctx.job().id(), "info", "credentials refreshed", LogDetails.of("expires_at", fresh.expiresAt()));
        return null;
    }

    private static void store(JobContext ctx, TenantTransaction tx, StoreId store, StoreCredentials fresh) {
        Engine engine = ctx.engine();
        tx.stores().replaceCredentials(store, engine.cipher().encrypt(ctx.organization(), store, fresh),
                fresh.expiresAt(), StoresService.refreshAt(engine, fresh.expiresAt()))
                .orElseThrow(() -> new NotFoundException("store " + store + " not found"));
    }
}
