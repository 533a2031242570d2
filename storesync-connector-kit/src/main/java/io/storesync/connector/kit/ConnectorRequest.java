package io.storesync.connector.kit;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request to a marketplace. The body is the exact bytes that were signed and will be sent; it is copied in and
 * out. {@code toString()} redacts secrets and omits the body.
 *
 * @param operation a short, low-cardinality name of the call ({@code product.update_stock}) for events and logs
 * @param method    the HTTP method, upper case
 * @param uri       the absolute URI, query included
 * @param headers   header names to values
 * @param body      the body bytes, empty for none
 */
public record ConnectorRequest(String operation, String method, URI uri, Map<String, List<String>> headers,
        byte[] body) {

    /** Requires an absolute URI; copies the headers and the body. */
    public ConnectorRequest {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        if (!uri.isAbsolute()) throw new IllegalArgumentException("uri must be absolute");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(headers, "headers").forEach((k, v) -> copy.put(k, List.copyOf(v)));
        headers = java.util.Collections.unmodifiableMap(copy);
        body = Objects.requireNonNull(body, "body").clone();
    }

    /** A GET with no headers. */
    public static ConnectorRequest get(String operation, URI uri) {
        return new ConnectorRequest(operation, "GET", uri, Map.of(), new byte[0]);
    }

    /** A POST of these body bytes with {@code Content-Type: application/json}. */
    public static ConnectorRequest postJson(String operation, URI uri, byte[] json) {
        return new ConnectorRequest(operation, "POST", uri, Map.of("Content-Type", List.of("application/json")), json);
    }

    /** A copy with one more header value. */
    public ConnectorRequest withHeader(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.merge(name, List.of(value), (a, b) -> {
            List<String> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return all;
        });
        return new ConnectorRequest(operation, method, uri, copy, body);
    }

    /** A copy of the body bytes. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectorRequest r && operation.equals(r.operation) && method.equals(r.method)
                && uri.equals(r.uri) && headers.equals(r.headers) && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(operation, method, uri, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        Redactor r = Redactor.defaults();
        return "ConnectorRequest[" + operation + " " + method + " " + r.uri(uri) + " headers=" + r.headers(headers)
                + " body=" + body.length + " bytes]";
    }
}
