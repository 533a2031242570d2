package io.storesync.api.webhook;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Check;
import io.storesync.spi.connector.WebhookDelivery;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request a platform made to a webhook endpoint, exactly as received: the endpoint it was addressed to, its
 * headers and its raw body. Signatures are computed over the raw bytes, so the host must not re-serialise the body.
 * Header names are matched case-insensitively.
 *
 * <p>Immutable. The body is copied exactly once, when the request is made, into the {@link #delivery() delivery} the
 * connector verifies and StoreSync stores; nothing downstream copies it again. This is a final class rather than a
 * record because a record's accessor would have to copy the body on every call to stay immutable.
 *
 * <p>Read bodies from the network with {@link #read}, which stops one byte past the maximum instead of buffering
 * whatever the client sends.
 */
public final class WebhookRequest {
    private final WebhookEndpointId endpointId;
    private final WebhookDelivery delivery;

    /**
     * A request from a body already in memory; the array is copied (once), so the caller may reuse it.
     *
     * @throws ValidationException when an argument or a header name is null
     */
    public WebhookRequest(WebhookEndpointId endpointId, Map<String, List<String>> headers, byte[] body) {
        this(Check.present(endpointId, "endpointId"), checkedDelivery(headers, body));
    }

    private WebhookRequest(WebhookEndpointId endpointId, WebhookDelivery delivery) {
        this.endpointId = endpointId;
        this.delivery = delivery;
    }

    /**
     * A delivery (headers and body, the body copied once) from a body already in memory, with the same checks as a
     * request's: for app-level webhooks, which name no endpoint.
     *
     * @throws ValidationException when an argument or a header name is null
     */
    public static WebhookDelivery checkedDelivery(Map<String, List<String>> headers, byte[] body) {
        Check.present(headers, "headers");
        headers.forEach((k, v) -> {
            Check.present(k, "header name");
            Check.present(v, "header values");
        });
        return new WebhookDelivery(headers, Check.present(body, "body"));
    }

    /**
     * Reads a request's body from {@code body}, reading at most {@code maxBodyBytes + 1} bytes: a longer body is refused
     * without reading (or holding) the rest. Memory use is bounded by what was read. The stream is not closed.
     *
     * @throws WebhookPayloadTooLargeException when the body has more than {@code maxBodyBytes} bytes
     * @throws IOException when reading the stream fails
     * @throws ValidationException when an argument is null or {@code maxBodyBytes} is negative
     */
    public static WebhookRequest read(WebhookEndpointId endpointId, Map<String, List<String>> headers, InputStream body,
            int maxBodyBytes) throws IOException {
        Check.present(endpointId, "endpointId");
        return new WebhookRequest(endpointId, readDelivery(headers, body, maxBodyBytes));
    }

    /**
     * Reads a delivery's body from {@code body} exactly as {@link #read} does (at most {@code maxBodyBytes + 1} bytes):
     * for app-level webhooks, which name no endpoint.
     *
     * @throws WebhookPayloadTooLargeException when the body has more than {@code maxBodyBytes} bytes
     * @throws IOException when reading the stream fails
     * @throws ValidationException when an argument is null or {@code maxBodyBytes} is negative
     */
    public static WebhookDelivery readDelivery(Map<String, List<String>> headers, InputStream body, int maxBodyBytes)
            throws IOException {
        Check.present(body, "body");
        if (maxBodyBytes < 0 || maxBodyBytes == Integer.MAX_VALUE) {
            throw new ValidationException("maxBodyBytes must be between 0 and " + (Integer.MAX_VALUE - 1));
        }
        // readNBytes grows in small chunks as bytes arrive, so a huge body never causes a large allocation up front,
        // and it never reads past the count asked for: one byte beyond the maximum is enough to know it is too large.
        byte[] bytes = body.readNBytes(maxBodyBytes + 1);
        if (bytes.length > maxBodyBytes) throw new WebhookPayloadTooLargeException(maxBodyBytes);
        return checkedDelivery(headers, bytes);
    }

    /** The endpoint the platform addressed. */
    public WebhookEndpointId endpointId() {
        return endpointId;
    }

    /** Every header as received, with case-insensitive names; unmodifiable. */
    public Map<String, List<String>> headers() {
        return delivery.headers();
    }

    /** The body (a fresh copy on every call; {@link #delivery()} reads it without copying). */
    public byte[] body() {
        return delivery.body();
    }

    /** The body's length in bytes. */
    public int bodySize() {
        return delivery.bodySize();
    }

    /**
     * The headers and body as a connector verifies them. Immutable and shared, not copied: it is the request's one
     * copy of the body.
     */
    public WebhookDelivery delivery() {
        return delivery;
    }

    /** The first value of a header, matched case-insensitively. */
    public Optional<String> header(String name) {
        return delivery.header(name);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof WebhookRequest r && r.endpointId.equals(endpointId) && r.delivery.equals(delivery);
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpointId, delivery);
    }

    /** Names the endpoint and the sizes only: headers may carry signatures and bodies personal data. */
    @Override
    public String toString() {
        return "WebhookRequest[endpoint=" + endpointId + ", headers=" + delivery.headers().size() + ", body="
                + delivery.bodySize() + " bytes]";
    }
}
