package io.storesync.internal.core;

import io.storesync.api.AccessDeniedException;
import io.storesync.api.Actor;
import io.storesync.api.ErrorCode;
import io.storesync.api.NotFoundException;
import io.storesync.api.StoreSyncException;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.Tenant;
import io.storesync.api.compliance.RetentionBounds;
import io.storesync.api.inventory.AllocationStrategy;
import io.storesync.api.job.JobInterceptor;
import io.storesync.api.job.WorkerOptions;
import io.storesync.api.job.Workers;
import io.storesync.api.organization.Member;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.organization.Role;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.Platform;
import io.storesync.api.store.StoreId;
import io.storesync.api.webhook.WebhookReceipt;
import io.storesync.api.webhook.WebhookRequest;
import io.storesync.internal.core.inventory.ReservationRounds;
import io.storesync.internal.core.inventory.StockAllocator;
import io.storesync.internal.core.job.WorkerPool;
import io.storesync.internal.core.order.OrderIngestion;
import io.storesync.internal.core.store.Connectors;
import io.storesync.internal.core.store.CredentialCipher;
import io.storesync.internal.core.store.RateLimiters;
import io.storesync.internal.core.store.StoreSession;
import io.storesync.internal.core.webhook.MissedWebhookSweep;
import io.storesync.internal.core.webhook.WebhookInbox;
import io.storesync.spi.archive.OrderArchive;
import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.StoreAccess;
import io.storesync.spi.persistence.Persistence;
import io.storesync.spi.persistence.StoreConnection;
import io.storesync.spi.persistence.TenantTransaction;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.jspecify.annotations.Nullable;

