package io.storesync;

import io.storesync.api.Actor;
import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.job.JobInterceptor;
import io.storesync.api.Tenant;
import io.storesync.api.compliance.RetentionBounds;
import io.storesync.api.inventory.AllocationStrategy;
import io.storesync.api.job.WorkerOptions;
import io.storesync.api.job.Workers;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.Platform;
import io.storesync.api.webhook.WebhookEndpointId;
import io.storesync.api.webhook.WebhookPayloadTooLargeException;
import io.storesync.api.webhook.WebhookReceipt;
import io.storesync.api.webhook.WebhookRequest;
import io.storesync.internal.core.Engine;
import io.storesync.internal.core.store.Connectors;
import io.storesync.spi.archive.OrderArchive;
import io.storesync.spi.connector.ConnectorProvider;
import io.storesync.spi.connector.ConnectorSettings;
import io.storesync.spi.connector.WebhookDelivery;
import io.storesync.spi.persistence.PersistenceProvider;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * StoreSync, embedded: one instance per database, shared by the whole host application and thread-safe.
 *
 * <pre>{@code
 * StoreSync storeSync = StoreSync.builder().dataSource(pool).build();
 * Tenant shop = storeSync.tenant(orgId, Actor.user(userId));
 * }</pre>
 *
 * <p>The pool must connect as the application role: not a superuser, not the schema owner, not BYPASSRLS, so that
 * the database's row-level security backs up every tenant check; {@link Builder#build()} refuses any other pool with
 * {@link ErrorCode#CONFIGURATION}. Migrate the schema first, as the owner, with the persistence module's migration
 * entry point.
 */
public final class StoreSync implements AutoCloseable {
    /** The default {@link Builder#maxWebhookBodyBytes maximum webhook body}: 1 MiB, far above any platform's events. */
    public static final int DEFAULT_MAX_WEBHOOK_BODY_BYTES = 1 << 20;

    private final Engine engine;
    private final int maxWebhookBodyBytes;

    private StoreSync(Engine engine, int maxWebhookBodyBytes) {
        this.engine = engine;
        this.maxWebhookBodyBytes = maxWebhookBodyBytes;
    }

    /** A builder; {@link Builder#dataSource} is the one required setting. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a new organization with its first owner, in one transaction.
     *
     * @throws io.storesync.api.ConflictException when the slug, the owner's id or the owner's email is taken
     */
    public Organization createOrganization(NewOrganization organization) {
        return engine.createOrganization(organization);
    }

    /**
     * A handle for {@code actor}'s work in one organization. A member must be active in that organization; a
     * {@link Actor#system system} actor acts as an administrator and is for the host's own trusted code only.
     *
     * @throws io.storesync.api.AccessDeniedException when the user is not an active member of the organization, or
     *     the organization does not exist: a user is told the same in both cases, so no user can probe which
     *     organizations exist
     * @throws io.storesync.api.NotFoundException when a system actor names an organization that does not exist
     */
    public Tenant tenant(OrganizationId organizationId, Actor actor) {
        return engine.tenant(organizationId, actor);
    }

    /** The marketplaces StoreSync knows, from the {@code platforms} reference table. */
    public List<Platform> platforms() {
        return engine.platforms();
    }

    /**
     * Starts {@code options.threads()} job workers in this JVM. Any number of worker sets, in any number of JVMs, may
     * share the database; each job is run by one worker at a time. Close the returned handle to stop gracefully.
     *
     * <p>Each set holds one pool connection for LISTEN/NOTIFY (unless {@link WorkerOptions#listen()} is off) and uses
     * up to {@code threads + 3} more while busy (one of them, briefly, the missed-webhook sweep's); size the pool
     * accordingly.
     */
    public Workers startWorkers(WorkerOptions options) {
        return engine.startWorkers(options);
    }

    /** Starts {@code threads} job workers with the default options. */
    public Workers startWorkers(int threads) {
        return engine.startWorkers(WorkerOptions.defaults(threads));
    }

    /**
     * Hands StoreSync one webhook request as received. The body's size is checked first, against
     * {@link Builder#maxWebhookBodyBytes}, before any other work; then the endpoint is routed to its store, the store's
     * connector verifies the signature over the raw body, and a verified delivery is stored once (with only the
     * headers its connector declares) and queued for processing in the same transaction; answer the platform with
     * HTTP 200 when this returns. May block on the database; safe to call from request threads concurrently.
     *
     * <p>Prefer {@link #receiveWebhook(WebhookEndpointId, Map, InputStream)} for bodies still on the wire: a request
     * built from an array has already held the whole body in memory, however large.
     *
     * @throws WebhookPayloadTooLargeException when the body is larger than the maximum; nothing is stored and no pool
     *     connection is taken
     * @throws io.storesync.api.webhook.WebhookSignatureException when the signature does not verify; nothing is stored
     * @throws io.storesync.api.NotFoundException when the endpoint is unknown or inactive, or its store inactive
     */
    public WebhookReceipt receiveWebhook(WebhookRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.bodySize() > maxWebhookBodyBytes) throw tooLarge(request.endpointId());
        return engine.receiveWebhook(request);
    }

    /**
     * Reads a webhook request's body from the network and hands the request to {@link #receiveWebhook(WebhookRequest)}.
     * At most {@link Builder#maxWebhookBodyBytes} + 1 bytes are read: a larger body is refused at that point, so a
     * client streaming gigabytes costs one maximum's worth of memory and no database work. The stream is not closed.
     *
     * @param headers the request's headers as received (names in any case); only those the connector declares are
     *     stored
     * @throws WebhookPayloadTooLargeException when the body is larger than the maximum; nothing is stored and no pool
     *     connection is taken
     * @throws IOException when reading the body fails; nothing is stored
     * @throws io.storesync.api.webhook.WebhookSignatureException when the signature does not verify; nothing is stored
     * @throws io.storesync.api.NotFoundException when the endpoint is unknown or inactive, or its store inactive
     */
    public WebhookReceipt receiveWebhook(WebhookEndpointId endpoint, Map<String, List<String>> headers, InputStream body)
            throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        WebhookRequest request;
        try {
            request = WebhookRequest.read(endpoint, headers, body, maxWebhookBodyBytes);
        } catch (WebhookPayloadTooLargeException e) {
            engine.listener().webhookRejected(endpoint, e.getMessage());
            throw e;
        }
        return engine.receiveWebhook(request);
    }

    /**
     * Hands StoreSync one webhook request whose body is already in memory, checking its length before the body is
     * copied or anything else is done; otherwise as {@link #receiveWebhook(WebhookRequest)}.
     *
     * @throws WebhookPayloadTooLargeException when the body is larger than the maximum; nothing is copied or stored and
     *     no pool connection is taken
     * @throws io.storesync.api.webhook.WebhookSignatureException when the signature does not verify; nothing is stored
     * @throws io.storesync.api.NotFoundException when the endpoint is unknown or inactive, or its store inactive
     */
    public WebhookReceipt receiveWebhook(WebhookEndpointId endpoint, Map<String, List<String>> headers, byte[] body) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (Objects.requireNonNull(body, "body").length > maxWebhookBodyBytes) throw tooLarge(endpoint);
        return engine.receiveWebhook(new WebhookRequest(endpoint, headers, body));
    }

    /**
     * Hands StoreSync one <em>app-level</em> webhook request: for platforms that sign every push with the app's secret
     * and send every shop's events to one URL, naming the shop in the body (Shopee, TikTok Shop). At most
     * {@link Builder#maxWebhookBodyBytes} + 1 bytes are read, as for an endpoint; then the platform's connector verifies
     * the signature with the app's secret <b>before any database work</b> (a forged delivery takes no pool connection),
     * names the shop ({@link io.storesync.spi.connector.Connector#webhookShopId}), and the delivery is routed to every
     * active store with that platform and shop id, across tenants, and stored and queued in each exactly as an
     * endpoint's delivery is (deduplicated per store). A shop id normally maps to one store; when several tenants
     * connected the same shop, each gets its own copy and receipt. The stream is not closed.
     *
     * @param platform the platform the URL is for, e.g. {@code "shopee"}
     * @return one receipt per store the delivery was routed to; empty only for a verified delivery addressed to the
     *     app and no shop ({@link io.storesync.spi.connector.Connector#webhookForAppOnly}: Shopee's code-0 push when
     *     the push URL is set), which is acknowledged without storing anything — answer it 2xx like any other
     * @throws WebhookPayloadTooLargeException when the body is larger than the maximum; nothing is stored and no pool
     *     connection is taken
     * @throws IOException when reading the body fails; nothing is stored
     * @throws io.storesync.api.ValidationException when no connector serves the platform, or its connector does not
     *     verify with an app secret (give those deliveries to an endpoint); nothing is read from the database
     * @throws io.storesync.api.webhook.WebhookSignatureException when the signature does not verify; nothing is stored
     *     and no pool connection is taken
     * @throws io.storesync.api.NotFoundException when the delivery names no shop or no active store has it; the same
     *     message either way, naming neither tenants nor stores; nothing is stored
     */
    public List<WebhookReceipt> receiveWebhook(String platform, Map<String, List<String>> headers, InputStream body)
            throws IOException {
        Objects.requireNonNull(platform, "platform");
        WebhookDelivery delivery;
        try {
            delivery = WebhookRequest.readDelivery(headers, body, maxWebhookBodyBytes);
        } catch (WebhookPayloadTooLargeException e) {
            engine.listener().appWebhookRejected(platform, e.getMessage());
            throw e;
        }
        return engine.receiveAppWebhook(platform, delivery);
    }

    /**
     * An app-level webhook request whose body is already in memory, its length checked before it is copied or anything
     * else is done; otherwise as {@link #receiveWebhook(String, Map, InputStream)}.
     */
    public List<WebhookReceipt> receiveWebhook(String platform, Map<String, List<String>> headers, byte[] body) {
        Objects.requireNonNull(platform, "platform");
        if (Objects.requireNonNull(body, "body").length > maxWebhookBodyBytes) {
            WebhookPayloadTooLargeException e = new WebhookPayloadTooLargeException(maxWebhookBodyBytes);
            engine.listener().appWebhookRejected(platform, e.getMessage());
            throw e;
        }
        return engine.receiveAppWebhook(platform, WebhookRequest.checkedDelivery(headers, body));
    }

    /**
     * Collects, once, the webhooks platforms failed to deliver and keep for collection (Shopee's lost pushes, which it
     * never redelivers; {@link io.storesync.spi.connector.Connector#missedWebhooks}), stores each in its shop's stores
     * exactly as a delivered app-level webhook is stored and queued (deduplicated, so one that did arrive live is not
     * processed twice), and confirms each page to the platform once all of it is stored. Workers do this on their own
     * every {@link WorkerOptions#missedWebhookSweepInterval()}; call this from a host that runs no workers, or to
     * collect at once. Harmless alongside the workers' sweep and other JVMs' (deduplication). Blocks on the platforms'
     * APIs and the database; reads at most a few thousand per platform per call.
     *
     * <p>An entry for a shop no active store has, or one that cannot be read, is reported to the listener
     * ({@code appWebhookRejected}) and does not stop the others.
     *
     * @return how many deliveries were stored (duplicates of stored ones not counted)
     * @throws io.storesync.spi.connector.ConnectorException (or a subclass: rate limited) when a platform's API failed,
     *     thrown once the other platforms were swept; what was stored stays stored, and an unconfirmed page comes again
     */
    public int sweepMissedWebhooks() {
        return engine.missedWebhooks().sweep();
    }

    private WebhookPayloadTooLargeException tooLarge(WebhookEndpointId endpoint) {
        WebhookPayloadTooLargeException e = new WebhookPayloadTooLargeException(maxWebhookBodyBytes);
        engine.listener().webhookRejected(endpoint, e.getMessage());
        return e;
    }

    /**
     * Stops every worker set started with {@link #startWorkers}, gracefully (each as {@link Workers#close()} does),
     * and refuses to start new ones. Idempotent; blocks for at most the workers' shutdown timeouts. The data source
     * stays open: it is the host's. Other calls keep working, since each borrows a connection only while it runs.
     */
    @Override
    public void close() {
        engine.close();
    }

    /** Immutable configuration of a {@link StoreSync}; {@link #build()} validates it and fails fast. */
    public static final class Builder {
        private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
        private @Nullable DataSource dataSource;
        private @Nullable DataSource readReplica;
        private String schema = "storesync";
        private Clock clock = Clock.systemUTC();
        private @Nullable PersistenceProvider persistence;
        private AllocationStrategy allocationStrategy = AllocationStrategy.defaultFirst();
        private @Nullable CredentialKeys credentialKeys;
        private final List<ConnectorProvider> connectors = new java.util.ArrayList<>();
        private final Map<String, ConnectorSettings> connectorSettings = new LinkedHashMap<>();
        private final Map<Class<?>, Object> connectorTags = new LinkedHashMap<>();
        private boolean discoverConnectors = true;
        private StoreSyncListener listener = StoreSyncListener.NONE;
        private JobInterceptor jobInterceptor = JobInterceptor.NONE;
        private int maxWebhookBodyBytes = DEFAULT_MAX_WEBHOOK_BODY_BYTES;
        private RetentionBounds retentionBounds = RetentionBounds.DEFAULT;
        private @Nullable OrderArchive orderArchive;

        private Builder() {}

        /**
         * The keys that encrypt store credentials (AES-GCM), with the id of the current one. Required to connect
         * stores and to run jobs that call a platform.
         */
        public Builder credentialKeys(CredentialKeys keys) {
            this.credentialKeys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /**
         * Registers a connector explicitly, beside those found with {@link ServiceLoader}. Two providers for one
         * platform make {@link #build()} fail naming both.
         */
        public Builder connector(ConnectorProvider provider) {
            connectors.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /** Settings (app keys and the like) for one platform's connector. */
        public Builder connectorSettings(ConnectorSettings settings) {
            Objects.requireNonNull(settings, "settings");
            connectorSettings.put(settings.platform(), settings);
            return this;
        }

        /**
         * An object handed to every connector at creation in its {@link ConnectorSettings#tag settings}, looked up by
         * {@code type}: e.g. the connector kit's {@code ConnectorEventListener}, which the shipped connectors tell of
         * every HTTP call (how metrics and tracing see connector calls). Connectors ignore types they do not know; a
         * tag of the same type in one platform's own settings wins.
         */
        public <T> Builder connectorTag(Class<T> type, T tag) {
            Objects.requireNonNull(type, "type");
            connectorTags.put(type, type.cast(Objects.requireNonNull(tag, "tag")));
            return this;
        }

        /** Whether to look for connectors with {@link ServiceLoader}; on unless turned off. */
        public Builder discoverConnectors(boolean discover) {
            this.discoverConnectors = discover;
            return this;
        }

        /** Receives job, push and webhook events; none unless set. */
        public Builder listener(StoreSyncListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Wraps every job run and gives each enqueued job its producer's context (tracing: an enqueue and the run that
         * follows it share one trace); none unless set. See {@link JobInterceptor}.
         */
        public Builder jobInterceptor(JobInterceptor interceptor) {
            this.jobInterceptor = Objects.requireNonNull(interceptor, "interceptor");
            return this;
        }

        /**
         * The largest webhook body accepted, in bytes; {@link #DEFAULT_MAX_WEBHOOK_BODY_BYTES} (1 MiB) unless set. A
         * larger body is refused with {@link WebhookPayloadTooLargeException} before anything else is done with it.
         *
         * @throws StoreSyncException with {@code CONFIGURATION} unless {@code 1 <= bytes < Integer.MAX_VALUE}
         */
        public Builder maxWebhookBodyBytes(int bytes) {
            // Integer.MAX_VALUE is excluded because the bounded read asks for one byte more than the maximum
            if (bytes < 1 || bytes == Integer.MAX_VALUE) {
                throw configuration("maxWebhookBodyBytes must be between 1 and " + (Integer.MAX_VALUE - 1) + ", got " + bytes);
            }
            this.maxWebhookBodyBytes = bytes;
            return this;
        }

        /** The pool StoreSync works through, connected as the application role. Required. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * A pool on a read replica of the database for reports and searches (daily sales, sales by SKU, product and
         * order search, stock movements, the reorder report); none unless set. Its role must be under row-level
         * security like the main pool's (checked at {@link #build()}); its reads run in read-only transactions and
         * see the primary as of the replica's lag. Writes, and every read that decides one (stock for a
         * reservation, the queue, webhooks), always use the main {@link #dataSource}.
         */
        public Builder readReplica(DataSource readReplica) {
            this.readReplica = Objects.requireNonNull(readReplica, "readReplica");
            return this;
        }

        /** The schema StoreSync's tables live in; {@code storesync} unless set. */
        public Builder schema(String schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /** The clock for every timestamp StoreSync decides itself; the system UTC clock unless set. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The storage implementation; found with {@link ServiceLoader} unless set. */
        public Builder persistence(PersistenceProvider provider) {
            this.persistence = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * How reservations that name no location are spread over locations;
         * {@link AllocationStrategy#defaultFirst()} unless set.
         */
        public Builder allocationStrategy(AllocationStrategy strategy) {
            this.allocationStrategy = Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        /**
         * What organizations may choose as retention periods, and their defaults; {@link RetentionBounds#DEFAULT} (the
         * schema document's periods) unless set.
         */
        public Builder retentionBounds(RetentionBounds bounds) {
            this.retentionBounds = Objects.requireNonNull(bounds, "bounds");
            return this;
        }

        /**
         * Where finished orders go before the retention purge deletes them (for example
         * {@link OrderArchive#gzipJsonLines}); none unless set, and then expired orders are deleted without a copy.
         */
        public Builder orderArchive(OrderArchive archive) {
            this.orderArchive = Objects.requireNonNull(archive, "archive");
            return this;
        }

        /** Validates the configuration and opens StoreSync. */
        public StoreSync build() {
            if (dataSource == null) throw configuration("a dataSource is required");
            if (!SCHEMA.matcher(schema).matches()) {
                throw configuration("schema must be a lower-case SQL identifier, got '" + schema + "'");
            }
            PersistenceProvider provider = persistence != null ? persistence : discoverPersistence();
            Connectors registry = Connectors.of(connectors, discoverConnectors, connectorSettings, connectorTags);
            Engine engine = new Engine(readReplica == null ? provider.open(dataSource, schema)
                    : provider.open(dataSource, readReplica, schema), clock, allocationStrategy, registry,
                    credentialKeys, listener);
            engine.configureRetention(retentionBounds, orderArchive);
            engine.configureJobInterceptor(jobInterceptor);
            return new StoreSync(engine, maxWebhookBodyBytes);
        }

        private static PersistenceProvider discoverPersistence() {
            List<PersistenceProvider> found = new ArrayList<>();
            ServiceLoader.load(PersistenceProvider.class).forEach(found::add);
            if (found.isEmpty()) {
                throw configuration("no PersistenceProvider on the classpath: add io.storesync:storesync-jdbi");
            }
            if (found.size() > 1) {
                throw configuration("several PersistenceProviders on the classpath ("
                        + found.stream().map(PersistenceProvider::name).toList()
                        + "); choose one with Builder.persistence(...)");
            }
            return found.get(0);
        }

        private static StoreSyncException configuration(String message) {
            return new StoreSyncException(ErrorCode.CONFIGURATION, message);
        }
    }
}
