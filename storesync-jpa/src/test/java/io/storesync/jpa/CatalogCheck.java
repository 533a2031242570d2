package io.storesync.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Table;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.SqlTypes;

/**
 * What Hibernate's {@code hbm2ddl.auto=validate} does not check, checked against PostgreSQL's catalog: every relation
 * of the schema is mapped by an entity or listed as not mapped (with its reason); every column of a mapped table is
 * mapped or listed as not mapped; and each mapped column has the database's nullability, type, varchar length and
 * numeric precision and scale, a fixed-length {@code character(n)} as {@code CHAR} of length n, and a nullable
 * column no primitive field; an {@code organization_id} is the entity's
 * {@code @TenantId}. Reads {@code pg_catalog}, not
 * {@code information_schema}, so that a relation the application role has no grant on is still seen (and reported).
 */
final class CatalogCheck {
    /** Relations of the schema that no entity maps, and why. A table a later migration adds fails until listed here or mapped. */
    static final Map<String, String> TABLES_NOT_MAPPED = Map.of(
            "storesync_schema_history", "Flyway's history of StoreSync's migrations, not StoreSync data");

    /** Columns of mapped tables that are not mapped, and why. */
    static final Map<String, String> COLUMNS_NOT_MAPPED = Map.of(
            "stores.credentials", "the store's encrypted credentials: only the engine decrypts and reads them",
            "webhook_endpoints.secret", "a webhook signing secret",
            "sync_jobs.lease_token", "the running worker's lease credential (docs/trust-model.md)",
            "products.search_document", "generated tsvector for full-text search; no Java type, query it natively");

    private static final Pattern TYPE = Pattern.compile("([a-z ]+?)(?:\\((\\d+)(?:,(\\d+))?\\))?(\\[\\])?");

    record DbColumn(String table, String column, String type, boolean nullable, String generated) {}

    private CatalogCheck() {}

