package io.storesync.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.api.StoreSyncException;
import io.storesync.api.organization.OrganizationId;
import io.storesync.jpa.model.AuditEvent;
import io.storesync.jpa.model.ErasedBuyer;
import io.storesync.jpa.model.Order;
import io.storesync.jpa.model.OrderItem;
import io.storesync.jpa.model.Organization;
import io.storesync.jpa.model.Product;
import io.storesync.jpa.model.ProductVariant;
import io.storesync.jpa.model.RetentionPurge;
import io.storesync.jpa.model.RetentionSettings;
import io.storesync.jpa.model.Store;
import io.storesync.jpa.model.StockChange;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.EntityType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tenancy through JPA as the application role: a tenant's session returns only its own rows, through every entity,
 * JPQL, native SQL, {@code find} and lazy associations; with no tenant nothing; a connection reused across
 * transactions of different tenants sees each transaction's own tenant only; and {@code @TenantId} guards on its own
 * when the database setting is forced to another tenant.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadModelTenancyIT {
    /** Tables without a tenant: reference data and the anonymous rate-limit buckets (docs/trust-model.md). */
    private static final Set<String> SHARED = Set.of("Platform", "RateLimitBucket");

    private TestDatabase db;
    private EngineData data;
    private EntityManagerFactory emf;

    @BeforeAll
    void setUp(TestDatabase database) throws SQLException {
        db = database;
        data = EngineData.write(db);
        emf = StoreSyncJpa.createEntityManagerFactory(db.appDataSource(), db.schema(), Map.of());
    }

    @AfterAll
    void tearDown() {
        if (emf != null) emf.close();
    }

    @Test
    void eachTenantSeesOnlyItsOwnRowsThroughEveryEntity() {
        int tenantEntities = 0;
        for (EntityType<?> entity : emf.getMetamodel().getEntities()) {
            if (SHARED.contains(entity.getName())) continue;
            tenantEntities++;
            Set<UUID> seenByA = organizationsOf(data.a().id(), entity);
            Set<UUID> seenByB = organizationsOf(data.b().id(), entity);
            assertThat(seenByA).as(entity.getName() + " as A").containsExactly(data.a().id().value());
            assertThat(seenByB).as(entity.getName() + " as B").containsExactly(data.b().id().value());
        }
        assertThat(tenantEntities).isEqualTo(StoreSyncJpa.entityClasses().size() - SHARED.size()).isEqualTo(24);
    }

    private Set<UUID> organizationsOf(OrganizationId tenant, EntityType<?> entity) {
        String attribute = entity.getName().equals("Organization") ? "id" : "organizationId";
        return StoreSyncJpa.inTenant(emf, tenant, em -> new HashSet<>(em.createQuery(
                "select distinct e." + attribute + " from " + entity.getName() + " e", UUID.class).getResultList()));
    }

    @Test
    void anotherTenantsRowsAreNotFoundByIdNorByNativeSqlNorThroughAssociations() {
        EngineData.Tenant a = data.a();
        EngineData.Tenant b = data.b();
        StoreSyncJpa.inTenant(emf, a.id(), em -> {
            assertThat(em.find(Order.class, a.orderId())).isNotNull();
            assertThat(em.find(Order.class, b.orderId())).as("B's order by id").isNull();
            assertThat(em.find(Organization.class, b.id().value())).as("B's organization by id").isNull();
            assertThat(em.find(Store.class, b.storeId())).as("B's store by id").isNull();
            assertThat(em.find(StockChange.class, new StockChange.Key(b.id().value(), b.variantId()))).isNull();
            assertThat(((Number) em.createNativeQuery("select count(*) from orders where organization_id = ?1")
                    .setParameter(1, b.id().value()).getSingleResult()).longValue()).as("native SQL, B's orders").isZero();
            assertThat(((Number) em.createNativeQuery("select count(*) from orders").getSingleResult()).longValue())
                    .as("native SQL, every visible order").isEqualTo(1);
            // associations: order -> lines -> variant -> product -> variants -> stock, all A's
            Order order = em.find(Order.class, a.orderId());
            assertThat(order.getLines()).hasSize(1);
            OrderItem line = order.getLines().get(0);
            assertThat(line.getOrganizationId()).isEqualTo(a.id().value());
            ProductVariant variant = line.getVariant();
            assertThat(variant).isNotNull();
            assertThat(variant.getId()).isEqualTo(a.variantId());
            Product product = variant.getProduct();
            assertThat(product.getVariants()).extracting(ProductVariant::getOrganizationId).containsOnly(a.id().value());
            assertThat(variant.getStock()).isNotEmpty()
                    .allSatisfy(item -> assertThat(item.getOrganizationId()).isEqualTo(a.id().value()))
                    .allSatisfy(item -> assertThat(item.getQuantityOnHand()).isEqualTo(21))
                    .allSatisfy(item -> assertThat(item.getQuantityReserved()).isEqualTo(2));
            assertThat(order.getStore().getPlatform().getName()).isEqualTo("custom_website");
            return null;
        });
    }

    @Test
    void theComplianceTablesWrittenThroughTheApiShowEachTenantItsOwnRowsOnly() throws Exception {
        EngineData.Tenant a = data.a();
        EngineData.Tenant b = data.b();
        List<UUID> auditOfB = StoreSyncJpa.inTenant(emf, b.id(), em -> em.createQuery(
                "select e.id from AuditEvent e", UUID.class).getResultList());
        assertThat(auditOfB).isNotEmpty();
        String erasedOfA = sha256("gone-a@buyer.example");
        String erasedOfB = sha256("gone-b@buyer.example");
        StoreSyncJpa.inTenant(emf, a.id(), em -> {
            List<AuditEvent> trail = em.createQuery("select e from AuditEvent e order by e.seq", AuditEvent.class)
                    .getResultList();
            assertThat(trail).isNotEmpty().allSatisfy(e -> assertThat(e.getOrganizationId()).isEqualTo(a.id().value()))
                    .extracting(AuditEvent::getId).doesNotContainAnyElementsOf(auditOfB);
            assertThat(em.find(AuditEvent.class, auditOfB.get(0))).as("B's audit row by id").isNull();
            RetentionSettings settings = em.find(RetentionSettings.class, a.id().value());
            assertThat(settings).isNotNull();
            assertThat(settings.getSyncLogsDays()).isEqualTo(120);
            assertThat(em.find(RetentionSettings.class, b.id().value())).as("B's settings by id").isNull();
            assertThat(em.find(ErasedBuyer.class, new ErasedBuyer.Key(a.id().value(), erasedOfA)))
                    .isNotNull();
            assertThat(em.find(ErasedBuyer.class, new ErasedBuyer.Key(b.id().value(), erasedOfB)))
                    .as("B's erased buyer by key").isNull();
            assertThat(em.createQuery("select p from RetentionPurge p", RetentionPurge.class).getResultList())
                    .singleElement().satisfies(p -> assertThat(p.getDataClass()).isEqualTo("sync_logs"));
            return null;
        });
    }

    private static String sha256(String value) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void withNoTenantNothingIsVisible() {
        try (EntityManager em = emf.createEntityManager()) {
            assertThat(em.unwrap(Session.class).getTenantIdentifierValue()).isEqualTo(StoreSyncJpa.NO_TENANT);
            em.getTransaction().begin();
            List<String> leaked = new ArrayList<>();
            int checked = 0;
            for (EntityType<?> entity : emf.getMetamodel().getEntities()) {
                if (SHARED.contains(entity.getName())) continue;
                checked++;
                long n = em.createQuery("select count(e) from " + entity.getName() + " e", Long.class).getSingleResult();
                if (n != 0) leaked.add(entity.getName() + "=" + n);
            }
            for (String table : StoreSyncJpa.tableNames()) {
                if (table.equals("platforms") || table.equals("rate_limit_buckets")) continue;
                long n = ((Number) em.createNativeQuery("select count(*) from " + table).getSingleResult()).longValue();
                if (n != 0) leaked.add(table + " (native)=" + n);
            }
            assertThat(em.find(Order.class, data.a().orderId())).isNull();
            em.getTransaction().rollback();
            assertThat(checked).isEqualTo(24);
            assertThat(leaked).as("rows visible with no tenant").isEmpty();
        }
    }

    @Test
    void oneConnectionReusedAcrossTransactionsOfDifferentTenantsSeesEachTransactionsOwnTenantOnly() throws SQLException {
        DataSource single = db.newAppPool(1);
        try (EntityManagerFactory oneConnection = StoreSyncJpa.createEntityManagerFactory(single, db.schema(), Map.of())) {
            List<Integer> backends = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (EngineData.Tenant tenant : List.of(data.a(), data.b())) {
                    StoreSyncJpa.inTenant(oneConnection, tenant.id(), em -> {
                        backends.add(((Number) em.createNativeQuery("select pg_backend_pid()").getSingleResult()).intValue());
                        assertThat(em.createQuery("select o.id from Order o", UUID.class).getResultList())
                                .containsExactly(tenant.orderId());
                        assertThat(em.createQuery("select o.id from Organization o", UUID.class).getResultList())
                                .containsExactly(tenant.id().value());
                        return null;
                    });
                }
            }
            assertThat(backends).hasSize(4).containsOnly(backends.get(0));
        }
        // the physical connection goes back to the pool with no tenant left on it
        try (Connection c = single.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(current_setting('storesync.organization_id', true), ''),"
                     + " (select count(*) from " + db.schema() + ".orders)")) {
            rs.next();
            assertThat(rs.getString(1)).isEmpty();
            assertThat(rs.getLong(2)).isZero();
        }
    }

    @Test
    void aConnectionHeldAcrossTransactionsIsBoundAgainInEachTransaction() {
        // Spring's HibernateJpaVendorAdapter holds one connection for the whole session: binding at checkout would
        // leave every transaction after the first without a tenant
        try (EntityManagerFactory holding = StoreSyncJpa.createEntityManagerFactory(db.appDataSource(), db.schema(),
                Map.of("hibernate.connection.handling_mode", "DELAYED_ACQUISITION_AND_HOLD"));
             StoreSyncJpa.TenantBinding binding = StoreSyncJpa.bind(data.a().id());
             EntityManager em = holding.createEntityManager()) {
            assertThat(em.unwrap(Session.class).getTenantIdentifierValue()).isEqualTo(data.a().id().value());
            List<Integer> backends = new ArrayList<>();
            for (int tx = 0; tx < 3; tx++) {
                StoreSyncJpa.inTenant(em, data.a().id(), e -> {
                    backends.add(((Number) e.createNativeQuery("select pg_backend_pid()").getSingleResult()).intValue());
                    assertThat(e.createQuery("select o.id from Order o", UUID.class).getResultList())
                            .containsExactly(data.a().orderId());
                    return null;
                });
            }
            assertThat(backends).hasSize(3).containsOnly(backends.get(0));
            assertThat(binding).isNotNull();
        }
    }

    @Test
    void tenantIdIsASecondGuardWhenTheDatabaseSettingIsForcedToAnotherTenant() {
        StoreSyncJpa.inTenant(emf, data.a().id(), em -> {
            em.createNativeQuery("select set_config('storesync.organization_id', ?1, true)")
                    .setParameter(1, data.b().id().value().toString()).getSingleResult();
            // row-level security now shows B's order, but the session is A's: Hibernate's tenant filter drops it
            assertThat(((Number) em.createNativeQuery("select count(*) from orders where organization_id = ?1")
                    .setParameter(1, data.b().id().value()).getSingleResult()).longValue()).isEqualTo(1);
            assertThat(em.createQuery("select o from Order o", Order.class).getResultList()).isEmpty();
            assertThat(em.createQuery("select l from OrderItem l", OrderItem.class).getResultList()).isEmpty();
            return null;
        });
    }

    @Test
    void aPoolHandingOutConnectionsAlreadyInATransactionIsRefusedRatherThanShowingNothing() {
        DataSource pool = db.newAppPool(1);
        DataSource notAutoCommit = (DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = method.invoke(pool, args);
                    if (method.getName().equals("getConnection")) ((Connection) result).setAutoCommit(false);
                    return result;
                });
        try (EntityManagerFactory wrong = StoreSyncJpa.createEntityManagerFactory(notAutoCommit, db.schema(), Map.of())) {
            assertThatThrownBy(() -> StoreSyncJpa.inTenant(wrong, data.a().id(),
                    em -> em.createQuery("select o from Order o", Order.class).getResultList()))
                    .isInstanceOf(StoreSyncException.class).hasMessageContaining("auto-commit")
                    .satisfies(e -> assertThat(((StoreSyncException) e).code()).isEqualTo(io.storesync.api.ErrorCode.CONFIGURATION));
        }
    }

    @Test
    void aThreadNeverMixesTwoTenantsAndAnEntityManagerOfAnotherTenantIsRefused() {
        try (StoreSyncJpa.TenantBinding binding = StoreSyncJpa.bind(data.a().id())) {
            assertThat(binding).isNotNull();
            assertThatThrownBy(() -> StoreSyncJpa.bind(data.b().id())).isInstanceOf(StoreSyncException.class)
                    .hasMessageContaining("another tenant is bound");
            assertThatThrownBy(() -> StoreSyncJpa.inTenant(emf, data.b().id(), em -> 1))
                    .isInstanceOf(StoreSyncException.class);
            try (EntityManager em = emf.createEntityManager()) {
                assertThatThrownBy(() -> StoreSyncJpa.inTenant(em, data.b().id(), e -> 1))
                        .isInstanceOf(StoreSyncException.class).hasMessageContaining("another tenant");
            }
        }
        try (EntityManager unbound = emf.createEntityManager()) {
            assertThatThrownBy(() -> StoreSyncJpa.inTenant(unbound, data.a().id(), e -> 1))
                    .isInstanceOf(StoreSyncException.class);
        }
        assertThat(StoreSyncJpa.boundTenant()).isNull();
    }
}
