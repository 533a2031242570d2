package io.storesync.jdbi;

import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates and upgrades StoreSync's schema. Run it as the role that should own the tables, before building
 * {@code StoreSync}; it is safe to run on every start and from several instances at once (Flyway locks).
 *
 * <p>StoreSync keeps its own history table, {@value #HISTORY_TABLE}, in its own schema, so it never collides with
 * the host application's Flyway.
 */
public final class StoreSyncMigrations {
    /** Where the migrations live on the classpath. */
    public static final String LOCATION = "classpath:io/storesync/db/migration";
    /** StoreSync's Flyway history table. */
    public static final String HISTORY_TABLE = "storesync_schema_history";
    /** The schema unless another is chosen. */
    public static final String DEFAULT_SCHEMA = "storesync";
    /** The application role unless another is chosen. */
    public static final String DEFAULT_APPLICATION_ROLE = "storesync_app";

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private StoreSyncMigrations() {}

    /** Migrates schema {@value #DEFAULT_SCHEMA}, granting role {@value #DEFAULT_APPLICATION_ROLE}. */
    public static int migrate(DataSource ownerDataSource) {
        return migrate(ownerDataSource, DEFAULT_SCHEMA, DEFAULT_APPLICATION_ROLE);
    }

    /**
     * Migrates {@code schema} (created when missing) and grants {@code applicationRole}, which must exist, what the
     * SDK needs: read and write on tenant tables, read on reference data, append on the stock ledger.
     *
     * @return the number of migrations applied
     * @throws StoreSyncException with {@link ErrorCode#CONFIGURATION} when a name is not a plain identifier or a
     *     migration fails
     */
    public static int migrate(DataSource ownerDataSource, String schema, String applicationRole) {
        Objects.requireNonNull(ownerDataSource, "ownerDataSource");
        requireIdentifier("schema", schema);
        requireIdentifier("applicationRole", applicationRole);
        try {
            MigrateResult result = flyway(ownerDataSource, schema, applicationRole).migrate();
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            throw new StoreSyncException(ErrorCode.CONFIGURATION,
                    "migrating schema " + schema + " failed: " + e.getMessage(), e);
        }
    }

    static Flyway flyway(DataSource dataSource, String schema, String applicationRole) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .table(HISTORY_TABLE)
                .locations(LOCATION)
                .placeholders(Map.of("applicationRole", applicationRole))
                .validateMigrationNaming(true)
                .load();
    }

    private static void requireIdentifier(String what, String value) {
        Objects.requireNonNull(value, what);
        if (!IDENTIFIER.matcher(value).matches()) {
            throw new StoreSyncException(ErrorCode.CONFIGURATION,
                    what + " must be a lower-case SQL identifier, got '" + value + "'");
        }
    }
}
