package io.storesync.internal.jdbi.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storesync.api.ConflictException;
import io.storesync.api.ErrorCode;
import io.storesync.api.NotFoundException;
import io.storesync.api.StoreSyncException;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.AuthorizationExpiry;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreId;
import io.storesync.api.store.StoreSettings;
import io.storesync.api.store.StoreStatus;
import io.storesync.internal.core.store.StoreSettingsCodec;
import io.storesync.internal.jdbi.DbCodes;
import io.storesync.internal.jdbi.JdbiMappings;
import io.storesync.internal.jdbi.SqlErrors;
import io.storesync.spi.persistence.CredentialEnvelope;
import io.storesync.spi.persistence.StoreConnection;
import io.storesync.spi.persistence.StoreRepository;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jspecify.annotations.Nullable;

public final class JdbiStoreRepository implements StoreRepository {
    private static final String SELECT = "SELECT s.id, s.organization_id, p.name AS platform, s.name, s.platform_store_id,"
            + " s.settings::text AS settings, s.sync_status, s.is_active, s.last_sync_at, st.credentials_expire_at,"
            + " s.created_at, s.updated_at, s.credentials::text AS credentials, st.authorization_expires_at"
            + " FROM stores s JOIN platforms p ON p.id = s.platform_id"
            + " LEFT JOIN store_sync_state st ON st.organization_id = s.organization_id AND st.store_id = s.id"
            + " WHERE s.organization_id = :org";
    private static final RowMapper<Store> MAPPER = (rs, ctx) -> new Store(new StoreId(rs.getObject("id", UUID.class)),
            new OrganizationId(rs.getObject("organization_id", UUID.class)), rs.getString("platform"), rs.getString("name"),
            rs.getString("platform_store_id"), readSettings(rs.getString("settings")),
            DbCodes.parse(StoreStatus.class, rs.getString("sync_status")), rs.getBoolean("is_active"),
            JdbiMappings.nullableInstant(rs, "last_sync_at"), JdbiMappings.nullableInstant(rs, "credentials_expire_at"),
            JdbiMappings.instant(rs, "created_at"), JdbiMappings.instant(rs, "updated_at"));

    private final Handle handle;
    private final OrganizationId org;

    public JdbiStoreRepository(Handle handle, OrganizationId org) {
        this.handle = handle;
        this.org = org;
    }

    /** Settings as stored in {@code stores.settings}; the document's format is {@link StoreSettingsCodec}'s. */
    public static StoreSettings readSettings(String json) {
        return StoreSettingsCodec.decode(JdbiMappings.readMap(json));
    }

    private static JsonNode writeSettings(StoreSettings s) {
        return JdbiMappings.toTree(StoreSettingsCodec.encode(s));
    }

    static JsonNode writeEnvelope(CredentialEnvelope e) {
        ObjectNode n = JdbiMappings.JSON.createObjectNode();
        n.put("v", e.version());
        n.put("alg", "AES-GCM");
        n.put("kid", e.keyId());
        n.put("iv", Base64.getEncoder().encodeToString(e.nonce()));
        n.put("ct", Base64.getEncoder().encodeToString(e.ciphertext()));
        return n;
    }

    static CredentialEnvelope readEnvelope(StoreId id, String json) {
        JsonNode n = JdbiMappings.readTree(json);
        if (n == null || !n.hasNonNull("kid") || !n.hasNonNull("ct") || !n.hasNonNull("iv")) {
            throw new StoreSyncException(ErrorCode.INTERNAL, "store " + id + " has no encrypted credentials StoreSync can read");
        }
        return new CredentialEnvelope(n.path("v").asInt(), n.get("kid").asText(),
                Base64.getDecoder().decode(n.get("iv").asText()), Base64.getDecoder().decode(n.get("ct").asText()));
    }

    @Override
    public Store insert(StoreId id, String platform, String name, String platformStoreId, CredentialEnvelope credentials,
            StoreSettings settings, @Nullable Instant credentialsExpireAt, @Nullable Instant nextCredentialsRefreshAt) {
        int inserted;
        try {
            inserted = handle.createUpdate("INSERT INTO stores (id, organization_id, platform_id, name, platform_store_id,"
                            + " credentials, settings) SELECT :id, :org, p.id, :name, :psid, :creds, :settings"
                            + " FROM platforms p WHERE p.name = :platform")
                    .bind("id", id.value()).bind("org", org.value()).bind("name", name).bind("psid", platformStoreId)
                    .bind("creds", writeEnvelope(credentials)).bind("settings", writeSettings(settings))
                    .bind("platform", platform).execute();
        } catch (RuntimeException e) {
            if ("stores_platform_store_key".equals(SqlErrors.constraint(e))) {
                throw SqlErrors.instead(new ConflictException("the " + platform + " shop " + platformStoreId + " is already connected"), e);
            }
            throw e;
        }
        if (inserted == 0) throw new NotFoundException("unknown platform '" + platform + "'");
        handle.createUpdate("INSERT INTO store_sync_state (organization_id, store_id, orders_watermark, next_order_poll_at,"
                        + " next_catalog_reconcile_at, credentials_expire_at, next_credentials_refresh_at)"
                        + " VALUES (:org, :id, now() - make_interval(secs => :lookback), now(), now() + interval '1 day',"
                        + " :expires, :refresh)")
                .bind("org", org.value()).bind("id", id.value())
                .bind("lookback", (double) settings.initialOrderLookback().toSeconds())
                .bind("expires", credentialsExpireAt).bind("refresh", nextCredentialsRefreshAt).execute();
        return find(id).orElseThrow();
    }

