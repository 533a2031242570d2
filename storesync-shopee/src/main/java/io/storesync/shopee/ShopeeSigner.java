package io.storesync.shopee;

import io.storesync.api.Secret;
import io.storesync.connector.kit.HmacSha256;
import java.util.Objects;

/**
 * Shopee Open Platform v2 request signing: {@code sign} is the lower-case hex HMAC-SHA256, keyed with the UTF-8 bytes
 * of the partner key exactly as issued (no {@code shpk} stripping, no hex decoding), of a base string with no
 * separators:
 * <ul>
 * <li>public (partner-level) calls: {@code partner_id + path + timestamp};</li>
 * <li>shop calls: {@code partner_id + path + timestamp + access_token + shop_id};</li>
 * <li>merchant calls (cross-border CNSC/KRSC): {@code partner_id + path + timestamp + access_token + merchant_id}.</li>
 * </ul>
 * {@code path} is the request's exact path including {@code /api/v2} and no query; {@code timestamp} is Unix seconds
 * and must be the very value sent in the query. Immutable and thread-safe; {@code toString()} never shows the key.
 *
 * <p>Stability: experimental.
 */
public final class ShopeeSigner {
    /** Which identity a call is signed for. */
    public enum Level {
        /** Partner-level: auth, public and push APIs. */
        PUBLIC,
        /** One shop: product, order, logistics APIs. */
        SHOP,
        /** One merchant (cross-border main account): global_product and merchant APIs. */
        MERCHANT
    }

    private final long partnerId;
    private final HmacSha256 mac;

    private ShopeeSigner(long partnerId, HmacSha256 mac) {
        this.partnerId = partnerId;
        this.mac = mac;
    }

    /** A signer for this partner. */
    public static ShopeeSigner of(long partnerId, Secret partnerKey) {
        Objects.requireNonNull(partnerKey, "partnerKey");
        if (partnerId <= 0) throw new IllegalArgumentException("partner_id must be positive");
        return new ShopeeSigner(partnerId, HmacSha256.withUtf8Key(partnerKey.reveal()));
    }

    /** The partner id. */
    public long partnerId() {
        return partnerId;
    }

    /**
     * The base string of a call.
     *
     * @param accessToken the shop's or merchant's access token; ignored (and may be null) for {@link Level#PUBLIC}
     * @param identity the shop id or merchant id; ignored (and may be null) for {@link Level#PUBLIC}
     */
    public static String baseString(Level level, long partnerId, String path, long timestamp,
            @org.jspecify.annotations.Nullable String accessToken, @org.jspecify.annotations.Nullable String identity) {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/api/v2/")) throw new IllegalArgumentException("the signed path starts with /api/v2/");
        if (path.indexOf('?') >= 0) throw new IllegalArgumentException("the signed path has no query");
        StringBuilder s = new StringBuilder(64).append(partnerId).append(path).append(timestamp);
        if (level != Level.PUBLIC) {
            if (accessToken == null || accessToken.isEmpty() || identity == null || identity.isEmpty()) {
                throw new IllegalArgumentException(level + " calls are signed with an access token and an id");
            }
            s.append(accessToken).append(identity);
        }
        return s.toString();
    }

    /** The {@code sign} of a call: 64 lower-case hex digits, leading zeros kept. */
    public String sign(Level level, String path, long timestamp, @org.jspecify.annotations.Nullable String accessToken,
            @org.jspecify.annotations.Nullable String identity) {
        return mac.hex(baseString(level, partnerId, path, timestamp, accessToken, identity));
    }

    /** The MAC of an arbitrary message under the partner key, lower-case hex (push verification). */
    String hex(byte[] message) {
        return mac.hex(message);
    }

    @Override
    public String toString() {
        return "ShopeeSigner[partner " + partnerId + "]";
    }
}
