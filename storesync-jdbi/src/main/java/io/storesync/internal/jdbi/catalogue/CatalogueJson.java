package io.storesync.internal.jdbi.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import io.storesync.api.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The catalogue's JSON columns as the API's maps and lists. Decimals are read as {@code BigDecimal} so that a price
 * kept in an attribute does not come back as a binary double.
 */
final class CatalogueJson {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final TypeReference<Map<String, @Nullable Object>> MAP = new TypeReference<>() {};

    private CatalogueJson() {}

    static @Nullable String write(@Nullable Object value) {
        if (value == null) return null;
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ValidationException("value cannot be stored as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static @Nullable Map<String, @Nullable Object> object(@Nullable String json) {
        if (json == null) return null;
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    /** Image lists hold URLs; an element written by other means as a non-string is returned as its JSON text. */
    static List<String> textList(String json) {
        try {
            JsonNode array = JSON.readTree(json);
            List<String> out = new ArrayList<>(array.size());
            for (JsonNode element : array) out.add(element.isTextual() ? element.asText() : element.toString());
            return out;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    private static StoreSyncException malformed(Exception e) {
        return new StoreSyncException(ErrorCode.INTERNAL, "the database returned malformed JSON", e);
    }
}
