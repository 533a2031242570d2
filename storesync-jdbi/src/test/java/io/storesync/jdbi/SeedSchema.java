package io.storesync.jdbi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's schema document, read as written: every {@code CREATE TABLE} block of the seed with its columns,
 * unique constraints and foreign keys, so the conformance test checks the migrations against the document itself.
 */
record SeedSchema(List<Table> tables) {

    record Table(String name, List<Column> columns, List<List<String>> uniques, List<ForeignKey> foreignKeys) {}

    record Column(String name, String type, boolean notNull, String defaultValue) {}

    record ForeignKey(String column, String referencedTable, String referencedColumn, String onDelete) {}

    private static final Pattern BLOCK = Pattern.compile("CREATE TABLE (\\w+) \\((.*?)\\n\\);", Pattern.DOTALL);
    private static final Pattern COLUMN = Pattern.compile(
            "^(\\w+) ((?:VARCHAR|DECIMAL)\\([0-9, ]+\\)|TEXT\\[\\]|[A-Z]+)(.*)$");
    private static final Pattern DEFAULT = Pattern.compile("DEFAULT ('[^']*'|[\\w.]+\\(\\)|\\w+)");
    private static final Pattern REFERENCES = Pattern.compile("REFERENCES (\\w+)\\((\\w+)\\)(?: ON DELETE (CASCADE|SET NULL|RESTRICT))?");
    private static final Pattern TABLE_UNIQUE = Pattern.compile("^UNIQUE\\(([\\w, ]+)\\)$");

    static SeedSchema load() {
        try (InputStream in = SeedSchema.class.getResourceAsStream("/seed/storesync-schema.md")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SeedSchema parse(String document) {
        List<Table> tables = new ArrayList<>();
        Matcher block = BLOCK.matcher(document);
        while (block.find()) {
            List<Column> columns = new ArrayList<>();
            List<List<String>> uniques = new ArrayList<>();
            List<ForeignKey> fks = new ArrayList<>();
            for (String raw : block.group(2).split("\n")) {
                String line = raw.replaceAll("--.*$", "").trim().replaceAll(",$", "");
                if (line.isEmpty()) continue;
                Matcher unique = TABLE_UNIQUE.matcher(line);
                if (unique.matches()) {
                    uniques.add(List.of(unique.group(1).split("\\s*,\\s*")));
                    continue;
                }
                Matcher c = COLUMN.matcher(line);
                if (!c.matches()) throw new IllegalStateException("unparsed seed line: " + line);
                String name = c.group(1);
                String rest = c.group(3);
                boolean primaryKey = rest.contains("PRIMARY KEY");
                Matcher d = DEFAULT.matcher(rest);
                columns.add(new Column(name, c.group(2), primaryKey || rest.contains("NOT NULL"), d.find() ? d.group(1) : null));
                if (rest.contains("UNIQUE")) uniques.add(List.of(name));
                if (primaryKey) uniques.add(List.of(name));
                Matcher r = REFERENCES.matcher(rest);
                if (r.find()) {
                    fks.add(new ForeignKey(name, r.group(1), r.group(2),
                            r.group(3) == null ? "NO ACTION" : r.group(3).toUpperCase(Locale.ROOT)));
                }
            }
            tables.add(new Table(block.group(1), columns, uniques, fks));
        }
        return new SeedSchema(tables);
    }
}