    @Override
    public Optional<Store> find(StoreId id) {
        return handle.createQuery(SELECT + " AND s.id = :id").bind("org", org.value()).bind("id", id.value())
                .map(MAPPER).findOne();
    }

    @Override
    public Optional<StoreConnection> connection(StoreId id) {
        return handle.createQuery(SELECT + " AND s.id = :id").bind("org", org.value()).bind("id", id.value())
                .map((rs, ctx) -> new StoreConnection(MAPPER.map(rs, ctx), readEnvelope(id, rs.getString("credentials"))))
                .findOne();
    }

    /** The first key of the credential locks: {@code hashtext('storesync.credentials')}, fixed so every instance agrees. */
    private static final int CREDENTIAL_LOCK = 0x5c4ed1;

    /**
     * A transaction-scoped advisory lock keyed by the store, not a row lock: it serialises credential refreshes
     * (across instances: advisory locks are the server's) without holding up the store's other writers (last-sync
     * stamps, status flags) while a refresh waits on the platform. The second key is a hash of the store id; a
     * collision between two stores only makes one refresh wait for the other.
     */
    @Override
    public Optional<StoreConnection> lockConnection(StoreId id) {
        handle.createQuery("SELECT pg_advisory_xact_lock(:kind, hashtext(:store)) IS NULL").bind("kind", CREDENTIAL_LOCK)
                .bind("store", id.value().toString()).mapTo(Boolean.class).one();
        return connection(id);
    }

    @Override
    public void recordAuthorizationGroup(StoreId id, @Nullable UUID group) {
        handle.createUpdate("UPDATE stores SET authorization_group = :group WHERE organization_id = :org AND id = :id")
                .bind("group", group).bind("org", org.value()).bind("id", id.value()).execute();
    }

    /**
     * The stores of one consent share one refresh token, so their refreshes queue on one lock, keyed by the group
     * (the same advisory-lock space as {@link #lockConnection}'s; a collision only makes one refresh wait for
     * another). The group is read before the lock: a re-authorisation moving the store meanwhile changes its
     * credentials, which the refresh sees under the lock and then does nothing.
     */
    @Override
    public List<StoreConnection> lockCredentialGroup(StoreId id) {
        Optional<Optional<UUID>> group = handle.createQuery("SELECT authorization_group FROM stores"
                        + " WHERE organization_id = :org AND id = :id")
                .bind("org", org.value()).bind("id", id.value())
                .map((rs, ctx) -> Optional.ofNullable(rs.getObject(1, UUID.class))).findOne();
        if (group.isEmpty()) return List.of();
        if (group.get().isEmpty()) return lockConnection(id).map(List::of).orElse(List.of());
        UUID g = group.get().get();
        handle.createQuery("SELECT pg_advisory_xact_lock(:kind, hashtext(:group)) IS NULL").bind("kind", CREDENTIAL_LOCK)
                .bind("group", "authorization:" + g).mapTo(Boolean.class).one();
        return handle.createQuery(SELECT + " AND s.authorization_group = :group ORDER BY (s.id = :id) DESC, s.id")
                .bind("org", org.value()).bind("group", g).bind("id", id.value())
                .map((rs, ctx) -> {
                    Store store = MAPPER.map(rs, ctx);
                    return new StoreConnection(store, readEnvelope(store.id(), rs.getString("credentials")));
                })
                .list();
    }

    @Override
    public List<Store> list() {
        return handle.createQuery(SELECT + " ORDER BY s.name, s.id").bind("org", org.value()).map(MAPPER).list();
    }

    @Override
    public Optional<Store> updateSettings(StoreId id, StoreSettings settings) {
        int n = handle.createUpdate("UPDATE stores SET settings = :settings WHERE organization_id = :org AND id = :id")
                .bind("settings", writeSettings(settings)).bind("org", org.value()).bind("id", id.value()).execute();
        if (n == 0) return Optional.empty();
        // a shorter interval takes effect now, not after the old one ran out
        handle.createUpdate("UPDATE store_sync_state SET next_order_poll_at = LEAST(next_order_poll_at,"
                        + " now() + make_interval(secs => :poll)) WHERE organization_id = :org AND store_id = :id")
                .bind("poll", (double) settings.orderPollInterval().toSeconds()).bind("org", org.value()).bind("id", id.value())
                .execute();
        return find(id);
    }

