package io.storesync.internal.core.store;

import io.storesync.api.NotFoundException;
import io.storesync.api.ValidationException;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.store.AuthorizationExpiry;
import io.storesync.api.store.AuthorizationResult;
import io.storesync.api.store.AuthorizationStart;
import io.storesync.api.store.CredentialRotation;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreId;
import io.storesync.api.store.StoreSettings;
import io.storesync.api.store.StoreStatus;
import io.storesync.api.store.Stores;
import io.storesync.internal.api.Check;
import io.storesync.internal.core.Engine;
import io.storesync.internal.core.TenantHandle;
import io.storesync.spi.connector.Authorization;
import io.storesync.spi.connector.AuthorizedShop;
import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.ConsentCallback;
import io.storesync.spi.persistence.CredentialEnvelope;
import io.storesync.spi.persistence.StoreConnection;
import io.storesync.spi.persistence.TenantTransaction;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Connecting and managing stores; credentials are encrypted before they reach persistence. */
public final class StoresService implements Stores {
    /** Refresh this long before the access token expires (or halfway, for short-lived tokens). */
    static final Duration REFRESH_LEAD = Duration.ofHours(1);

    /** Consent states are the CSRF defence of the callback: unguessable. */
    private static final SecureRandom STATES = new SecureRandom();

    private final TenantHandle tenant;

    public StoresService(TenantHandle tenant) {
        this.tenant = tenant;
    }

    @Override
    public Store connect(NewStore request) {
        Check.present(request, "request");
        Engine engine = tenant.engine();
        engine.connectors().require(request.platform());
        CredentialCipher cipher = engine.cipher();
        Store store = tenant.administer("connect stores", tx -> {
            StoreId id = StoreId.random();
            CredentialEnvelope envelope = cipher.encrypt(tenant.organizationId(), id, request.credentials());
            Instant expiry = request.credentials().expiresAt();
            Store created = tx.stores().insert(id, request.platform(), request.name(), request.platformStoreId(),
                    envelope, request.settings(), expiry, refreshAt(engine, expiry));
            // flow 1 of the architecture: a connected store starts with a catalogue import
            tx.jobs().enqueue(NewJob.deduplicated(JobType.CATALOGUE_IMPORT, id));
            return created;
        });
        engine.jobsQueued();
        return store;
    }

    public static @Nullable Instant refreshAt(Engine engine, @Nullable Instant expiry) {
        return refreshAt(engine.clock().instant(), expiry);
    }

    /**
     * When to refresh credentials expiring at {@code expiry}: an hour ahead, or halfway through what is left for
     * tokens that live less than two hours, and never in the past. No expiry means no refresh.
     */
    static @Nullable Instant refreshAt(Instant now, @Nullable Instant expiry) {
        if (expiry == null) return null;
        Duration left = Duration.between(now, expiry);
        Duration lead = left.compareTo(REFRESH_LEAD.multipliedBy(2)) < 0 ? left.dividedBy(2) : REFRESH_LEAD;
        Instant at = expiry.minus(lead);
        return at.isBefore(now) ? now : at;
    }

    @Override
    public AuthorizationStart startAuthorization(String platform, URI redirectUri) {
        Check.present(platform, "platform");
        Check.present(redirectUri, "redirectUri");
        Connector connector = consenting(platform);
        byte[] random = new byte[32];
        STATES.nextBytes(random);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        // through administer only for its role check: a viewer must not start attaching shops
        URI url = tenant.administer("connect stores", tx -> connector.consentUrl(state, redirectUri));
        return new AuthorizationStart(platform, url, state);
    }

    @Override
    public AuthorizationResult completeAuthorization(String platform, String issuedState,
            String returnedState, String code, URI redirectUri) {
        Check.present(platform, "platform");
        Check.present(code, "code");
        Check.present(redirectUri, "redirectUri");
        checkState(issuedState, returnedState);
        return exchange(platform, c -> c.exchangeCode(code, redirectUri));
    }

    @Override
    public AuthorizationResult completeAuthorization(String platform, String issuedState,
            Map<String, String> callbackQuery, URI redirectUri) {
        Check.present(platform, "platform");
        Check.present(callbackQuery, "callbackQuery");
        Check.present(redirectUri, "redirectUri");
        checkState(issuedState, callbackQuery.get("state"));
        String code = callbackQuery.get("code");
        if (code == null || code.isBlank()) {
            String error = callbackQuery.get("error");
            // the platform's error code is a fixed word (access_denied); its free text is not repeated
            throw new ValidationException("the consent callback carries no code" + (error == null ? ""
                    : " (the platform answered error '" + error.substring(0, Math.min(error.length(), 64)) + "')"));
        }
        Map<String, String> rest = new HashMap<>();
        callbackQuery.forEach((k, v) -> {
            if (k != null && v != null && !k.equals("state") && !k.equals("code")) rest.put(k, v);
        });
        ConsentCallback callback = new ConsentCallback(code, rest);
        return exchange(platform, c -> c.exchangeCode(callback, redirectUri));
    }

