package io.storesync.connector.kit;

import java.util.Objects;

/**
 * What an {@link ConnectorEventListener} learns about a call: safe to log or tag metrics with (no secrets).
 *
 * @param id        a number unique to this call within its {@link ConnectorHttp}
 * @param platform  the platform id, such as {@code shopee}
 * @param operation the request's operation name
 * @param method    the HTTP method
 * @param url       the URL with secret query values redacted
 */
public record ConnectorCall(long id, String platform, String operation, String method, String url) {

    /** Requires every field. */
    public ConnectorCall {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
    }
}
