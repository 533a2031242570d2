package io.storesync.jpa;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Refuses, with a {@link ReadOnlyModelException} and before it reaches the database, every SQL statement Hibernate
 * is about to prepare that inserts into, updates, deletes from, merges into or truncates one of StoreSync's tables:
 * JPQL/HQL {@code update}/{@code delete}/{@code insert}, native SQL through the session, a stateless session, a flush.
 * Statements on the host's own tables pass (to the host's inspector, if one is wrapped).
 *
 * <p>Installed by {@link StoreSyncJpa#settings} as {@code hibernate.session_factory.statement_inspector}, together with
 * {@code hibernate.query.immutable_entity_update_query_handling_mode=allow} so that a JPQL mutation of an immutable
 * StoreSync entity is rendered to SQL and refused here, with this exception, rather than by Hibernate's generic one.
 */
public final class ReadOnlyStatementInspector implements StatementInspector {
    private static final long serialVersionUID = 1L;
    private static final Pattern WRITE = Pattern.compile(
            "\\b(insert\\s+into|update|delete\\s+from|merge\\s+into|truncate(?:\\s+table)?(?:\\s+only)?)\\s+"
                    + "(?:\"?[a-z_][a-z0-9_$]*\"?\\.)?\"?([a-z_][a-z0-9_$]*)\"?",
            Pattern.CASE_INSENSITIVE);

    private final Set<String> tables;
    private final StatementInspector next;

    /** Guards StoreSync's tables and passes every statement it lets through to {@code next}. */
    public ReadOnlyStatementInspector(StatementInspector next) {
        this.tables = StoreSyncJpa.tableNames();
        this.next = Objects.requireNonNull(next, "next");
    }

    /** Guards StoreSync's tables; no other inspector. */
    public ReadOnlyStatementInspector() {
        this(StatementInspector.NONE);
    }

    @Override
    public String inspect(String sql) {
        Matcher m = WRITE.matcher(sql);
        while (m.find()) {
            String table = m.group(2).toLowerCase(Locale.ROOT);
            if (tables.contains(table)) {
                throw new ReadOnlyModelException(m.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ") + " on "
                        + table + " refused: StoreSync's JPA model is read-only; change StoreSync's data through the"
                        + " StoreSync API");
            }
        }
        String inspected = next.inspect(sql);
        return inspected == null ? sql : inspected;
    }
}
