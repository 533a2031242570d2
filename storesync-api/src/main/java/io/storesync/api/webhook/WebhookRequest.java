package io.storesync.api.webhook;

import io.storesync.internal.api.Check;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request a platform made to a webhook endpoint, exactly as received: the endpoint it was addressed to, its
 * headers and its raw body. Signatures are computed over the raw bytes, so the host must not re-serialise the body.
 * Header names are matched case-insensitively.
 */
public record WebhookRequest(WebhookEndpointId endpointId, Map<String, List<String>> headers, byte[] body) {
    public WebhookRequest {
        Check.present(endpointId, "endpointId");
        Check.present(headers, "headers");
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.put(Check.present(k, "header name"), List.copyOf(v)));
        headers = java.util.Collections.unmodifiableMap(copy);
        body = Check.present(body, "body").clone();
    }

    /** The body (a copy). */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The first value of a header, matched case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        if (values == null) values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookRequest r && r.endpointId.equals(endpointId) && r.headers.equals(headers)
                && java.util.Arrays.equals(r.body, body);
    }

    @Override
    public int hashCode() {
        return endpointId.hashCode() * 31 + java.util.Arrays.hashCode(body);
    }

    /** Names the endpoint and the sizes only: headers may carry signatures and bodies personal data. */
    @Override
    public String toString() {
        return "WebhookRequest[endpoint=" + endpointId + ", headers=" + headers.size() + ", body=" + body.length + " bytes]";
    }
}
