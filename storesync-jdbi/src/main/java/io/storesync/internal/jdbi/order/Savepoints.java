package io.storesync.internal.jdbi.order;

import io.storesync.api.ValidationException;
import io.storesync.internal.jdbi.SqlErrors;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Work under a savepoint, so that what one record's data makes the database refuse undoes that record alone: the
 * order ingestion's snapshots and the catalogue import's listings. Savepoints are plain SQL, as in the catalogue's
 * bulk upsert: JDBI forgets a savepoint once rolled back to, so it could not be released.
 */
public final class Savepoints {
    /** How much of the database's reason a refusal keeps: it may quote the refused value. */
    private static final int REASON = 300;

    private Savepoints() {}

    /**
     * Runs {@code work} under savepoint {@code name}. When it fails because of the data — the database refused it
     * (SQLSTATE classes 22, data exception, 23, integrity constraint violation, and 54, program limit exceeded) or the
     * engine did — the savepoint is rolled back, so the transaction goes on without the work's writes, and the failure
     * is rethrown: the database's as a {@link ValidationException} with its reason, the engine's as it was. Any other
     * failure (connection lost, deadlock, serialization) is rethrown untouched: the whole transaction must go.
     */
    public static <R> R run(Handle handle, String name, Supplier<R> work) {
        handle.execute("SAVEPOINT " + name);
        R result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            String state = SqlErrors.sqlState(e);
            boolean refusedData = state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
            if (state != null && !refusedData) throw e;
            try {
                handle.execute("ROLLBACK TO SAVEPOINT " + name);
                handle.execute("RELEASE SAVEPOINT " + name);
            } catch (RuntimeException rollback) {
                // the connection itself failed: the original failure says why, the transaction is lost either way
                e.addSuppressed(rollback);
                throw e;
            }
            if (refusedData) throw new ValidationException("the database refused it: " + reason(e, state), e);
            throw e;
        }
        handle.execute("RELEASE SAVEPOINT " + name);
        return result;
    }

    private static String reason(Throwable e, String state) {
        @Nullable String message = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                message = sql.getMessage();
                break;
            }
        }
        String text = (message == null ? "no details" : message.lines().findFirst().orElse("no details")) + " (SQLSTATE " + state + ")";
        return text.length() <= REASON ? text : text.substring(0, REASON) + "...";
    }
}
