package io.storesync.samples.spring.reports;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The host's own table, in the host's own schema: created as the owner role (the application role may not create
 * schemas), with only what the application needs granted to the application role. A real host would keep this in
 * its own migrations (its own Flyway history, beside StoreSync's); the sample keeps it in one idempotent step.
 */
@Component("hostSchema")
class HostSchema implements InitializingBean {
    static final String SCHEMA = "sample_host";

    private final String url;
    private final String owner;
    private final String ownerPassword;
    private final String applicationRole;

    HostSchema(@Value("${spring.datasource.url}") String url,
               @Value("${storesync.migration.user}") String owner,
               @Value("${storesync.migration.password:}") String ownerPassword,
               @Value("${spring.datasource.username}") String applicationRole) {
        this.url = url;
        this.owner = owner;
        this.ownerPassword = ownerPassword;
        this.applicationRole = applicationRole;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        String role = '"' + applicationRole.replace("\"", "\"\"") + '"';
        try (Connection c = DriverManager.getConnection(url, owner, ownerPassword); Statement s = c.createStatement()) {
            s.execute("create schema if not exists " + SCHEMA);
            s.execute("create table if not exists " + SCHEMA + ".store_regions ("
                    + "store_id uuid primary key, region varchar(100) not null)");
            s.execute("grant usage on schema " + SCHEMA + " to " + role);
            s.execute("grant select, insert, update, delete on " + SCHEMA + ".store_regions to " + role);
        }
    }
}