    @Override
    public Optional<Store> updateCredentials(StoreId id, CredentialEnvelope credentials, @Nullable Instant expiresAt,
            @Nullable Instant nextRefreshAt, StoreStatus status) {
        int n = handle.createUpdate("UPDATE stores SET credentials = :creds, sync_status = :status"
                        + " WHERE organization_id = :org AND id = :id")
                .bind("creds", writeEnvelope(credentials)).bind("status", DbCodes.code(status))
                .bind("org", org.value()).bind("id", id.value()).execute();
        if (n == 0) return Optional.empty();
        handle.createUpdate("UPDATE store_sync_state SET credentials_expire_at = :expires,"
                        + " next_credentials_refresh_at = :refresh WHERE organization_id = :org AND store_id = :id")
                .bind("expires", expiresAt).bind("refresh", nextRefreshAt).bind("org", org.value()).bind("id", id.value())
                .execute();
        return find(id);
    }

    @Override
    public Optional<Store> replaceCredentials(StoreId id, CredentialEnvelope credentials, @Nullable Instant expiresAt,
            @Nullable Instant nextRefreshAt) {
        int n = handle.createUpdate("UPDATE stores SET credentials = :creds WHERE organization_id = :org AND id = :id")
                .bind("creds", writeEnvelope(credentials)).bind("org", org.value()).bind("id", id.value()).execute();
        if (n == 0) return Optional.empty();
        handle.createUpdate("UPDATE store_sync_state SET credentials_expire_at = :expires,"
                        + " next_credentials_refresh_at = :refresh WHERE organization_id = :org AND store_id = :id")
                .bind("expires", expiresAt).bind("refresh", nextRefreshAt).bind("org", org.value()).bind("id", id.value())
                .execute();
        return find(id);
    }

    @Override
    public boolean compareAndSetCredentials(StoreId id, CredentialEnvelope expected, CredentialEnvelope next) {
        return handle.createUpdate("UPDATE stores SET credentials = :next"
                        + " WHERE organization_id = :org AND id = :id AND credentials = :expected")
                .bind("next", writeEnvelope(next)).bind("expected", writeEnvelope(expected))
                .bind("org", org.value()).bind("id", id.value()).execute() == 1;
    }

    @Override
    public Optional<Store> updateStatus(StoreId id, StoreStatus status, boolean active, @Nullable String reason) {
        int n = handle.createUpdate("UPDATE stores SET sync_status = :status, is_active = :active"
                        + " WHERE organization_id = :org AND id = :id")
                .bind("status", DbCodes.code(status)).bind("active", active).bind("org", org.value()).bind("id", id.value())
                .execute();
        if (n == 0) return Optional.empty();
        if (reason != null) {
            handle.createUpdate("UPDATE store_sync_state SET last_error = :reason WHERE organization_id = :org AND store_id = :id")
                    .bind("reason", reason).bind("org", org.value()).bind("id", id.value()).execute();
        }
        return find(id);
    }

    @Override
    public void touchLastSync(StoreId id) {
        handle.createUpdate("UPDATE stores SET last_sync_at = now() WHERE organization_id = :org AND id = :id")
                .bind("org", org.value()).bind("id", id.value()).execute();
    }

    @Override
    public void recordAuthorizationExpiry(StoreId id, @Nullable Instant expiresAt) {
        handle.createUpdate("UPDATE store_sync_state SET authorization_expires_at = :expires"
                        + " WHERE organization_id = :org AND store_id = :id")
                .bind("expires", expiresAt).bind("org", org.value()).bind("id", id.value()).execute();
    }

    @Override
    public Optional<Instant> authorizationExpiry(StoreId id) {
        return handle.createQuery("SELECT authorization_expires_at FROM store_sync_state"
                        + " WHERE organization_id = :org AND store_id = :id")
                .bind("org", org.value()).bind("id", id.value())
                .map((rs, ctx) -> Optional.ofNullable(JdbiMappings.nullableInstant(rs, "authorization_expires_at")))
                .findOne().flatMap(o -> o);
    }

    @Override
    public List<AuthorizationExpiry> authorizationsExpiringBefore(Instant until, int limit) {
        return handle.createQuery(SELECT + " AND s.is_active AND st.authorization_expires_at <= :until"
                        + " ORDER BY st.authorization_expires_at, s.id LIMIT :limit")
                .bind("org", org.value()).bind("until", until).bind("limit", limit)
                .map((rs, ctx) -> new AuthorizationExpiry(MAPPER.map(rs, ctx),
                        JdbiMappings.instant(rs, "authorization_expires_at")))
                .list();
    }
}
