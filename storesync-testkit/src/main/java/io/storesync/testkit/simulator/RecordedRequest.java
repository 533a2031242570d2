package io.storesync.testkit.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One request a simulator received and what it answered.
 *
 * @param path the raw path, without the query
 * @param query the raw query, or null
 * @param headers header names (lower case) to values
 * @param body the raw body bytes
 * @param status the HTTP status answered
 * @param fault the fault injected, or null when the call was served normally
 */
public record RecordedRequest(Instant at, String method, String path, @Nullable String query,
        Map<String, List<String>> headers, byte[] body, int status, @Nullable Fault fault) {
    public RecordedRequest {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    /** A copy of the body. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The first value of a header (name in any case). */
    public @Nullable String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedRequest r && r.at.equals(at) && r.method.equals(method) && r.path.equals(path)
                && Objects.equals(r.query, query) && r.status == status && java.util.Arrays.equals(r.body, body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(at, method, path, query, status);
    }

    /** Method, path and status; no headers (they carry keys) and no body. */
    @Override
    public String toString() {
        return "RecordedRequest[" + method + " " + path + " -> " + status + (fault == null ? "" : " (" + fault + ")") + "]";
    }
}
