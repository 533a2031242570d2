package io.storesync.samples.spring;

import com.zaxxer.hikari.HikariDataSource;
import io.storesync.testkit.TestDatabase;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The sample's properties for a test database: the two roles, the schema, a fresh credential key. */
final class SampleProperties {
    private SampleProperties() {}

    static void register(DynamicPropertyRegistry registry, TestDatabase db) {
        HikariDataSource app = (HikariDataSource) db.appDataSource();
        HikariDataSource owner = (HikariDataSource) db.ownerDataSource();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        registry.add("spring.datasource.url", db::jdbcUrl);
        registry.add("spring.datasource.username", app::getUsername);
        registry.add("spring.datasource.password", app::getPassword);
        registry.add("storesync.migration.user", owner::getUsername);
        registry.add("storesync.migration.password", owner::getPassword);
        registry.add("storesync.schema", db::schema);
        registry.add("storesync.credential-keys.keys.k1", () -> Base64.getEncoder().encodeToString(key));
        // the website simulator listens on plain HTTP on localhost
        registry.add("storesync.connectors.custom_website.values.allow_http", () -> "true");
    }
}
