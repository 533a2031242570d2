package io.storesync.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.api.ErrorCode;
import io.storesync.jpa.model.Order;
import io.storesync.jpa.model.SyncJob;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.Sql;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hibernate.Session;
import org.hibernate.StatelessSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Writes through the read model are refused with {@link ReadOnlyModelException} before they reach the database:
 * persist, merge, remove, JPQL update/delete/insert, native insert/update/delete and a stateless session's delete; the
 * data is unchanged after.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadModelWritesIT {
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
    void everyWriteIsRefusedWithATypedErrorAndNothingChanges() throws SQLException {
        String before = snapshot();
        List<Consumer<EntityManager>> attempts = List.of(
                em -> em.persist(order(em)),
                em -> em.merge(order(em)),
                em -> {
                    Order detached = order(em);
                    em.detach(detached);
                    em.merge(detached);
                },
                em -> em.remove(order(em)),
                em -> em.createQuery("update Order o set o.notes = 'changed'").executeUpdate(),
                em -> em.createQuery("update SyncJob j set j.status = 'cancelled'").executeUpdate(),
                em -> em.createQuery("delete from SyncJob j").executeUpdate(),
                em -> em.createQuery("delete from InventoryTransaction t").executeUpdate(),
                em -> em.createQuery("insert into SyncLog (id, organizationId, syncJobId, level, message, createdAt)"
                        + " select :id, j.organizationId, j.id, 'info', 'x', j.createdAt from SyncJob j")
                        .setParameter("id", java.util.UUID.randomUUID()).executeUpdate(),
                em -> em.createNativeQuery("update orders set notes = 'changed'").executeUpdate(),
                em -> {
                    // a stateless session fires no persist/merge/remove events: the statement guard refuses its SQL
                    Order loaded = order(em);
                    try (StatelessSession stateless = em.unwrap(Session.class).getSessionFactory()
                            .withStatelessOptions().tenantIdentifier(data.a().id().value()).openStatelessSession()) {
                        stateless.getTransaction().begin();
                        try {
                            stateless.delete(loaded);
                        } finally {
                            stateless.getTransaction().rollback();
                        }
                    }
                },
                em -> em.createNativeQuery("DELETE FROM " + db.schema() + ".sync_jobs").executeUpdate(),
                em -> em.createNativeQuery("insert into stock_changes (organization_id, product_variant_id)"
                        + " select organization_id, id from product_variants").executeUpdate(),
                // V14's tables: the application role may insert audit rows and update retention settings, so only
                // the read model's guard stands between these statements and the database
                em -> em.createNativeQuery("insert into audit_events (organization_id, actor_kind, actor_id, action)"
                        + " select id, 'system', 'forged', 'forged.action' from organizations").executeUpdate(),
                em -> em.createQuery("update RetentionSettings r set r.syncLogsDays = 1").executeUpdate());
        List<String> refusals = new ArrayList<>();
        for (Consumer<EntityManager> attempt : attempts) {
            try (EntityManager em = openFor(data.a())) {
                em.getTransaction().begin();
                assertThatThrownBy(() -> attempt.accept(em))
                        .isInstanceOf(ReadOnlyModelException.class)
                        .hasMessageContaining("read-only")
                        .satisfies(e -> refusals.add(e.getMessage()))
                        .satisfies(e -> assertThat(((ReadOnlyModelException) e).code()).isEqualTo(ErrorCode.VALIDATION));
                // even a commit after the refusal writes nothing
                if (em.getTransaction().getRollbackOnly()) em.getTransaction().rollback();
                else em.getTransaction().commit();
            }
        }
        assertThat(refusals).hasSize(attempts.size()).hasSize(15);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aLoadedEntityChangedByReflectionIsNotWrittenAtCommit() throws Exception {
        // no setters; even a field changed behind Hibernate's back is not flushed (@Immutable skips dirty checking)
        try (EntityManager em = openFor(data.a())) {
            em.getTransaction().begin();
            SyncJob job = em.createQuery("select j from SyncJob j", SyncJob.class).setMaxResults(1).getSingleResult();
            var status = SyncJob.class.getDeclaredField("status");
            status.setAccessible(true);
            String was = job.getStatus();
            status.set(job, "cancelled".equals(was) ? "pending" : "cancelled");
            em.getTransaction().commit();
            em.clear();
            em.getTransaction().begin();
            assertThat(em.find(SyncJob.class, job.getId()).getStatus()).isEqualTo(was);
            em.getTransaction().rollback();
        }
    }

    private EntityManager openFor(EngineData.Tenant tenant) {
        StoreSyncJpa.TenantBinding binding = StoreSyncJpa.bind(tenant.id());
        try {
            return emf.createEntityManager();
        } finally {
            binding.close();
        }
    }

    private Order order(EntityManager em) {
        return em.find(Order.class, data.a().orderId());
    }

    /** What every attempt could have changed, read with plain JDBC in tenant A. */
    private String snapshot() throws SQLException {
        try (Connection c = Sql.tenant(db.appDataSource(), db.schema(), data.a().id().value())) {
            String s = Sql.scalar(c, "SELECT count(*) FROM orders WHERE notes IS NOT NULL") + "/"
                    + Sql.scalar(c, "SELECT count(*) FROM orders") + "/"
                    + Sql.scalar(c, "SELECT count(*) FROM sync_jobs") + "/"
                    + Sql.scalar(c, "SELECT count(*) FROM sync_jobs WHERE status = 'cancelled'") + "/"
                    + Sql.scalar(c, "SELECT count(*) FROM sync_logs") + "/"
                    + Sql.scalar(c, "SELECT count(*) FROM inventory_transactions") + "/"
                    + Sql.scalar(c, "SELECT count(*) FROM stock_changes") + "/"
                    + Sql.scalar(c, "SELECT count(*) FROM audit_events") + "/"
                    + Sql.scalar(c, "SELECT coalesce(sum(sync_logs_days), -1) FROM retention_settings");
            c.commit();
            return s;
        }
    }
}