    private static void checkState(@Nullable String issuedState, @Nullable String returnedState) {
        if (issuedState == null || issuedState.isBlank() || returnedState == null || !MessageDigest.isEqual(
                issuedState.getBytes(StandardCharsets.UTF_8),
                returnedState.getBytes(StandardCharsets.UTF_8))) {
            throw new ValidationException("the consent's state does not match the one issued");
        }
    }

    private AuthorizationResult exchange(String platform, Function<Connector, Authorization> exchangeCode) {
        Connector connector = consenting(platform);
        // the role check first, so a viewer cannot spend the single-use code
        tenant.administer("connect stores", tx -> Boolean.TRUE);
        // the platform call stays outside any transaction
        Authorization granted = exchangeCode.apply(connector);
        Engine engine = tenant.engine();
        CredentialCipher cipher = engine.cipher();
        Instant expiry = granted.credentials().expiresAt();
        // the stores of one consent share its credentials: a refresh of one is stored for all (CredentialRefreshHandler)
        java.util.UUID group = java.util.UUID.randomUUID();
        AuthorizationResult result = tenant.administer("connect stores", tx -> {
            List<Store> existing = tx.stores().list();
            List<Store> created = new ArrayList<>();
            List<Store> reauthorized = new ArrayList<>();
            for (AuthorizedShop shop : granted.shops()) {
                StoreCredentials credentials = granted.credentialsFor(shop);
                Optional<Store> known = existing.stream().filter(s -> s.platform().equals(platform)
                        && s.platformStoreId().equals(shop.platformStoreId())).findFirst();
                if (known.isPresent()) {
                    Store current = known.get();
                    StoreStatus status = current.status() == StoreStatus.REAUTHORIZATION_REQUIRED ? StoreStatus.ACTIVE
                            : current.status();
                    tx.stores().recordAuthorizationExpiry(current.id(), granted.authorizationExpiresAt());
                    tx.stores().recordAuthorizationGroup(current.id(), group);
                    reauthorized.add(tx.stores().updateCredentials(current.id(),
                            cipher.encrypt(tenant.organizationId(), current.id(), credentials), expiry,
                            refreshAt(engine, expiry), status).orElseThrow(() -> notFound(current.id())));
                    if (current.status() == StoreStatus.REAUTHORIZATION_REQUIRED) {
                        tx.jobs().enqueue(NewJob.deduplicated(JobType.STOCK_DRIFT_CHECK, current.id()));
                        tx.schedules().storeError(current.id(), null);
                    }
                } else {
                    StoreId id = StoreId.random();
                    created.add(tx.stores().insert(id, platform, shop.name(), shop.platformStoreId(),
                            cipher.encrypt(tenant.organizationId(), id, credentials), StoreSettings.DEFAULTS, expiry,
                            refreshAt(engine, expiry)));
                    tx.stores().recordAuthorizationExpiry(id, granted.authorizationExpiresAt());
                    tx.stores().recordAuthorizationGroup(id, group);
                    tx.jobs().enqueue(NewJob.deduplicated(JobType.CATALOGUE_IMPORT, id));
                }
            }
            return new AuthorizationResult(created, reauthorized);
        });
        engine.jobsQueued();
        return result;
    }

    private Connector consenting(String platform) {
        Connector connector = tenant.engine().connectors().require(platform);
        if (!connector.supportsConsent()) {
            throw new ValidationException("platform '" + platform + "' does not connect stores by consent; use connect");
        }
        return connector;
    }

    @Override
    public List<Store> list() {
        return tenant.read(tx -> tx.stores().list());
    }

    @Override
    public Optional<Store> find(StoreId id) {
        Check.present(id, "id");
        return tenant.read(tx -> tx.stores().find(id));
    }

    @Override
    public Optional<Instant> authorizationExpiry(StoreId id) {
        Check.present(id, "id");
        return tenant.read(tx -> {
            if (tx.stores().find(id).isEmpty()) throw notFound(id);
            return tx.stores().authorizationExpiry(id);
        });
    }

    /** The most stores {@link #authorizationsExpiringWithin} returns. */
    static final int EXPIRING_LIMIT = 1000;

