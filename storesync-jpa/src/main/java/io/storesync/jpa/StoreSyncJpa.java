package io.storesync.jpa;

import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import io.storesync.api.organization.OrganizationId;
import io.storesync.jpa.model.AuditEvent;
import io.storesync.jpa.model.ErasedBuyer;
import io.storesync.jpa.model.InventoryItem;
import io.storesync.jpa.model.InventoryLocation;
import io.storesync.jpa.model.InventoryTransaction;
import io.storesync.jpa.model.ListingSyncState;
import io.storesync.jpa.model.Member;
import io.storesync.jpa.model.Order;
import io.storesync.jpa.model.OrderItem;
import io.storesync.jpa.model.Organization;
import io.storesync.jpa.model.Platform;
import io.storesync.jpa.model.Product;
import io.storesync.jpa.model.ProductVariant;
import io.storesync.jpa.model.RateLimitBucket;
import io.storesync.jpa.model.RetentionPurge;
import io.storesync.jpa.model.RetentionSettings;
import io.storesync.jpa.model.StockChange;
import io.storesync.jpa.model.StockIdempotencyKey;
import io.storesync.jpa.model.StockPushPending;
import io.storesync.jpa.model.Store;
import io.storesync.jpa.model.StoreProductMapping;
import io.storesync.jpa.model.StoreSyncState;
import io.storesync.jpa.model.SyncJob;
import io.storesync.jpa.model.SyncLog;
import io.storesync.jpa.model.WebhookEndpoint;
import io.storesync.jpa.model.WebhookEvent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceConfiguration;
import jakarta.persistence.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.jpa.HibernatePersistenceProvider;
import org.jspecify.annotations.Nullable;

/**
 * Entry point of StoreSync's JPA read model: the entity list, the Hibernate settings that make it tenant-safe and
 * read-only, and the tenant boundary.
 *
 * <pre>{@code
 * EntityManagerFactory emf = StoreSyncJpa.createEntityManagerFactory(appPool, "storesync", Map.of());
 * List<Order> attention = StoreSyncJpa.inTenant(emf, org, em -> em.createQuery(
 *         "select o from Order o where o.hasUnmappedLines or o.shortfallQuantity > 0", Order.class).getResultList());
 * }</pre>
 *
 * <p><b>Tenancy.</b> A Hibernate session gets its tenant when it opens, from the thread's binding ({@link #bind},
 * {@link #inTenant}); outside a binding it gets {@link #NO_TENANT}. Two guards then hold: Hibernate's
 * {@code @TenantId} adds {@code organization_id = tenant} to every query it generates, and every transaction, as it
 * begins, sets PostgreSQL's {@code storesync.organization_id} transaction-locally (see
 * {@link TenantConnectionProvider}), so row-level security shows only the tenant's rows to JPQL, Criteria, native
 * SQL and lazy loads alike. With no tenant, both guards show nothing.
 *
 * <p><b>Read-only.</b> Every entity is {@code @Immutable} and has no setters; {@link ReadOnlyGuard} refuses
 * persist/merge/remove and {@link ReadOnlyStatementInspector} refuses any insert/update/delete SQL on StoreSync's
 * tables, both with {@link ReadOnlyModelException}. Writes go through the StoreSync API.
 */
public final class StoreSyncJpa {
    /** The tenant of a session opened outside any binding: shows no row (it is no organization's id). */
    public static final UUID NO_TENANT = new UUID(0L, 0L);

    private static final List<Class<? extends ReadModelEntity>> ENTITIES = List.of(Organization.class, Member.class,
            Platform.class, Store.class, Product.class, ProductVariant.class, StoreProductMapping.class,
            InventoryLocation.class, InventoryItem.class, InventoryTransaction.class, Order.class, OrderItem.class,
            SyncJob.class, SyncLog.class, WebhookEndpoint.class, WebhookEvent.class, StockChange.class,
            StockIdempotencyKey.class, StoreSyncState.class, StockPushPending.class, ListingSyncState.class,
            RateLimitBucket.class, AuditEvent.class, RetentionSettings.class, RetentionPurge.class, ErasedBuyer.class);
    private static final Set<String> TABLES = ENTITIES.stream().map(c -> c.getAnnotation(Table.class).name())
            .collect(Collectors.toUnmodifiableSet());
    private static final ThreadLocal<@Nullable Binding> BOUND = new ThreadLocal<>();

    private StoreSyncJpa() {}

    /** Every entity class of the read model, one per table; add them to the host's persistence unit. */
    public static List<Class<? extends ReadModelEntity>> entityClasses() {
        return ENTITIES;
    }

    /** The tables the entities map (unqualified names). */
    public static Set<String> tableNames() {
        return TABLES;
    }

    /**
     * The Hibernate settings the read model needs, for a persistence unit the host builds itself (Spring Boot:
     * {@code spring.jpa.properties} or a {@code HibernatePropertiesCustomizer}): the tenant-binding connection
     * provider over {@code applicationPool}, the tenant resolver, the default schema, and the statement guard.
     *
     * @param applicationPool the pool connecting as StoreSync's application role (never the owner, a superuser or a
     *     BYPASSRLS role: row-level security would not bind it)
     * @param schema StoreSync's schema ({@code storesync} unless configured otherwise)
     */
    public static Map<String, Object> settings(DataSource applicationPool, String schema) {
        Objects.requireNonNull(applicationPool, "applicationPool");
        Objects.requireNonNull(schema, "schema");
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("hibernate.multi_tenant_connection_provider", new TenantConnectionProvider(applicationPool, schema));
        settings.put("hibernate.tenant_identifier_resolver", new TenantResolver());
        settings.put("hibernate.default_schema", schema);
        settings.put("hibernate.session_factory.statement_inspector", new ReadOnlyStatementInspector());
        // render JPQL mutations of the immutable entities to SQL, so that the inspector refuses them with its
        // typed exception (with "exception", Hibernate's own, untyped one would come first)
        settings.put("hibernate.query.immutable_entity_update_query_handling_mode", "allow");
        return settings;
    }

