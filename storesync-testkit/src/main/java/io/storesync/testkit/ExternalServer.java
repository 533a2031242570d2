package io.storesync.testkit;

import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import java.net.URI;

/**
 * A PostgreSQL server the developer or CI runs, named by {@code STORESYNC_TEST_JDBC_URL}; the user (from
 * {@code STORESYNC_TEST_USER}) must be allowed to create roles and databases.
 */
final class ExternalServer extends PostgresServer {
    private final String base;
    private final String adminDatabase;
    private final String user;
    private final String password;

    ExternalServer(String url, String user, String password) {
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new StoreSyncException(ErrorCode.CONFIGURATION,
                    URL_VARIABLE + " must be a jdbc:postgresql:// URL, got '" + url + "'");
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        this.base = "jdbc:postgresql://" + uri.getRawAuthority() + "/";
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        this.adminDatabase = path.isEmpty() ? "postgres" : path;
        this.user = user;
        this.password = password;
    }

    @Override
    String kind() {
        return "external";
    }

    @Override
    String jdbcUrl(String database) {
        return base + database;
    }

    @Override
    String adminDatabase() {
        return adminDatabase;
    }

    @Override
    String adminUser() {
        return user;
    }

    @Override
    String adminPassword() {
        return password;
    }
}
