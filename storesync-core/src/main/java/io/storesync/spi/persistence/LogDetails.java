package io.storesync.spi.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The structured part of a job log line: a flat object whose values are only text, numbers, booleans, lists of
 * text or null, so any store can write it as JSON without knowing the engine's types.
 *
 * @param values in the order written; read-only
 */
public record LogDetails(Map<String, @Nullable Object> values) {
    public LogDetails {
        Objects.requireNonNull(values, "values");
        Map<String, @Nullable Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), plain(v)));
        values = Collections.unmodifiableMap(copy);
    }

    /**
     * {@code of("pushed", 3, "sku", "A")}: numbers and booleans stay as they are, collections become lists of text,
     * anything else its {@code toString()}.
     */
    public static LogDetails of(@Nullable Object... pairs) {
        if (pairs.length % 2 != 0) throw new IllegalArgumentException("details come in name-value pairs");
        Map<String, @Nullable Object> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) values.put(String.valueOf(pairs[i]), pairs[i + 1]);
        return new LogDetails(values);
    }

    private static @Nullable Object plain(@Nullable Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) return v;
        if (v instanceof Collection<?> c) {
            List<String> out = new ArrayList<>(c.size());
            for (Object o : c) out.add(String.valueOf(o));
            return Collections.unmodifiableList(out);
        }
        return v.toString();
    }
}
