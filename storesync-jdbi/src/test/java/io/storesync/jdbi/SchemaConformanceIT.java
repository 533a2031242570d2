package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every table, column, type, nullability, default, unique constraint and foreign key of the seed document exists. */
@ExtendWith(StoreSyncDatabaseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaConformanceIT {
    private static final Pattern SIZED = Pattern.compile("(VARCHAR|DECIMAL)\\((\\d+)(?:,\\s*(\\d+))?\\)");

    private final SeedSchema seed = SeedSchema.load();
    private Connection connection;
    private String schema;

    @BeforeAll
    void connect(TestDatabase db) throws SQLException {
        connection = db.ownerDataSource().getConnection();
        schema = db.schema();
    }

    @Test
    void theSeedDocumentIsReadWhole() {
        assertThat(seed.tables()).extracting(SeedSchema.Table::name).containsExactly(
                "organizations", "users", "platforms", "stores", "products", "product_variants",
                "store_product_mappings", "inventory_locations", "inventory_items", "inventory_transactions",
                "orders", "order_items", "sync_jobs", "sync_logs", "webhook_endpoints", "webhook_events");
        assertThat(seed.tables()).allSatisfy(t -> assertThat(t.columns()).isNotEmpty());
    }

    @Test
    void everySeedColumnHasItsTypeNullabilityAndDefault() throws SQLException {
        List<String> problems = new ArrayList<>();
        for (SeedSchema.Table table : seed.tables()) {
            for (SeedSchema.Column column : table.columns()) {
                try (PreparedStatement ps = connection.prepareStatement(
                        "SELECT data_type, udt_name, character_maximum_length, numeric_precision, numeric_scale,"
                                + " is_nullable, column_default FROM information_schema.columns"
                                + " WHERE table_schema = ? AND table_name = ? AND column_name = ?")) {
                    ps.setString(1, schema);
                    ps.setString(2, table.name());
                    ps.setString(3, column.name());
                    try (ResultSet rs = ps.executeQuery()) {
                        String where = table.name() + "." + column.name();
                        if (!rs.next()) {
                            problems.add(where + " is missing");
                            continue;
                        }
                        String expectedType = expectedType(column.type());
                        String actualType = actualType(rs);
                        if (!expectedType.equals(actualType)) problems.add(where + " is " + actualType + ", seed says " + expectedType);
                        boolean nullable = "YES".equals(rs.getString("is_nullable"));
                        if (nullable == column.notNull()) problems.add(where + (nullable ? " is nullable" : " is NOT NULL") + " against the seed");
                        String expectedDefault = normalizeSeedDefault(column.defaultValue());
                        String actualDefault = normalizeDbDefault(rs.getString("column_default"));
                        if (!java.util.Objects.equals(expectedDefault, actualDefault)) {
                            problems.add(where + " defaults to " + actualDefault + ", seed says " + expectedDefault);
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everySeedUniqueConstraintExists() throws SQLException {
        Map<String, Set<Set<String>>> actual = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT c.relname, array_agg(a.attname::text ORDER BY a.attname) AS cols"
                        + " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (k.conkey)"
                        + " WHERE n.nspname = ? AND k.contype IN ('u', 'p') GROUP BY c.relname, k.oid")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Set<String> cols = new HashSet<>(List.of((String[]) rs.getArray("cols").getArray()));
                    actual.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(cols);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (SeedSchema.Table table : seed.tables()) {
            for (List<String> unique : table.uniques()) {
                checked++;
                if (!actual.getOrDefault(table.name(), Set.of()).contains(new HashSet<>(unique))) {
                    missing.add(table.name() + " UNIQUE" + unique);
                }
            }
        }
        assertThat(checked).as("seed unique constraints and primary keys checked").isGreaterThanOrEqualTo(16 + 6);
        assertThat(missing).isEmpty();
    }

    @Test
    void everySeedForeignKeyExistsWithItsDeleteRule() throws SQLException {
        Set<String> actual = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT c.relname AS tbl, a.attname AS col, rc.relname AS ref, ra.attname AS refcol, k.confdeltype"
                        + " FROM pg_constraint k"
                        + " JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " JOIN pg_class rc ON rc.oid = k.confrelid"
                        + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.conkey[1]"
                        + " JOIN pg_attribute ra ON ra.attrelid = rc.oid AND ra.attnum = k.confkey[1]"
                        + " WHERE n.nspname = ? AND k.contype = 'f' AND cardinality(k.conkey) = 1")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String rule = switch (rs.getString("confdeltype")) {
                        case "c" -> "CASCADE";
                        case "n" -> "SET NULL";
                        case "r" -> "RESTRICT";
                        default -> "NO ACTION";
                    };
                    actual.add(rs.getString("tbl") + "." + rs.getString("col") + " -> " + rs.getString("ref") + "("
                            + rs.getString("refcol") + ") ON DELETE " + rule);
                }
            }
        }
        List<String> expected = seed.tables().stream().flatMap(t -> t.foreignKeys().stream().map(fk ->
                t.name() + "." + fk.column() + " -> " + fk.referencedTable() + "(" + fk.referencedColumn()
                        + ") ON DELETE " + fk.onDelete())).toList();
        assertThat(expected).hasSizeGreaterThanOrEqualTo(18);
        assertThat(actual).containsAll(expected);
    }

    @Test
    void everyTenantTableCarriesOrganizationIdAndForcesRowLevelSecurity() throws SQLException {
        List<String> tenantTables = seed.tables().stream().map(SeedSchema.Table::name)
                .filter(t -> !t.equals("platforms") && !t.equals("organizations")).toList();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT c.relrowsecurity, c.relforcerowsecurity,"
                        + " EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organization_id'"
                        + "         AND a.attnotnull) AS has_org,"
                        + " EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid) AS has_policy"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            for (String table : tenantTables) {
                ps.setString(1, schema);
                ps.setString(2, table);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as(table).isTrue();
                    assertThat(rs.getBoolean("has_org")).as(table + " has organization_id NOT NULL").isTrue();
                    assertThat(rs.getBoolean("relrowsecurity")).as(table + " enables RLS").isTrue();
                    assertThat(rs.getBoolean("relforcerowsecurity")).as(table + " forces RLS").isTrue();
                    assertThat(rs.getBoolean("has_policy")).as(table + " has a policy").isTrue();
                }
            }
        }
    }

    @Test
    void migrationsKeepTheirOwnHistoryTableAndAreIdempotent(TestDatabase db) throws SQLException {
        assertThat(StoreSyncMigrations.migrate(db.ownerDataSource(), db.schema(), db.applicationRole())).isZero();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT count(*) FROM " + schema + "." + StoreSyncMigrations.HISTORY_TABLE + " WHERE success");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertThat(rs.getInt(1)).isPositive();
        }
    }

    private static String expectedType(String seedType) {
        Matcher m = SIZED.matcher(seedType);
        if (m.matches()) {
            return m.group(1).equals("VARCHAR") ? "character varying(" + m.group(2) + ")"
                    : "numeric(" + m.group(2) + "," + m.group(3) + ")";
        }
        return switch (seedType) {
            case "UUID" -> "uuid";
            case "TEXT" -> "text";
            case "TEXT[]" -> "text[]";
            case "JSONB" -> "jsonb";
            case "BOOLEAN" -> "boolean";
            case "INTEGER" -> "integer";
            case "TIMESTAMPTZ" -> "timestamp with time zone";
            default -> throw new IllegalStateException("seed type not mapped: " + seedType);
        };
    }

    private static String actualType(ResultSet rs) throws SQLException {
        String type = rs.getString("data_type");
        return switch (type) {
            case "character varying" -> type + "(" + rs.getInt("character_maximum_length") + ")";
            case "numeric" -> type + "(" + rs.getInt("numeric_precision") + "," + rs.getInt("numeric_scale") + ")";
            case "ARRAY" -> rs.getString("udt_name").substring(1) + "[]";
            default -> type;
        };
    }

    private static String normalizeSeedDefault(String seedDefault) {
        return seedDefault == null ? null : seedDefault.toLowerCase(Locale.ROOT);
    }

    /** {@code 'free'::character varying} → {@code 'free'}; {@code now()} stays; {@code true} stays. */
    private static String normalizeDbDefault(String dbDefault) {
        return dbDefault == null ? null : dbDefault.replaceAll("::[a-z ]+$", "").toLowerCase(Locale.ROOT);
    }
}