/** What {@code StoreSync} delegates to; holds the storage, the connectors and the configuration. */
public final class Engine {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Engine.class);
    private final Persistence persistence;
    private final Clock clock;
    private final StockAllocator allocator;
    private final ReservationRounds reservationRounds = new ReservationRounds();
    private final Connectors connectors;
    private final @Nullable CredentialCipher cipher;
    private final SafeListener listener;
    private final OrderIngestion orderIngestion;
    private final RateLimiters rateLimiters;
    private final Set<WorkerPool> localPools = new CopyOnWriteArraySet<>();
    private final WebhookInbox inbox;
    private final MissedWebhookSweep missedWebhooks;
    private boolean closed;
    private volatile RetentionBounds retentionBounds = RetentionBounds.DEFAULT;
    private volatile @Nullable OrderArchive orderArchive;

    /** @param credentialKeys null when the host configured none: stores cannot be connected then */
    public Engine(Persistence persistence, Clock clock, AllocationStrategy allocationStrategy, Connectors connectors,
            @Nullable CredentialKeys credentialKeys, StoreSyncListener listener) {
        this.persistence = Objects.requireNonNull(persistence, "persistence");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.allocator = new StockAllocator(Objects.requireNonNull(allocationStrategy, "allocationStrategy"));
        this.orderIngestion = new OrderIngestion(allocator);
        this.connectors = Objects.requireNonNull(connectors, "connectors");
        this.cipher = credentialKeys == null ? null : new CredentialCipher(credentialKeys);
        this.listener = new SafeListener(Objects.requireNonNull(listener, "listener"));
        this.rateLimiters = RateLimiters.of(this.persistence);
        this.inbox = new WebhookInbox(this);
        this.missedWebhooks = new MissedWebhookSweep(this, inbox);
    }

    private volatile JobInterceptor jobInterceptor = JobInterceptor.NONE;

    /**
     * Sets the host's job interceptor and has the storage ask it for each enqueued job's producer context; called
     * once, before the engine is handed out. An interceptor that fails to give a context, or gives one too long, costs
     * the link only, never the enqueue.
     */
    public void configureJobInterceptor(JobInterceptor interceptor) {
        this.jobInterceptor = Objects.requireNonNull(interceptor, "interceptor");
        if (interceptor == JobInterceptor.NONE) return;
        persistence.producerContext(type -> {
            try {
                String context = interceptor.producerContext(type);
                return context != null && context.length() <= JobInterceptor.MAX_CONTEXT_LENGTH ? context : null;
            } catch (RuntimeException e) {
                LOG.warn("job interceptor {} failed to give a producer context: {}", interceptor.getClass().getName(),
                        e.getClass().getName());
                return null;
            }
        });
    }

    public JobInterceptor jobInterceptor() {
        return jobInterceptor;
    }

    /** Sets what the builder configured for retention; called once, before the engine is handed out. */
    public void configureRetention(RetentionBounds bounds, @Nullable OrderArchive archive) {
        this.retentionBounds = Objects.requireNonNull(bounds, "bounds");
        this.orderArchive = archive;
    }

    public RetentionBounds retentionBounds() {
        return retentionBounds;
    }

    public @Nullable OrderArchive orderArchive() {
        return orderArchive;
    }

    public Persistence persistence() {
        return persistence;
    }

    public Clock clock() {
        return clock;
    }

    StockAllocator allocator() {
        return allocator;
    }

    ReservationRounds reservationRounds() {
        return reservationRounds;
    }

    public Connectors connectors() {
        return connectors;
    }

    public SafeListener listener() {
        return listener;
    }

    public OrderIngestion orderIngestion() {
        return orderIngestion;
    }

    public RateLimiters rateLimiters() {
        return rateLimiters;
    }

    public CredentialCipher cipher() {
        if (cipher == null) {
            throw new StoreSyncException(ErrorCode.CONFIGURATION,
                    "no credential keys are configured: set StoreSync.Builder.credentialKeys(...) to connect stores");
        }
        return cipher;
    }

    public Organization createOrganization(NewOrganization request) {
        Objects.requireNonNull(request, "request");
        OrganizationId id = OrganizationId.random();
        return persistence.inTenant(id, tx -> {
            Organization created = tx.organizations().insert(id, request.name(), request.slug());
            tx.members().insert(request.owner());
            return created;
        });
    }

    public Tenant tenant(OrganizationId organizationId, Actor actor) {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(actor, "actor");
        Role role = persistence.inTenant(organizationId, tx -> {
            if (actor instanceof Actor.Member m) {
                // An unknown organization and one the user is not a member of get the same answer, so a user id
                // cannot probe which organizations exist. (A deactivated member learns only what they knew.)
                Member member = tx.members().find(m.id()).orElseThrow(() -> new AccessDeniedException(
                        "user " + m.id() + " is not a member of organization " + organizationId));
                if (!member.active()) {
                    throw new AccessDeniedException("user " + m.id() + " is deactivated in organization " + organizationId);
                }
                return member.role();
            }
            // A system actor is the host's own trusted code (see Actor.system); telling it the id is wrong is safe.
            if (tx.organizations().find().isEmpty()) {
                throw new NotFoundException("organization " + organizationId + " does not exist");
            }
            return Role.ADMIN;
        });
        return new TenantHandle(this, organizationId, actor, role);
    }

    public List<Platform> platforms() {
        return persistence.platforms();
    }

    /**
     * Starts a set of workers on this engine. Synchronised with {@link #close()} so that a set started while the
     * engine closes is either stopped by it or refused.
     */
    public synchronized Workers startWorkers(WorkerOptions options) {
        Objects.requireNonNull(options, "options");
        if (closed) throw new StoreSyncException(ErrorCode.CONFIGURATION, "StoreSync is closed: no workers can be started");
        WorkerPool pool = new WorkerPool(this, options);
        localPools.add(pool);
        pool.start();
        return pool;
    }

    /**
     * Stops every worker set this engine started, each gracefully, and refuses new ones. Idempotent. The pool and the
     * connectors' settings are the host's, so nothing else is released.
     */
    public synchronized void close() {
        if (closed) return;
        closed = true;
        // a pool removes itself (forget) as it closes; the copy-on-write set iterates a snapshot
        for (WorkerPool pool : localPools) pool.close();
    }

    public void forget(WorkerPool pool) {
        localPools.remove(pool);
    }

    /** Verifies, stores and queues one webhook delivery. */
    public WebhookReceipt receiveWebhook(WebhookRequest request) {
        return inbox.receive(Objects.requireNonNull(request, "request"));
    }

    /** Verifies, routes by shop id, stores and queues one app-level webhook delivery. */
    public java.util.List<WebhookReceipt> receiveAppWebhook(String platform, io.storesync.spi.connector.WebhookDelivery delivery) {
        return inbox.receiveApp(Objects.requireNonNull(platform, "platform"), Objects.requireNonNull(delivery, "delivery"));
    }

    /** The sweep that collects webhooks platforms failed to deliver; the workers schedule it. */
    public MissedWebhookSweep missedWebhooks() {
        return missedWebhooks;
    }

    /** Wakes workers after an enqueue committed: this JVM's directly, every JVM's through the database. */
    public void jobsQueued() {
        localPools.forEach(WorkerPool::wake);
        try {
            persistence.queue().notifyQueued();
        } catch (RuntimeException e) {
            // workers poll as well; a lost notification only costs latency
            LOG.debug("could not notify workers", e);
        }
    }

    /** A store with its decrypted credentials and its platform's connector. */
    public StoreSession session(TenantTransaction tx, StoreId storeId) {
        StoreConnection c = tx.stores().connection(storeId)
                .orElseThrow(() -> new NotFoundException("store " + storeId + " not found"));
        Connector connector = connectors.require(c.store().platform());
        StoreAccess access = new StoreAccess(storeId, c.store().platformStoreId(),
                cipher().decrypt(tx.organizationId(), storeId, c.credentials()));
        return new StoreSession(c.store(), access, connector);
    }
}