    /**
     * A Hibernate {@code EntityManagerFactory} with the read model's entities and {@link #settings}; {@code extra}
     * settings are applied last (for example {@code "hibernate.hbm2ddl.auto", "validate"}). Close it when done.
     */
    public static EntityManagerFactory createEntityManagerFactory(DataSource applicationPool, String schema,
                                                                  Map<String, ?> extra) {
        PersistenceConfiguration configuration = new PersistenceConfiguration("storesync-read-model")
                .provider(HibernatePersistenceProvider.class.getName());
        ENTITIES.forEach(configuration::managedClass);
        configuration.properties(settings(applicationPool, schema));
        configuration.properties(Map.copyOf(extra));
        return configuration.createEntityManagerFactory();
    }

    /**
     * Runs {@code work} in a new {@code EntityManager} of {@code emf} opened for {@code organization}, inside one
     * transaction whose tenant is set as it begins; the transaction is rolled back at the end (the read model never
     * writes) and the entity manager closed. Entities returned are detached: load what you need inside.
     *
     * @throws StoreSyncException {@link ErrorCode#VALIDATION} when the thread is already bound to another tenant
     */
    public static <T> T inTenant(EntityManagerFactory emf, OrganizationId organization, Function<EntityManager, T> work) {
        Objects.requireNonNull(emf, "emf");
        Objects.requireNonNull(work, "work");
        TenantBinding binding = bind(organization);
        try (EntityManager em = emf.createEntityManager()) {
            return runInTransaction(em, work);
        } finally {
            binding.close();
        }
    }

    /**
     * Runs {@code work} in one transaction of {@code em}, whose tenant is set as the transaction begins, then rolls
     * it back. {@code em} must have been opened for {@code organization} (inside {@link #bind}) and must not be in a
     * transaction: a session's tenant is fixed when it opens, so an entity manager of another tenant, or of none, is
     * refused rather than silently showing nothing.
     *
     * @throws StoreSyncException {@link ErrorCode#VALIDATION} when {@code em} belongs to another tenant or is already
     *     in a transaction
     */
    public static <T> T inTenant(EntityManager em, OrganizationId organization, Function<EntityManager, T> work) {
        Objects.requireNonNull(organization, "organization");
        Object sessionTenant = em.unwrap(Session.class).getTenantIdentifierValue();
        if (!organization.value().equals(sessionTenant)) {
            throw new StoreSyncException(ErrorCode.VALIDATION, "this EntityManager was opened for another tenant (or none);"
                    + " open it inside StoreSyncJpa.bind(organization), or use inTenant(emf, organization, work)");
        }
        return runInTransaction(em, work);
    }

    private static <T> T runInTransaction(EntityManager em, Function<EntityManager, T> work) {
        EntityTransaction tx = em.getTransaction();
        if (tx.isActive()) {
            throw new StoreSyncException(ErrorCode.VALIDATION, "the EntityManager is already in a transaction; its tenant"
                    + " is bound when a transaction begins, so inTenant begins its own");
        }
        tx.begin();
        try {
            return work.apply(em);
        } finally {
            if (tx.isActive()) tx.rollback();
        }
    }

    /**
     * Binds {@code organization} to the current thread until the returned binding is closed: every Hibernate session
     * opened meanwhile (by {@link #inTenant}, by the host, by Spring's transaction manager for a
     * {@code @Transactional} method) is that tenant's. Bindings nest only for the same tenant; binding another one
     * inside is refused, so one thread never mixes two tenants.
     *
     * @throws StoreSyncException {@link ErrorCode#VALIDATION} when another tenant is bound already
     */
    public static TenantBinding bind(OrganizationId organization) {
        Objects.requireNonNull(organization, "organization");
        UUID tenant = organization.value();
        Binding current = BOUND.get();
        if (current != null && !current.tenant.equals(tenant)) {
            throw new StoreSyncException(ErrorCode.VALIDATION,
                    "another tenant is bound to this thread; close its binding before binding a new one");
        }
        Binding binding = current == null ? new Binding(tenant) : current;
        binding.depth++;
        BOUND.set(binding);
        return new TenantBinding(binding);
    }

    /** The tenant bound to the current thread, or null. */
    static @Nullable UUID boundTenant() {
        Binding binding = BOUND.get();
        return binding == null ? null : binding.tenant;
    }

    static final class Binding {
        final UUID tenant;
        int depth;

        Binding(UUID tenant) {
            this.tenant = tenant;
        }
    }

    /** A tenant bound to a thread by {@link #bind}; closing it unbinds (once; closing again does nothing). */
    public static final class TenantBinding implements AutoCloseable {
        private final Binding binding;
        private boolean closed;

        TenantBinding(Binding binding) {
            this.binding = binding;
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            if (--binding.depth == 0 && BOUND.get() == binding) BOUND.remove();
        }
    }
}
