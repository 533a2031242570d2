package io.storesync.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The read model against the Flyway-migrated schema, as the application role: Hibernate boots with
 * {@code hbm2ddl.auto=validate} and JPA 3.2's schema validation passes, and StoreSync's catalog check (what Hibernate's
 * validation misses: unmapped tables and columns, nullability, numeric precision and scale, varchar length) finds
 * nothing. A deliberately wrong mapping shows what the check catches and validation lets through.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class ReadModelSchemaIT {
    /**
     * Every relation of the schema as of V16 (V13 and V16 added no table; V14 added audit_events, erased_buyers,
     * retention_purges and retention_settings): the tables the entities map plus Flyway's history.
     */
    static final List<String> TABLES_AS_OF_V16 = List.of("audit_events", "erased_buyers", "inventory_items",
            "inventory_locations", "inventory_transactions", "listing_sync_state", "order_items", "orders",
            "organizations", "platforms", "product_variants", "products", "rate_limit_buckets", "retention_purges",
            "retention_settings", "stock_changes", "stock_idempotency_keys", "stock_push_pending",
            "store_product_mappings", "store_sync_state", "stores", "storesync_schema_history", "sync_jobs", "sync_logs",
            "users", "webhook_endpoints", "webhook_events");

    @Test
    void hibernateValidatesTheMigratedSchemaAndTheCatalogCheckFindsNothingMore(TestDatabase db) throws Exception {
        try (EntityManagerFactory emf = StoreSyncJpa.createEntityManagerFactory(db.appDataSource(), db.schema(),
                Map.of("hibernate.hbm2ddl.auto", "validate"))) {
            emf.getSchemaManager().validate();
            var catalog = CatalogCheck.catalog(db.appDataSource(), db.schema());
            List<String> problems = CatalogCheck.problems(emf, new ArrayList<>(StoreSyncJpa.entityClasses()), catalog);
            assertThat(problems).as("catalog check").isEmpty();
            assertThat(emf.getMetamodel().getEntities()).hasSize(StoreSyncJpa.entityClasses().size()).hasSize(26);
            int columns = catalog.values().stream().mapToInt(Map::size).sum();
            assertThat(columns).as("columns of the schema, 246 as of V11, 277 as of V16").isGreaterThanOrEqualTo(277);
        }
    }

    @Test
    void theCheckCoversEveryRelationOfTheSchema(TestDatabase db) throws Exception {
        // a migration that adds a table must add its entity (or a reason in TABLES_NOT_MAPPED): this list is what the
        // check treats as the full set today, and the check above fails for any relation outside it
        TreeSet<String> relations = new TreeSet<>(CatalogCheck.catalog(db.appDataSource(), db.schema()).keySet());
        TreeSet<String> covered = new TreeSet<>(StoreSyncJpa.tableNames());
        covered.addAll(CatalogCheck.TABLES_NOT_MAPPED.keySet());
        assertThat(relations).isEqualTo(covered);
        assertThat(covered).containsExactlyElementsOf(TABLES_AS_OF_V16);
    }

    @Test
    void theCheckCatchesWhatHibernateValidationLetsThrough(TestDatabase db) throws Exception {
        // WrongOrderMapping maps orders with wrong precision/scale, NOT NULL columns as nullable, a wrong varchar
        // length, an organization_id without @TenantId, and leaves most columns out: Hibernate's validation accepts it
        try (EntityManagerFactory wrong = WrongOrderMapping.factory(db)) {
            wrong.getSchemaManager().validate();
            var catalog = CatalogCheck.catalog(db.appDataSource(), db.schema());
            catalog.keySet().retainAll(List.of("orders"));
            List<String> problems = CatalogCheck.problems(wrong, List.of(WrongOrderMapping.class), catalog);
            assertThat(problems).anyMatch(p -> p.startsWith("orders.subtotal is numeric(12,2) but mapped with precision 10 and scale 4"))
                    .anyMatch(p -> p.equals("orders.total_amount is NOT NULL in the database but mapped nullable"))
                    .anyMatch(p -> p.startsWith("orders.currency is character varying(3) but mapped with length 255"))
                    .anyMatch(p -> p.equals("orders.shortfall_quantity is NOT NULL in the database but mapped nullable"))
                    .anyMatch(p -> p.startsWith("orders.customer_info (jsonb) is not mapped"))
                    .anyMatch(p -> p.startsWith("WrongOrderMapping.organization_id has no @TenantId"));
        }
    }
}
