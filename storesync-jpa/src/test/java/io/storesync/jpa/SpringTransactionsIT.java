package io.storesync.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.jpa.model.Order;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read model under Spring's {@code JpaTransactionManager}, configured as Spring's
 * {@code HibernateJpaVendorAdapter} configures Hibernate (one connection held per session), over a pool of one
 * connection: transactions of alternating tenants, each opened inside {@link StoreSyncJpa#bind}, see their own
 * tenant only, through JPA and through plain JDBC joining the Spring transaction; a transaction outside any binding
 * sees nothing. Spring is a test dependency only: the binding is StoreSync's resolver and connection provider.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringTransactionsIT {
    private EngineData data;
    private DataSource single;
    private EntityManagerFactory emf;
    private TransactionTemplate transactions;

    @BeforeAll
    void setUp(TestDatabase db) throws SQLException {
        data = EngineData.write(db);
        single = db.newAppPool(1);
        HibernateJpaVendorAdapter vendor = new HibernateJpaVendorAdapter();
        Map<String, Object> springSettings = new HashMap<>(vendor.getJpaPropertyMap());
        assertThat(String.valueOf(springSettings.get("hibernate.connection.handling_mode"))).isEqualTo("DELAYED_ACQUISITION_AND_HOLD");
        emf = StoreSyncJpa.createEntityManagerFactory(single, db.schema(), springSettings);
        JpaTransactionManager manager = new JpaTransactionManager(emf);
        manager.setJpaDialect(vendor.getJpaDialect());
        manager.setDataSource(single);
        manager.afterPropertiesSet();
        transactions = new TransactionTemplate(manager);
    }

    @AfterAll
    void tearDown() {
        if (emf != null) emf.close();
    }

    record Seen(List<UUID> orders, long jdbcOrders, String setting, int backend) {}

    private Seen inSpringTransaction() {
        EntityManager em = SharedEntityManagerCreator.createSharedEntityManager(emf);
        return transactions.execute(status -> {
            List<UUID> orders = em.createQuery("select o from Order o", Order.class).getResultList().stream()
                    .map(Order::getId).toList();
            // plain JDBC joining the Spring transaction (as JDBI or JdbcTemplate would) gets the same connection
            Connection c = DataSourceUtils.getConnection(single);
            try (PreparedStatement ps = c.prepareStatement("select count(*), coalesce(current_setting("
                    + "'storesync.organization_id', true), ''), pg_backend_pid() from orders");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Seen(orders, rs.getLong(1), rs.getString(2), rs.getInt(3));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            } finally {
                DataSourceUtils.releaseConnection(c, single);
            }
        });
    }

    @Test
    void transactionsOfAlternatingTenantsOnOneConnectionEachSeeTheirOwnTenantOnly() {
        List<Integer> backends = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (EngineData.Tenant tenant : List.of(data.a(), data.b())) {
                Seen seen;
                try (StoreSyncJpa.TenantBinding binding = StoreSyncJpa.bind(tenant.id())) {
                    assertThat(binding).isNotNull();
                    seen = inSpringTransaction();
                }
                assertThat(seen.orders()).containsExactly(tenant.orderId());
                assertThat(seen.jdbcOrders()).isEqualTo(1);
                assertThat(seen.setting()).isEqualTo(tenant.id().value().toString());
                backends.add(seen.backend());
            }
        }
        assertThat(backends).hasSize(4).containsOnly(backends.get(0));
    }

    @Test
    void aSpringTransactionOutsideAnyBindingSeesNothing() {
        Seen seen = inSpringTransaction();
        assertThat(seen.orders()).isEmpty();
        assertThat(seen.jdbcOrders()).isZero();
        assertThat(seen.setting()).isEmpty();
    }
}
