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

/** Turns driver and JDBI failures into StoreSync's exception hierarchy, so neither ever crosses the API. */
public final class SqlErrors {
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

    public static StoreSyncException translate(Throwable e) {
        if (e instanceof StoreSyncException s) return s;
        String state = sqlState(e);
        ServerErrorMessage server = serverMessage(e);
        String detail = describe(server);
        if (state == null) return new StoreSyncException(ErrorCode.INTERNAL, "database access failed: " + e, e);
        return switch (state) {
            case "23505" -> new ConflictException("already exists: " + detail, e);
            case "23503" -> new NotFoundException("refers to something that does not exist: " + detail, e);
            case "23514", "23502", "22001", "22003", "22P02", "22007", "22008" ->
                    new ValidationException("rejected by the database: " + detail, e);
            case "42501" -> server != null && server.getMessage() != null
                            && server.getMessage().contains("row-level security")
                    ? new AccessDeniedException("the row belongs to another organization: " + detail, e)
                    : new AccessDeniedException("the database role lacks a privilege: " + detail, e);
            case "P0002" -> new TenantMissingException("no organization is set for this work", e);
            default -> new StoreSyncException(ErrorCode.INTERNAL, "database failure " + state + ": " + detail, e);
        };
    }

    private static String describe(@Nullable ServerErrorMessage m) {
        if (m == null) return "no details";
        StringBuilder s = new StringBuilder(String.valueOf(m.getMessage()));
        if (m.getDetail() != null) s.append(" (").append(m.getDetail()).append(')');
        if (m.getConstraint() != null) s.append(" [").append(m.getConstraint()).append(']');
        return s.toString();
    }
}
