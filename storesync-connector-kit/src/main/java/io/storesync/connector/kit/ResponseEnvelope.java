package io.storesync.connector.kit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * How a platform reports failure inside its JSON body — Shopee: a non-empty {@code error}; TikTok Shop: a non-zero
 * {@code code} — whatever the HTTP status. Must be pure and thread-safe. A body of an unexpected shape should make it
 * throw (any {@code RuntimeException}): {@link ConnectorHttp} reports that as a malformed body.
 */
@FunctionalInterface
public interface ResponseEnvelope {

    /** The platform error this response carries, or empty when the body says the call succeeded. */
    Optional<PlatformError> error(ConnectorResponse response, JsonNode body);

    /** The request id this body carries, for logs, or {@code null}. Defaults to none. */
    default @Nullable String requestId(JsonNode body) {
        return null;
    }

    /**
     * An envelope with a code, a message and a request id field at the top level, where {@code success} says which
     * codes mean success. A body that is not a JSON object is malformed; a missing code field reads as {@code ""},
     * and is malformed unless {@code success} accepts {@code ""}. Shopee:
     * {@code fields("error", "message", "request_id", String::isEmpty)}; TikTok Shop:
     * {@code fields("code", "message", "request_id", "0"::equals)}.
     */
    static ResponseEnvelope fields(String codeField, String messageField, String requestIdField,
            Predicate<String> success) {
        Objects.requireNonNull(codeField, "codeField");
        Objects.requireNonNull(messageField, "messageField");
        Objects.requireNonNull(requestIdField, "requestIdField");
        Objects.requireNonNull(success, "success");
        return new ResponseEnvelope() {
            @Override
            public Optional<PlatformError> error(ConnectorResponse response, JsonNode body) {
                if (!body.isObject()) throw new IllegalStateException("body is not a JSON object");
                String code = text(body, codeField);
                if (success.test(code == null ? "" : code)) return Optional.empty();
                if (code == null) throw new IllegalStateException("body has no " + codeField);
                return Optional.of(new PlatformError(response.status(), code, text(body, messageField),
                        requestId(body), null));
            }

            @Override
            public @Nullable String requestId(JsonNode body) {
                return text(body, requestIdField);
            }
        };
    }

    /** Success is the HTTP status alone (2xx); the body carries no error code. */
    static ResponseEnvelope httpStatusOnly() {
        return (response, body) -> Optional.empty();
    }

    private static @Nullable String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull() || node.isContainerNode()) return null;
        return node.asText();
    }
}