    @Override
    public List<AuthorizationExpiry> authorizationsExpiringWithin(Duration within) {
        Check.present(within, "within");
        if (within.isNegative() || within.compareTo(Duration.ofDays(3653)) > 0) {
            throw new ValidationException("within must be between zero and ten years");
        }
        Instant until = tenant.engine().clock().instant().plus(within);
        return tenant.read(tx -> tx.stores().authorizationsExpiringBefore(until, EXPIRING_LIMIT));
    }

    @Override
    public Store updateSettings(StoreId id, StoreSettings settings) {
        Check.present(id, "id");
        Check.present(settings, "settings");
        return tenant.administer("change store settings", tx -> {
            for (io.storesync.api.inventory.LocationId location : settings.warehouses().keySet()) {
                if (tx.locations().find(location).isEmpty()) {
                    throw new NotFoundException("location " + location + " not found");
                }
            }
            return tx.stores().updateSettings(id, settings).orElseThrow(() -> notFound(id));
        });
    }

    @Override
    public Store updateCredentials(StoreId id, StoreCredentials credentials) {
        Check.present(id, "id");
        Check.present(credentials, "credentials");
        Engine engine = tenant.engine();
        CredentialCipher cipher = engine.cipher();
        Store store = tenant.administer("change store credentials", tx -> {
            Store current = tx.stores().find(id).orElseThrow(() -> notFound(id));
            StoreStatus status = current.status() == StoreStatus.REAUTHORIZATION_REQUIRED ? StoreStatus.ACTIVE : current.status();
            Instant expiry = credentials.expiresAt();
            Store updated = tx.stores().updateCredentials(id, cipher.encrypt(tenant.organizationId(), id, credentials),
                    expiry, refreshAt(engine, expiry), status).orElseThrow(() -> notFound(id));
            // credentials the host gives are the store's own: a refresh of its former consent no longer replaces them
            tx.stores().recordAuthorizationGroup(id, null);
            if (current.status() == StoreStatus.REAUTHORIZATION_REQUIRED) {
                // pushes were skipped while the store was flagged: compare what it shows with what it should
                tx.jobs().enqueue(NewJob.deduplicated(JobType.STOCK_DRIFT_CHECK, id));
                tx.schedules().storeError(id, null);
            }
            return updated;
        });
        engine.jobsQueued();
        return store;
    }

    @Override
    public Store flagForReauthorization(StoreId id, String reason) {
        Check.present(id, "id");
        Check.text(reason, "reason", Integer.MAX_VALUE);
        return tenant.administer("flag stores", tx -> flag(tx, id, reason));
    }

    public static Store flag(TenantTransaction tx, StoreId id, String reason) {
        Store store = tx.stores().updateStatus(id, StoreStatus.REAUTHORIZATION_REQUIRED, true, reason)
                .orElseThrow(() -> notFound(id));
        tx.jobs().cancelWaiting(id, "store " + id + " requires re-authorisation: " + reason);
        return store;
    }

    @Override
    public CredentialRotation reencryptCredentials() {
        CredentialCipher cipher = tenant.engine().cipher();
        return tenant.administer("rotate credential keys", tx -> {
            int reencrypted = 0;
            int current = 0;
            int unreadable = 0;
            for (Store store : tx.stores().list()) {
                StoreConnection c = tx.stores().connection(store.id()).orElse(null);
                if (c == null) continue;
                if (c.credentials().keyId().equals(cipher.currentKeyId())) {
                    current++;
                    continue;
                }
                StoreCredentials plain;
                try {
                    plain = cipher.decrypt(tenant.organizationId(), store.id(), c.credentials());
                } catch (CredentialCipher.UndecryptableCredentialsException e) {
                    unreadable++;
                    continue;
                }
                if (tx.stores().compareAndSetCredentials(store.id(), c.credentials(),
                        cipher.encrypt(tenant.organizationId(), store.id(), plain))) {
                    reencrypted++;
                } else {
                    current++;
                }
            }
            return new CredentialRotation(reencrypted, current, unreadable);
        });
    }

    @Override
    public Store deactivate(StoreId id) {
        Check.present(id, "id");
        return tenant.administer("deactivate stores", tx -> {
            Store store = tx.stores().updateStatus(id, StoreStatus.DISCONNECTED, false, null).orElseThrow(() -> notFound(id));
            tx.webhooks().deactivateEndpoints(id);
            tx.jobs().cancelWaiting(id, "store " + id + " was deactivated");
            return store;
        });
    }

    private static NotFoundException notFound(StoreId id) {
        return new NotFoundException("store " + id + " not found");
    }
}
