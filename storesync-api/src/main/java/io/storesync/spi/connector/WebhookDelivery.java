package io.storesync.spi.connector;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A webhook's headers (case-insensitive names) and raw body, exactly as received, for a connector to verify and parse.
 *
 * <p>Immutable. The body is copied once, on construction; {@link #bodyBuffer()} and {@link #openBody()} read that copy
 * without copying it again, so prefer them to {@link #body()}, which hands out a fresh array on every call.
 */
public record WebhookDelivery(Map<String, List<String>> headers, byte[] body) {
    public WebhookDelivery {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        headers = java.util.Collections.unmodifiableMap(copy);
        body = body.clone();
    }

    /** The raw body (a copy: prefer {@link #bodyBuffer()} or {@link #openBody()}, which copy nothing). */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body's length in bytes. */
    public int bodySize() {
        return body.length;
    }

    /**
     * A read-only view of the raw body, positioned at its start; a new view per call, so callers may consume it.
     * {@code Mac.update(ByteBuffer)} and {@code MessageDigest.update(ByteBuffer)} take it directly.
     */
    public ByteBuffer bodyBuffer() {
        return ByteBuffer.wrap(body).asReadOnlyBuffer();
    }

    /** A stream over the raw body, for parsers that read streams; a new stream per call. */
    public InputStream openBody() {
        return new ByteArrayInputStream(body);
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