    /** Every relation (table, partitioned table, view, materialized view) of {@code schema} with its columns. */
    static Map<String, Map<String, DbColumn>> catalog(DataSource ds, String schema) throws SQLException {
        Map<String, Map<String, DbColumn>> tables = new TreeMap<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod),"
                     + " NOT a.attnotnull, a.attgenerated::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                     + " JOIN pg_attribute a ON a.attrelid = c.oid WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm')"
                     + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY 1, a.attnum")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DbColumn col = new DbColumn(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5));
                    tables.computeIfAbsent(col.table(), t -> new TreeMap<>()).put(col.column(), col);
                }
            }
        }
        return tables;
    }

    /** The problems found, one line each; empty when the entities match the schema. */
    static List<String> problems(EntityManagerFactory emf, List<Class<?>> entities, Map<String, Map<String, DbColumn>> catalog) {
        List<String> problems = new ArrayList<>();
        SessionFactoryImplementor sf = emf.unwrap(SessionFactoryImplementor.class);
        Map<String, Class<?>> mappedTables = new HashMap<>();
        for (Class<?> entity : entities) mappedTables.put(entity.getAnnotation(Table.class).name(), entity);

        for (String table : catalog.keySet()) {
            if (!mappedTables.containsKey(table) && !TABLES_NOT_MAPPED.containsKey(table)) {
                problems.add("table " + table + " has no entity in storesync-jpa: map it, or list it in"
                        + " CatalogCheck.TABLES_NOT_MAPPED with the reason");
            }
        }
        for (String table : TABLES_NOT_MAPPED.keySet()) {
            if (!catalog.containsKey(table)) problems.add("TABLES_NOT_MAPPED lists " + table + ", which does not exist");
            if (mappedTables.containsKey(table)) problems.add("TABLES_NOT_MAPPED lists " + table + ", which is mapped");
        }

        Set<String> mappedColumns = new TreeSet<>();
        for (Map.Entry<String, Class<?>> e : mappedTables.entrySet()) {
            String table = e.getKey();
            Class<?> entity = e.getValue();
            Map<String, DbColumn> columns = catalog.get(table);
            if (columns == null) {
                problems.add(entity.getSimpleName() + " maps table " + table + ", which does not exist");
                continue;
            }
            Map<String, Field> fields = columnFields(entity);
            Field tenantColumn = fields.get("organization_id");
            if (tenantColumn != null && tenantColumn.getAnnotation(org.hibernate.annotations.TenantId.class) == null) {
                problems.add(entity.getSimpleName() + ".organization_id has no @TenantId: Hibernate would not add the"
                        + " tenant to its queries");
            }
            EntityPersister persister = sf.getMappingMetamodel().getEntityDescriptor(entity);
            Set<String> seen = new TreeSet<>();
            org.hibernate.metamodel.mapping.SelectableConsumer consumer = (i, selectable) -> {
                String column = selectable.getSelectionExpression();
                mappedColumns.add(table + "." + column);
                if (!seen.add(column + "/" + selectable.isInsertable())) return;
                DbColumn db = columns.get(column);
                if (db == null) {
                    problems.add(table + "." + column + " is mapped by " + entity.getSimpleName() + " but does not exist");
                    return;
                }
                check(problems, db, selectable, fields.get(column));
            };
            persister.getIdentifierMapping().forEachSelectable(consumer);
            persister.forEachSelectable(consumer);
            for (String column : columns.keySet()) {
                String key = table + "." + column;
                if (!mappedColumns.contains(key) && !COLUMNS_NOT_MAPPED.containsKey(key)) {
                    problems.add(key + " (" + columns.get(column).type() + ") is not mapped by " + entity.getSimpleName()
                            + ": map it, or list it in CatalogCheck.COLUMNS_NOT_MAPPED with the reason");
                }
            }
        }
        for (String key : COLUMNS_NOT_MAPPED.keySet()) {
            String[] parts = key.split("\\.");
            if (!mappedTables.containsKey(parts[0])) continue;
            if (catalog.getOrDefault(parts[0], Map.of()).get(parts[1]) == null) {
                problems.add("COLUMNS_NOT_MAPPED lists " + key + ", which does not exist");
            }
            if (mappedColumns.contains(key)) problems.add("COLUMNS_NOT_MAPPED lists " + key + ", which is mapped");
        }
        return problems;
    }

    private static void check(List<String> problems, DbColumn db, SelectableMapping mapping, Field field) {
        String where = db.table() + "." + db.column();
        if (mapping.isNullable() != db.nullable()) {
            problems.add(where + " is " + (db.nullable() ? "nullable" : "NOT NULL") + " in the database but mapped "
                    + (mapping.isNullable() ? "nullable" : "not nullable"));
        }
        Matcher m = TYPE.matcher(db.type());
        if (!m.matches()) {
            problems.add(where + " has a type the check does not know: " + db.type());
            return;
        }
        String base = m.group(1);
        boolean array = m.group(4) != null;
        int jdbc = mapping.getJdbcMapping().getJdbcType().getDefaultSqlTypeCode();
        Class<?> javaType = field == null ? mapping.getJdbcMapping().getJavaTypeDescriptor().getJavaTypeClass() : field.getType();
        if (field != null && db.nullable() && javaType.isPrimitive()) {
            problems.add(where + " is nullable but mapped to primitive " + javaType.getName());
        }
        if (array) {
            expect(problems, where, base.equals("text") && jdbc == SqlTypes.ARRAY
                    && (List.class.isAssignableFrom(javaType) || javaType == String[].class), db.type(), javaType, jdbc);
            return;
        }
        switch (base) {
            case "uuid" -> expect(problems, where, javaType == UUID.class, db.type(), javaType, jdbc);
            case "text" -> expect(problems, where, javaType == String.class, db.type(), javaType, jdbc);
            case "character varying" -> {
                expect(problems, where, javaType == String.class, db.type(), javaType, jdbc);
                long length = Long.parseLong(m.group(2));
                if (mapping.getLength() == null || mapping.getLength() != length) {
                    problems.add(where + " is " + db.type() + " but mapped with length " + mapping.getLength());
                }
            }
            case "character" -> {
                expect(problems, where, javaType == String.class, db.type(), javaType, jdbc);
                long length = Long.parseLong(m.group(2));
                if (jdbc != SqlTypes.CHAR || mapping.getLength() == null || mapping.getLength() != length) {
                    problems.add(where + " is " + db.type() + " but mapped with JDBC type code " + jdbc + " and length "
                            + mapping.getLength());
                }
            }
            case "numeric" -> {
                expect(problems, where, javaType == BigDecimal.class, db.type(), javaType, jdbc);
                Integer precision = m.group(2) == null ? null : Integer.valueOf(m.group(2));
                Integer scale = m.group(3) == null ? null : Integer.valueOf(m.group(3));
                if (!java.util.Objects.equals(precision, mapping.getPrecision()) || !java.util.Objects.equals(scale, mapping.getScale())) {
                    problems.add(where + " is " + db.type() + " but mapped with precision " + mapping.getPrecision()
                            + " and scale " + mapping.getScale());
                }
            }
            case "jsonb" -> expect(problems, where, jdbc == SqlTypes.JSON, db.type(), javaType, jdbc);
            case "integer" -> expect(problems, where, javaType == int.class || javaType == Integer.class, db.type(), javaType, jdbc);
            case "smallint" -> expect(problems, where, javaType == short.class || javaType == Short.class, db.type(), javaType, jdbc);
            case "bigint" -> expect(problems, where, javaType == long.class || javaType == Long.class, db.type(), javaType, jdbc);
            case "boolean" -> expect(problems, where, javaType == boolean.class || javaType == Boolean.class, db.type(), javaType, jdbc);
            case "timestamp with time zone" -> expect(problems, where, javaType == Instant.class, db.type(), javaType, jdbc);
            case "bytea" -> expect(problems, where, javaType == byte[].class, db.type(), javaType, jdbc);
            default -> problems.add(where + " has a type the check does not know: " + db.type());
        }
        if (!db.generated().isEmpty() && (mapping.isInsertable() || mapping.isUpdateable())) {
            problems.add(where + " is generated by the database but mapped insertable or updatable");
        }
    }

    private static void expect(List<String> problems, String where, boolean ok, String dbType, Class<?> javaType, int jdbc) {
        if (!ok) problems.add(where + " is " + dbType + " but mapped to " + javaType.getName() + " (JDBC type code " + jdbc + ")");
    }

    private static Map<String, Field> columnFields(Class<?> entity) {
        Map<String, Field> fields = new HashMap<>();
        for (Field f : entity.getDeclaredFields()) {
            Column column = f.getAnnotation(Column.class);
            if (column != null) fields.put(column.name(), f);
        }
        return fields;
    }
}
