package io.storesync.testkit;

import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * PostgreSQL 17 in a container, for hosts with a Docker engine; chosen with
 * {@code -Dstoresync.test.database=testcontainers}. Needs {@code org.testcontainers:postgresql} on the classpath.
 */
final class ContainerServer extends PostgresServer {
    private final PostgreSQLContainer<?> container;

    @SuppressWarnings("resource") // closed in stop()
    ContainerServer() {
        try {
            container = new PostgreSQLContainer<>("postgres:17-alpine");
            container.start();
        } catch (RuntimeException | NoClassDefFoundError e) {
            throw new StoreSyncException(ErrorCode.CONFIGURATION,
                    "could not start PostgreSQL with Testcontainers (is a Docker engine running?)", e);
        }
    }

    /** Whether a Docker engine answers; the Testcontainers backend is usable only then. */
    static boolean dockerAvailable() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | NoClassDefFoundError e) {
            return false;
        }
    }

    @Override
    String kind() {
        return "testcontainers";
    }

    @Override
    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/" + database;
    }

    @Override
    String adminDatabase() {
        return container.getDatabaseName();
    }

    @Override
    String adminUser() {
        return container.getUsername();
    }

    @Override
    String adminPassword() {
        return container.getPassword();
    }

    @Override
    void stop() {
        container.stop();
    }
}
