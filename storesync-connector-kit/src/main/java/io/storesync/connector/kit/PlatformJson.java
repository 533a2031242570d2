package io.storesync.connector.kit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.storesync.spi.connector.ConnectorException;
import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Jackson set up for marketplace JSON, and reading that never lets a Jackson exception escape:
 * <ul>
 * <li>ids survive whatever their size: a JSON number read into a {@code String} keeps its exact digits (bind ids to
 * {@code String}, never {@code long} or {@code double}); untyped numbers become {@code BigInteger}/{@code BigDecimal};</li>
 * <li>money is exact: decimals read as {@code BigDecimal} keeping their scale ({@code 19.90} stays {@code 19.90}),
 * and are written plain ({@code 100}, not {@code 1E+2});</li>
 * <li>unknown fields are ignored, unknown enum values become the {@code @JsonEnumDefaultValue} constant or
 * {@code null}, a single value is accepted where a list is declared (Shopee's {@code warning});</li>
 * <li>content after the first JSON value is an error (a concatenated or corrupted body is not half-read);</li>
 * <li>error messages never quote the body (it may hold tokens).</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class PlatformJson {
    private final ObjectMapper mapper;
    private final ConnectorErrors errors;

    private PlatformJson(ObjectMapper mapper, ConnectorErrors errors) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /** Reading for one platform with {@link #newMapper()}; malformed bodies are reported through {@code errors}. */
    public static PlatformJson of(ConnectorErrors errors) {
        return new PlatformJson(newMapper(), errors);
    }

    /** Reading with a mapper of the caller's (start from {@link #newMapper()} and add modules). */
    public static PlatformJson of(ObjectMapper mapper, ConnectorErrors errors) {
        return new PlatformJson(mapper, errors);
    }

    /** A new mapper configured as described above; callers may register more modules on it. */
    public static JsonMapper newMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(SerializationFeature.INDENT_OUTPUT)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert);
        return mapper;
    }

    /** The mapper, for what this class does not wrap. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** The body as a tree; a body that is not JSON becomes a {@link ConnectorException}. */
    public JsonNode readTree(ConnectorResponse response) {
        return readTree(response.body(), response.status(), null);
    }

    /** The body bound to a type; a body that is not JSON or not of that shape becomes a {@link ConnectorException}. */
    public <T> T read(ConnectorResponse response, Class<T> type) {
        try {
            T value = mapper.readValue(response.body(), type);
            if (value == null) throw errors.malformedBody(response.status(), null, "empty or null body");
            return value;
        } catch (IOException e) {
            throw errors.malformedBody(response.status(), null, describe(e));
        }
    }

    /** Part of a tree (such as the envelope's {@code data}) bound to a type; a mismatch is a {@link ConnectorException}. */
    public <T> T convert(JsonNode node, Class<T> type, int httpStatus, @Nullable String requestId) {
        try {
            T value = mapper.treeToValue(node, type);
            if (value == null) throw errors.malformedBody(httpStatus, requestId, "missing " + type.getSimpleName());
            return value;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw errors.malformedBody(httpStatus, requestId, describe(e));
        }
    }

    /** A value serialized once to the bytes that will be signed and sent. */
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + value.getClass().getName() + ": "
                    + describe(e), e);
        }
    }

    JsonNode readTree(byte[] body, int status, @Nullable String requestId) {
        try {
            JsonNode tree = mapper.readTree(body);
            if (tree == null || tree.isMissingNode()) throw errors.malformedBody(status, requestId, "empty body");
            return tree;
        } catch (IOException e) {
            throw errors.malformedBody(status, requestId, describe(e));
        }
    }

    /** Names the failure and where it happened, never the offending content. */
    static String describe(Exception e) {
        StringBuilder s = new StringBuilder(e.getClass().getSimpleName());
        if (e instanceof JsonMappingException d && !d.getPath().isEmpty()) {
            s.append(" at ").append(d.getPathReference());
        } else if (e instanceof JsonProcessingException j && j.getLocation() != null) {
            s.append(" at line ").append(j.getLocation().getLineNr()).append(", column ")
                    .append(j.getLocation().getColumnNr());
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "PlatformJson[" + errors.platform() + "]";
    }
}
