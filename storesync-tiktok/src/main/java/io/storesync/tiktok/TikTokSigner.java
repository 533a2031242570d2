package io.storesync.tiktok;

import io.storesync.connector.kit.HmacSha256;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * TikTok Shop's request and webhook signatures, as the official "sign your API request" page states them.
 *
 * <p>Requests: {@code sign = hex(HMAC-SHA256(app_secret, app_secret + path + Σ sorted(key + value) + body +
 * app_secret))} over every query parameter except {@code sign} and {@code access_token} (decoded values, keys in
 * ordinal order, empty values left out and never sent), the exact body bytes unless the media type is
 * {@code multipart/form-data}. Webhooks: the {@code Authorization} header is {@code hex(HMAC-SHA256(app_secret,
 * app_key + raw body))}. Lower-case hex. Immutable and thread-safe; {@code toString()} never shows the secret.
 */
public final class TikTokSigner {
    private final byte[] secret;
    private final HmacSha256 mac;

    private TikTokSigner(String appSecret) {
        Objects.requireNonNull(appSecret, "appSecret");
        if (appSecret.isEmpty()) throw new IllegalArgumentException("the app secret is empty");
        this.secret = appSecret.getBytes(StandardCharsets.UTF_8);
        this.mac = HmacSha256.withUtf8Key(appSecret);
    }

    /** A signer with this app secret. */
    public static TikTokSigner withAppSecret(String appSecret) {
        return new TikTokSigner(appSecret);
    }

    /**
     * The {@code sign} query parameter of a request.
     *
     * @param path the URL path only, such as {@code /order/202309/orders/search}
     * @param query the query parameters, decoded; {@code sign}, {@code access_token} and empty values are skipped
     * @param body the exact body bytes that will be sent (empty for none)
     * @param contentType the request's {@code Content-Type}, or null
     */
    public String sign(String path, Map<String, String> query, byte[] body, @Nullable String contentType) {
        return mac.hex(baseString(path, query, body, contentType));
    }

    /** The bytes that are MACed: the secret, the path, the sorted parameters, the body unless multipart, the secret. */
    byte[] baseString(String path, Map<String, String> query, byte[] body, @Nullable String contentType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(secret.length * 2 + path.length() + body.length + 128);
        out.writeBytes(secret);
        out.writeBytes(path.getBytes(StandardCharsets.UTF_8));
        TreeMap<String, String> sorted = new TreeMap<>(query);
        sorted.remove("sign");
        sorted.remove("access_token");
        sorted.forEach((k, v) -> {
            if (v == null || v.isEmpty()) return;
            out.writeBytes(k.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(v.getBytes(StandardCharsets.UTF_8));
        });
        if (!isMultipart(contentType)) out.writeBytes(body);
        out.writeBytes(secret);
        return out.toByteArray();
    }

    /** Compares the media type only: {@code multipart/form-data; boundary=...} is multipart too. */
    static boolean isMultipart(@Nullable String contentType) {
        if (contentType == null) return false;
        int semi = contentType.indexOf(';');
        String media = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return media.equals("multipart/form-data");
    }

    /** The {@code Authorization} header TikTok Shop sends with a webhook: hex HMAC of {@code app_key + raw body}. */
    public String webhookSignature(String appKey, byte[] rawBody) {
        return mac.hex(concat(appKey.getBytes(StandardCharsets.UTF_8), rawBody));
    }

    /** Whether {@code authorization} is the webhook signature of {@code rawBody}; constant time, either hex case. */
    public boolean verifyWebhook(String appKey, byte[] rawBody, @Nullable String authorization) {
        if (authorization == null || authorization.isBlank()) return false;
        return mac.verifyHex(concat(appKey.getBytes(StandardCharsets.UTF_8), rawBody), authorization.trim());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public String toString() {
        return "TikTokSigner[secret=***]";
    }
}
