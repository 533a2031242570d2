package io.storesync.spi.connector;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A webhook's headers (case-insensitive names) and raw body, exactly as received, for a connector to verify and parse. */
public record WebhookDelivery(Map<String, List<String>> headers, byte[] body) {
    public WebhookDelivery {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        headers = java.util.Collections.unmodifiableMap(copy);
        body = body.clone();
    }

    /** The raw body (a copy). */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The first value of a header. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookDelivery d && d.headers.equals(headers) && java.util.Arrays.equals(d.body, body);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "WebhookDelivery[headers=" + headers.size() + ", body=" + body.length + " bytes]";
    }
}
