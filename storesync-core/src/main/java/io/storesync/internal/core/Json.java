package io.storesync.internal.core;

/** A few JSON objects for sync_logs details, written by hand: core has no JSON library and needs only flat objects. */
public final class Json {
    private Json() {}

    /** {@code object("pushed", 3, "sku", "A")} → {@code {"pushed":3,"sku":"A"}}; numbers and booleans stay bare. */
    public static String object(Object... pairs) {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (i > 0) s.append(',');
            s.append(quote(String.valueOf(pairs[i]))).append(':');
            Object v = pairs[i + 1];
            if (v == null) s.append("null");
            else if (v instanceof Number || v instanceof Boolean) s.append(v);
            else if (v instanceof java.util.Collection<?> c) {
                s.append('[');
                int n = 0;
                for (Object o : c) {
                    if (n++ > 0) s.append(',');
                    s.append(quote(String.valueOf(o)));
                }
                s.append(']');
            } else s.append(quote(String.valueOf(v)));
        }
        return s.append('}').toString();
    }

    static String quote(String v) {
        return quote(new StringBuilder(v.length() + 2), v).toString();
    }

    /** Appends {@code v} to {@code s} as a JSON string (quotes, backslashes and control characters escaped). */
    public static StringBuilder quote(StringBuilder s, String v) {
        s.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) s.append(String.format("\\u%04x", (int) c));
                    else s.append(c);
                }
            }
        }
        return s.append('"');
    }
}
