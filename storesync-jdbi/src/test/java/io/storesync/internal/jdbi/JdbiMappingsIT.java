package io.storesync.internal.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.fasterxml.jackson.databind.JsonNode;
import io.storesync.api.ConflictException;
import io.storesync.api.ValidationException;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StockBuffer;
import io.storesync.api.store.StoreId;
import io.storesync.api.store.StoreSettings;
import io.storesync.internal.core.store.StoreSettingsCodec.InvalidStoreSettingException;
import io.storesync.spi.persistence.CredentialEnvelope;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.jdbi.v3.core.generic.GenericType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The type mappings and error translation of the persistence layer, against the real schema. */
@ExtendWith(StoreSyncDatabaseExtension.class)
class JdbiMappingsIT {

    @Test
    void jsonbTimestamptzNumericAndTextArraysRoundTrip(TestDatabase db) {
        JdbiPersistence persistence = new JdbiPersistence(db.appDataSource(), db.schema());
        OrganizationId org = OrganizationId.random();
        Instant orderedAt = Instant.parse("2026-11-25T01:02:03.456789Z");
        JsonNode customer = JdbiMappings.toTree(Map.of("name", "Budi", "phone", "+62 812", "tags", List.of(1, 2)));
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Jakarta")); // an Instant must not depend on the JVM's zone
        try {
            persistence.inTenant(org, tx -> tx.organizations().insert(org, "Mapping",
                    "mapping-" + org.value().toString().substring(0, 8)));
            Map<String, Object> back = persistence.jdbi().inTransaction(h -> {
                persistence.enterTenant(h, org);
                var store = h.createQuery("INSERT INTO stores (organization_id, platform_id, name, platform_store_id, credentials)"
                                + " SELECT :org, id, 's', '1', :creds FROM platforms WHERE name = 'shopee' RETURNING id")
                        .bind("org", org.value()).bind("creds", JdbiMappings.toTree(Map.of("k", "v")))
                        .mapTo(java.util.UUID.class).one();
                h.createUpdate("INSERT INTO orders (organization_id, store_id, platform_order_id, customer_info, status,"
                                + " subtotal, total_amount, ordered_at, tags) VALUES (:org, :store, 'SN', :customer, 'unpaid',"
                                + " :subtotal, :total, :orderedAt, :tags)")
                        .bind("org", org.value()).bind("store", store).bind("customer", customer)
                        .bind("subtotal", new BigDecimal("12345.67")).bind("total", new BigDecimal("0.10"))
                        .bind("orderedAt", orderedAt)
                        .bindByType("tags", List.of("vip", "re-order"), new GenericType<List<String>>() {})
                        .execute();
                return h.createQuery("SELECT customer_info, subtotal, total_amount, ordered_at, tags FROM orders")
                        .map((rs, ctx) -> Map.<String, Object>of(
                                "customer", ctx.findColumnMapperFor(JsonNode.class).orElseThrow().map(rs, "customer_info", ctx),
                                "subtotal", rs.getBigDecimal("subtotal"),
                                "total", rs.getBigDecimal("total_amount"),
                                "orderedAt", ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "ordered_at", ctx),
                                "tags", ctx.findColumnMapperFor(new GenericType<List<String>>() {}).orElseThrow().map(rs, "tags", ctx)))
                        .one();
            });
            assertThat(back.get("customer")).isEqualTo(customer);
            assertThat(back.get("subtotal")).isEqualTo(new BigDecimal("12345.67"));
            assertThat(back.get("total")).isEqualTo(new BigDecimal("0.10"));
            assertThat(back.get("orderedAt")).isEqualTo(orderedAt);
            assertThat(back.get("tags")).isEqualTo(List.of("vip", "re-order"));
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void databaseFailuresArriveAsTypedExceptionsAndChangeNothing(TestDatabase db) {
        JdbiPersistence persistence = new JdbiPersistence(db.appDataSource(), db.schema());
        OrganizationId org = OrganizationId.random();
        String slug = "errors-" + org.value().toString().substring(0, 8);
        persistence.inTenant(org, tx -> tx.organizations().insert(org, "Errors", slug));

        OrganizationId second = OrganizationId.random();
        assertThatThrownBy(() -> persistence.inTenant(second, tx -> tx.organizations().insert(second, "Copy", slug)))
                .isInstanceOf(ConflictException.class).hasMessageContaining(slug);
        assertThatThrownBy(() -> persistence.inTenant(org, tx -> persistence.jdbi().withHandle(h -> {
            persistence.enterTenant(h, org);
            return h.createUpdate("UPDATE organizations SET name = '' WHERE id = :id").bind("id", org.value()).execute();
        }))).isInstanceOf(ValidationException.class).hasMessageContaining("organizations_name_not_blank");
        assertThat(persistence.inTenant(org, tx -> tx.organizations().find()).orElseThrow().name()).isEqualTo("Errors");
        java.util.Optional<?> none = persistence.inTenant(second, tx -> tx.organizations().find());
        assertThat(none).isEmpty();
    }

    @Test
    void storeSettingsAreStoredAsTheCodecsDocumentAndABadStoredValueNamesItsKey(TestDatabase db) {
        JdbiPersistence persistence = new JdbiPersistence(db.appDataSource(), db.schema());
        OrganizationId org = OrganizationId.random();
        StoreId id = StoreId.random();
        StoreSettings settings = new StoreSettings(Duration.ofSeconds(45), StockBuffer.percent(10), false, Duration.ofHours(3));
        persistence.inTenant(org, tx -> {
            tx.organizations().insert(org, "Settings", "settings-" + org.value().toString().substring(0, 8));
            return tx.stores().insert(id, "shopee", "s", "shop-1", new CredentialEnvelope(1, "k1", new byte[12], new byte[16]),
                    settings, null, null);
        });

        // SQL elsewhere reads single keys (push candidates read push_stock): the document must carry them as JSON types
        Map<String, Object> stored = persistence.jdbi().inTransaction(h -> {
            persistence.enterTenant(h, org);
            return h.createQuery("SELECT jsonb_typeof(settings -> 'push_stock') AS push_type,"
                            + " settings ->> 'order_poll_interval_seconds' AS poll, settings #>> '{stock_buffer,kind}' AS kind"
                            + " FROM stores WHERE id = :id")
                    .bind("id", id.value())
                    .map((rs, ctx) -> Map.<String, Object>of("push_type", rs.getString("push_type"), "poll", rs.getString("poll"),
                            "kind", rs.getString("kind")))
                    .one();
        });
        assertThat(stored).containsEntry("push_type", "boolean").containsEntry("poll", "45").containsEntry("kind", "percent");
        assertThat(persistence.inTenant(org, tx -> tx.stores().find(id)).orElseThrow().settings()).isEqualTo(settings);

        persistence.jdbi().useTransaction(h -> {
            persistence.enterTenant(h, org);
            h.createUpdate("UPDATE stores SET settings = settings || '{\"push_stock\": \"yes\"}'::jsonb WHERE id = :id")
                    .bind("id", id.value()).execute();
        });
        assertThatThrownBy(() -> persistence.inTenant(org, tx -> tx.stores().find(id)))
                .isInstanceOf(InvalidStoreSettingException.class).hasMessageContaining("'push_stock'");
    }
}
