package io.storesync.jpa;

import io.storesync.testkit.TestDatabase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Id;
import jakarta.persistence.PersistenceConfiguration;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.jpa.HibernatePersistenceProvider;

/** A deliberately wrong mapping of {@code orders} that Hibernate's schema validation accepts. */
@Entity
@Table(name = "orders")
@Immutable
class WrongOrderMapping {
    @Id
    @Column(name = "id", nullable = false)
    UUID id;

    @Column(name = "organization_id", nullable = false)
    UUID organizationId;

    @Column(name = "subtotal", nullable = false, precision = 10, scale = 4)
    BigDecimal subtotal;

    @Column(name = "total_amount", precision = 12, scale = 2)
    BigDecimal totalAmount;

    @Column(name = "currency", nullable = false)
    String currency;

    @Column(name = "shortfall_quantity")
    Integer shortfallQuantity;

    protected WrongOrderMapping() {}

    static EntityManagerFactory factory(TestDatabase db) {
        PersistenceConfiguration configuration = new PersistenceConfiguration("wrong-orders")
                .provider(HibernatePersistenceProvider.class.getName()).managedClass(WrongOrderMapping.class);
        configuration.properties(StoreSyncJpa.settings(db.appDataSource(), db.schema()));
        configuration.properties(Map.of("hibernate.hbm2ddl.auto", "validate"));
        return configuration.createEntityManagerFactory();
    }
}
