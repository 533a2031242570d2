package io.storesync.internal.jdbi;

import io.storesync.api.AccessDeniedException;
import io.storesync.api.ConflictException;
import io.storesync.api.ErrorCode;
import io.storesync.api.NotFoundException;
import io.storesync.api.StoreSyncException;
import io.storesync.api.TenantMissingException;
import io.storesync.api.ValidationException;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns driver and JDBI failures into StoreSync's exception hierarchy, so neither ever crosses the API. */
public final class SqlErrors {
    private static final Logger LOG = LoggerFactory.getLogger(SqlErrors.class);

    private SqlErrors() {}

    public static boolean isTransient(Throwable e) {
        String state = sqlState(e);
        return "40001".equals(state) || "40P01".equals(state);
    }

    public static @Nullable String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) return sql.getSQLState();
        }
        return null;
    }

    public static @Nullable String constraint(Throwable e) {
        ServerErrorMessage m = serverMessage(e);
        return m == null ? null : m.getConstraint();
    }

    private static @Nullable ServerErrorMessage serverMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p) return p.getServerErrorMessage();
        }
        return null;
    }

    /**
     * {@code translated}, a message of a repository's own, after logging {@code failure} at DEBUG; the failure is not
     * kept as the cause, since its driver and JDBI messages may quote row data (see {@link #translate}).
     */
    public static <T extends StoreSyncException> T instead(T translated, Throwable failure) {
        LOG.debug("database failure {} reported as: {}", sqlState(failure), translated.getMessage(), failure);
        return translated;
    }

    /**
     * The StoreSync exception for a database failure. The message names the kind of failure, the constraint, the table
     * and the column, never a value: PostgreSQL's {@code detail} ("Key (email)=(...)", "Failing row contains (...)")
     * and some primary messages ("invalid input syntax for type uuid: ...") quote row data, and the driver and JDBI
     * messages repeat both. So the failure is logged at DEBUG here and not kept as the cause, which hosts print with
     * the stack trace; only a failure without a SQLSTATE (an interrupt, a pool timeout) keeps its cause.
     */
    public static StoreSyncException translate(Throwable e) {
        if (e instanceof StoreSyncException s) return s;
        String state = sqlState(e);
        if (state == null) {
            return new StoreSyncException(ErrorCode.INTERNAL, "database access failed (" + e.getClass().getSimpleName() + ")", e);
        }
        LOG.debug("database failure {} translated; details follow", state, e);
        ServerErrorMessage server = serverMessage(e);
        String where = describe(server);
        return switch (state) {
            case "23505" -> new ConflictException("already exists: unique constraint" + where);
            case "23503" -> new NotFoundException("refers to something that does not exist: foreign key" + where);
            case "23514" -> new ValidationException("rejected by the database: check constraint" + where);
            case "23502" -> new ValidationException("rejected by the database: a required value is missing" + where);
            case "22001" -> new ValidationException("rejected by the database: a value is too long" + where);
            // program_limit_exceeded: a value past what PostgreSQL can index or store, e.g. a description whose words
            // overflow the search document's tsvector (1 MB); the input's size, not a fault of ours
            case "54000" -> new ValidationException("rejected by the database: a value is too large to store or index" + where);
            case "22003" -> new ValidationException("rejected by the database: a number is out of range" + where);
            case "22P02", "22007", "22008" -> new ValidationException("rejected by the database: a value has the wrong format" + where);
            case "42501" -> server != null && server.getMessage() != null
                            && server.getMessage().contains("row-level security")
                    ? new AccessDeniedException("the row belongs to another organization" + where)
                    : new AccessDeniedException("the database role lacks a privilege" + where);
            case "P0002" -> new TenantMissingException("no organization is set for this work" + where);
            default -> new StoreSyncException(ErrorCode.INTERNAL, "database failure " + state + where);
        };
    }

    /** Names only: constraint, table, column (each an identifier from the schema, never row data). */
    private static String describe(@Nullable ServerErrorMessage m) {
        if (m == null) return "";
        StringBuilder s = new StringBuilder();
        if (m.getConstraint() != null) s.append(' ').append(m.getConstraint());
        if (m.getTable() != null) s.append(s.length() == 0 ? " (" : " (on ").append(m.getTable());
        if (m.getColumn() != null) s.append(m.getTable() != null ? "." : " (column ").append(m.getColumn());
        if (m.getTable() != null || m.getColumn() != null) s.append(')');
        return s.toString();
    }
}
