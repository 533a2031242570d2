package io.storesync.internal.jdbi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import io.storesync.api.ValidationException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PGobject;

/**
 * The type mappings StoreSync relies on: {@code jsonb} ↔ Jackson {@link JsonNode}, {@code timestamptz} ↔
 * {@link Instant} (through {@link OffsetDateTime}, never the JVM's zone), {@code text[]} ↔ {@code List<String>};
 * {@code numeric} ↔ {@code BigDecimal} and {@code uuid} ↔ {@code UUID} are JDBI's and pgjdbc's own.
 */
public final class JdbiMappings {
    public static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private JdbiMappings() {}

    static void register(Jdbi jdbi) {
        jdbi.registerArgument(new JsonbArgumentFactory());
        jdbi.registerColumnMapper(JsonNode.class, (rs, col, ctx) -> readTree(rs.getString(col)));
        jdbi.registerArgument(new InstantArgumentFactory());
        jdbi.registerColumnMapper(Instant.class, (rs, col, ctx) -> {
            OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        });
        jdbi.registerArrayType(String.class, "text");
        jdbi.registerArrayType(java.util.UUID.class, "uuid");
        jdbi.registerArrayType(java.math.BigDecimal.class, "numeric");
        jdbi.registerArrayType(Integer.class, "integer");
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    public static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static @Nullable JsonNode readTree(@Nullable String json) {
        if (json == null) return null;
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StoreSyncException(ErrorCode.INTERNAL, "the database returned malformed JSON", e);
        }
    }

    public static Map<String, Object> readMap(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new StoreSyncException(ErrorCode.INTERNAL, "the database returned malformed JSON", e);
        }
    }

    public static java.util.List<String> textArray(ResultSet rs, String column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? java.util.List.of() : java.util.Arrays.asList((String[]) array.getArray());
    }

    /** A {@code uuid[]} column; empty when it is null (as {@code array_agg} over no rows returns). */
    public static java.util.List<java.util.UUID> uuidArray(ResultSet rs, String column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? java.util.List.of() : java.util.List.of((java.util.UUID[]) array.getArray());
    }

    public static JsonNode toTree(@Nullable Object value) {
        try {
            return JSON.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("value cannot be stored as JSON: " + e.getMessage(), e);
        }
    }

    /** Binds a {@link JsonNode} as {@code jsonb}. */
    private static final class JsonbArgumentFactory extends AbstractArgumentFactory<JsonNode> {
        JsonbArgumentFactory() {
            super(Types.OTHER);
        }

        @Override
        protected Argument build(JsonNode value, ConfigRegistry config) {
            return (position, statement, ctx) -> {
                PGobject json = new PGobject();
                json.setType("jsonb");
                json.setValue(value.toString());
                statement.setObject(position, json);
            };
        }
    }

    /** Binds an {@link Instant} as {@code timestamptz} at UTC, whatever the JVM's default zone. */
    private static final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {
        InstantArgumentFactory() {
            super(Types.TIMESTAMP_WITH_TIMEZONE);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, ctx) ->
                    statement.setObject(position, value.atOffset(java.time.ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }
}
