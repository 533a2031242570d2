package io.storesync.connector.kit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP response from a marketplace, with the raw body bytes (webhook and response signatures are over raw bytes).
 * Header names are lower case. {@code toString()} omits the body and redacts secret headers.
 *
 * @param status  the HTTP status
 * @param headers lower-case header names to values
 * @param body    the body bytes, copied in and out
 * @param elapsed how long the call took
 */
public record ConnectorResponse(int status, Map<String, List<String>> headers, byte[] body, Duration elapsed) {

    /** Lower-cases header names; copies the headers and the body. */
    public ConnectorResponse {
        if (status < 100 || status > 999) throw new IllegalArgumentException("status " + status);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(headers, "headers")
                .forEach((k, v) -> copy.merge(k.toLowerCase(Locale.ROOT), List.copyOf(v), (a, b) -> {
                    List<String> all = new java.util.ArrayList<>(a);
                    all.addAll(b);
                    return List.copyOf(all);
                }));
        headers = java.util.Collections.unmodifiableMap(copy);
        body = Objects.requireNonNull(body, "body").clone();
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Whether the status is 2xx. */
    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A copy of the body bytes. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectorResponse r && status == r.status && headers.equals(r.headers)
                && Arrays.equals(body, r.body) && elapsed.equals(r.elapsed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, Arrays.hashCode(body), elapsed);
    }

    @Override
    public String toString() {
        return "ConnectorResponse[" + status + " headers=" + Redactor.defaults().headers(headers) + " body="
                + body.length + " bytes, " + elapsed.toMillis() + " ms]";
    }
}
