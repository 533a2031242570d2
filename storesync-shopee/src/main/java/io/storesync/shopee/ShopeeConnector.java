package io.storesync.shopee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storesync.api.ErrorCode;
import io.storesync.api.Secret;
import io.storesync.api.StoreSyncException;
import io.storesync.api.ValidationException;
import io.storesync.api.order.FinancialStatus;
import io.storesync.api.order.FulfillmentStatus;
import io.storesync.api.order.OrderLineSnapshot;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.order.OrderStatusMapping;
import io.storesync.api.store.Platform;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.webhook.WebhookSignatureException;
import io.storesync.connector.kit.ConnectorEventListener;
import io.storesync.connector.kit.ConnectorHttp;
import io.storesync.connector.kit.ConnectorHttpConfig;
import io.storesync.connector.kit.ConnectorRequest;
import io.storesync.connector.kit.ErrorClassifier;
import io.storesync.connector.kit.ErrorClassifier.Kind;
import io.storesync.connector.kit.HmacSha256;
import io.storesync.connector.kit.Redactor;
import io.storesync.connector.kit.ResponseEnvelope;
import io.storesync.connector.kit.TimestampTolerance;
import io.storesync.spi.connector.AccessTokenRejectedException;
import io.storesync.spi.connector.Authorization;
import io.storesync.spi.connector.AuthorizedShop;
import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.ConnectorException;
import io.storesync.spi.connector.ConnectorLimits;
import io.storesync.spi.connector.ConnectorListing;
import io.storesync.spi.connector.ConnectorSettings;
import io.storesync.spi.connector.ConsentCallback;
import io.storesync.spi.connector.CredentialsRejectedException;
import io.storesync.spi.connector.ListingPage;
import io.storesync.spi.connector.MissedWebhook;
import io.storesync.spi.connector.MissedWebhooks;
import io.storesync.spi.connector.OrderPage;
import io.storesync.spi.connector.PriceUpdate;
import io.storesync.spi.connector.PushResult;
import io.storesync.spi.connector.RateLimitedException;
import io.storesync.spi.connector.StockSemantics;
import io.storesync.spi.connector.StockUpdate;
import io.storesync.spi.connector.StoreAccess;
import io.storesync.spi.connector.VerifiedWebhook;
import io.storesync.spi.connector.WebhookDelivery;
import io.storesync.spi.connector.WebhookEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Shopee Open Platform v2 connector ({@code docs/shopee.md}). One instance serves every shop of one partner app.
 *
 * <p>Settings ({@link ConnectorSettings}): {@code partner_id} (value, required), {@code partner_key} (secret,
 * required), {@code region} ({@code sg} by default; see {@link ShopeeRegion}) or {@code api_base_url} (overrides the
 * region's host), {@code push_url} (the exact callback URL registered with Shopee, scheme included; required to verify
 * pushes), {@code push_partner_key} (secret, optional: a separate key for pushes), {@code item_offset_cap} (the
 * {@code get_item_list} offset at which a scan starts a new update-time slice; 10,000 by default),
 * {@code calls_per_second} (per shop, also the burst; 10 by default: Shopee publishes no figure, so a host that knows its
 * app's allowance sets it),
 * {@code connect_timeout_ms}, {@code request_timeout_ms}.
 *
 * <p>Store credentials: the shop's access token, its refresh token and the access token's expiry; optionally
 * {@code extra["location_id"]} ({@link #LOCATION_ID}), the warehouse stock is written to when the shop has several.
 * A store's {@code platformStoreId} is Shopee's {@code shop_id}.
 *
 * <p>Thread-safe; one attempt per call (the engine retries and rate-limits). Throws only the SPI's exceptions:
 * {@code error_auth} and token errors → {@link CredentialsRejectedException}; {@code error_rate_limit} →
 * {@link RateLimitedException}; the daily quota {@code error_limit} → {@link RateLimitedException} until 00:00 UTC+8;
 * {@code error_server}, {@code error_inner}, {@code error_system_busy} and 5xx → retryable; anything else → not
 * retryable, with Shopee's (redacted) message and {@code request_id}.
 *
 * <p>Stability: experimental.
 */
public final class ShopeeConnector implements Connector {
    /** The platform name, as seeded in {@code platforms}. */
    public static final String PLATFORM = Platform.SHOPEE;
    /** Credentials key of the warehouse ({@code location_id}) stock pushes write to, for multi-warehouse shops. */
    public static final String LOCATION_ID = "location_id";
    /** Items and orders asked for per page: Shopee's cap. */
    public static final int PAGE_SIZE = 100;
    /** Ids per {@code get_item_base_info} / {@code get_order_detail} call, and models per stock or price call. */
    public static final int BATCH = 50;
    /** Pushes larger than this are refused before any MAC is computed. */
    public static final int MAX_PUSH_BYTES = 256 * 1024;
    /** How far a push's {@code timestamp} may be from now, either way. */
    public static final Duration PUSH_TOLERANCE = Duration.ofMinutes(5);
    /** How late {@code get_order_list} may show a change; a poll re-reads this much. */
    public static final Duration ORDER_INDEX_LAG = Duration.ofMinutes(2);
    /**
     * Shopee allows 15 days per {@code get_order_list} call; windows are sent in whole seconds (start rounded down, end
     * up), so the declared window leaves a minute for the rounding.
     */
    public static final Duration MAX_ORDER_WINDOW = Duration.ofDays(15).minusMinutes(1);
    /**
     * Ten calls a second per shop, bursts of ten: Shopee publishes no figure (its spec says {@code [0,0,0]}), so this
     * is a conservative start; {@code error_rate_limit} slows the engine further. 50 models per push call.
     */
    static final ConnectorLimits LIMITS = new ConnectorLimits(10, 10, BATCH, BATCH, MAX_ORDER_WINDOW);
    /** The item statuses a catalogue scan reads, in order: on sale, then unlisted. */
    static final List<String> SCANNED_STATUSES = List.of("NORMAL", "UNLIST");
    /** The order detail fields asked for: lines, money, buyer, address, notes. */
    static final String DETAIL_FIELDS = "buyer_user_id,buyer_username,recipient_address,note,item_list,pay_time,"
            + "total_amount,estimated_shipping_fee,actual_shipping_fee,shipping_carrier,payment_method,cancel_by,"
            + "cancel_reason,package_list";

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,20}");
    private static final ZoneOffset QUOTA_ZONE = ZoneOffset.ofHours(8);
    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("error_auth", Kind.CREDENTIALS_REJECTED),
            Map.entry("invalid_access_token", Kind.CREDENTIALS_REJECTED),
            Map.entry("invalid_acceess_token", Kind.CREDENTIALS_REJECTED), // Shopee's own spelling
            Map.entry("invalid_code", Kind.CREDENTIALS_REJECTED),
            Map.entry("refresh_token_expired", Kind.CREDENTIALS_REJECTED),
            Map.entry("error_shop_refresh_token", Kind.CREDENTIALS_REJECTED),
            Map.entry("error_merchant_refresh_token", Kind.CREDENTIALS_REJECTED),
            Map.entry("shop_access_expired", Kind.CREDENTIALS_REJECTED),
            Map.entry("merchant_access_expired", Kind.CREDENTIALS_REJECTED),
            Map.entry("shop_no_linked", Kind.CREDENTIALS_REJECTED),
            Map.entry("merchant_no_linked", Kind.CREDENTIALS_REJECTED),
            Map.entry("partner_shop_no_link", Kind.CREDENTIALS_REJECTED),
            Map.entry("shop_banned", Kind.CREDENTIALS_REJECTED),
            Map.entry("error_rate_limit", Kind.RATE_LIMITED),
            Map.entry("error_limit", Kind.RATE_LIMITED),
            Map.entry("error_server", Kind.RETRYABLE),
            Map.entry("error_inner", Kind.RETRYABLE),
            Map.entry("error_system_busy", Kind.RETRYABLE),
            Map.entry("error_network", Kind.RETRYABLE),
            Map.entry("error_param", Kind.PERMANENT),
            Map.entry("error_sign", Kind.PERMANENT),
            Map.entry("invalid_partner_id", Kind.PERMANENT),
            Map.entry("error_permission", Kind.PERMANENT),
            Map.entry("error_api_permission", Kind.PERMANENT),
            Map.entry("source_ip_undeclared", Kind.PERMANENT));

    /** The errors of a shop call that a refreshed access token may cure (Shopee answers an expired one with these). */
    static final Set<String> ACCESS_TOKEN_REFUSED = Set.of("error_auth", "invalid_access_token", "invalid_acceess_token");

    /** Module-prefixed codes ({@code order.order_list_invalid_time}) are looked up by their last segment. */
    static final ErrorClassifier CLASSIFIER = error -> {
        String code = error.code();
        if (code == null || code.isEmpty()) return null;
        String key = code.substring(code.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return KINDS.get(key);
    };

    /** Shopee's envelope: a non-empty {@code error} is a failure whatever the HTTP status. */
    static final ResponseEnvelope ENVELOPE = ResponseEnvelope.fields("error", "message", "request_id", String::isEmpty);

    private final ConnectorHttp http;
    private final ShopeeSigner signer;
    private final @Nullable ShopeeSigner pushSigner;
    private final URI apiBase;
    private final @Nullable String pushUrl;
    private final int offsetCap;
    private final Clock clock;
    private final TimestampTolerance pushTolerance;
    private final Map<String, Object> refreshLocks = new ConcurrentHashMap<>();
    private final ConnectorLimits limits;

    private ShopeeConnector(ConnectorHttp http, ShopeeSigner signer, @Nullable ShopeeSigner pushSigner, URI apiBase,
            @Nullable String pushUrl, int offsetCap, Clock clock, ConnectorLimits limits) {
        this.http = http;
        this.signer = signer;
        this.pushSigner = pushSigner;
        this.apiBase = apiBase;
        this.pushUrl = pushUrl;
        this.offsetCap = offsetCap;
        this.clock = clock;
        this.pushTolerance = TimestampTolerance.of(PUSH_TOLERANCE, clock);
        this.limits = limits;
    }

    /** A connector with these settings and the system clock. */
    public static ShopeeConnector create(ConnectorSettings settings) {
        return create(settings, Clock.systemUTC());
    }

    /**
     * A connector with these settings; {@code clock} dates signatures and judges push timestamps and token expiry.
     *
     * @throws StoreSyncException with {@code CONFIGURATION} when {@code partner_id} or {@code partner_key} is missing
     *     or malformed, or a setting is not what it should be
     */
    public static ShopeeConnector create(ConnectorSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        long partnerId;
        try {
            partnerId = Long.parseLong(settings.value("partner_id").orElseThrow(() -> configuration("partner_id is required")).trim());
            if (partnerId <= 0) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            throw configuration("partner_id must be a positive whole number");
        }
        Secret key = settings.secret("partner_key").orElseThrow(() -> configuration("partner_key is required"));
        ShopeeSigner signer = ShopeeSigner.of(partnerId, key);
        ShopeeSigner pushSigner = settings.secret("push_partner_key").map(k -> ShopeeSigner.of(partnerId, k)).orElse(null);
        URI base;
        String explicit = settings.value("api_base_url").orElse(null);
        try {
            base = explicit != null ? URI.create(explicit.trim().replaceAll("/+$", ""))
                    : ShopeeRegion.parse(settings.value("region").orElse("sg")).apiBase();
        } catch (IllegalArgumentException e) {
            throw configuration(e.getMessage());
        }
        if (base.getHost() == null || base.getScheme() == null) throw configuration("api_base_url must be an absolute URL");
        ConnectorHttpConfig config = ConnectorHttpConfig.defaults().withTimeouts(
                Duration.ofMillis(longSetting(settings, "connect_timeout_ms", 5_000)),
                Duration.ofMillis(longSetting(settings, "request_timeout_ms", 30_000)));
        ConnectorHttp http = ConnectorHttp.builder(PLATFORM)
                .config(config)
                .clock(clock)
                .envelope(ENVELOPE)
                .classifier(CLASSIFIER)
                .redactor(Redactor.defaults().with("sign", "access_token", "refresh_token", "code", "partner_key",
                        "Authorization"))
                .eventListener(ConnectorEventListener.from(settings))
                .build();
        int cap = (int) Math.min(Integer.MAX_VALUE, longSetting(settings, "item_offset_cap", 10_000));
        long rate = longSetting(settings, "calls_per_second", (long) LIMITS.callsPerSecond());
        ConnectorLimits limits = new ConnectorLimits(rate, (int) Math.min(rate, 1_000), BATCH, BATCH, MAX_ORDER_WINDOW);
        return new ShopeeConnector(http, signer, pushSigner, base, settings.value("push_url").map(String::trim).orElse(null),
                cap, clock, limits);
    }

    private static long longSetting(ConnectorSettings settings, String key, long fallback) {
        String value = settings.value(key).orElse(null);
        if (value == null) return fallback;
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed <= 0) throw new NumberFormatException();
            return parsed;
        } catch (NumberFormatException e) {
            throw configuration(key + " must be a positive whole number");
        }
    }

    private static StoreSyncException configuration(String message) {
        return new StoreSyncException(ErrorCode.CONFIGURATION, PLATFORM + " setting: " + message);
    }

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public ConnectorLimits limits() {
        return limits;
    }

    @Override
    public Duration orderIndexLag() {
        return ORDER_INDEX_LAG;
    }

    /** A push this connector gave up on is taken as applied, if at all, within one more whole-call timeout. */
    @Override
    public Duration lateWriteWindow() {
        return http.config().requestTimeout();
    }

    /**
     * Shopee lowers stock itself on an order and puts it back on cancellation; stock is kept per warehouse
     * ({@code seller_stock[].location_id}) and written to the store's {@link #LOCATION_ID} (or the only one); there is
     * no compare-and-set; 50 models a call; the order list may trail changes by {@link #ORDER_INDEX_LAG}.
     */
    @Override
    public StockSemantics stockSemantics() {
        return new StockSemantics(true, true, true, false, BATCH, ORDER_INDEX_LAG);
    }

    @Override
    public boolean supportsConsent() {
        return true;
    }

    /** Refresh tokens are single-use: each refresh returns a new one. */
    @Override
    public boolean rotatesRefreshTokens() {
        return true;
    }

    // ---- authorisation ---------------------------------------------------------------------------------------------

    /**
     * The signed {@code /api/v2/shop/auth_partner} link (valid five minutes, as its timestamp). Shopee's link has no
     * {@code state} parameter, so {@code state} rides in the redirect URL's query, which Shopee returns to unchanged
     * with {@code code} and {@code shop_id} (or {@code main_account_id}) appended.
     */
    @Override
    public URI consentUrl(String state, URI redirectUri) {
        if (state == null || state.isBlank()) throw new IllegalArgumentException("state is required");
        String path = "/api/v2/shop/auth_partner";
        long ts = clock.instant().getEpochSecond();
        String redirect = redirectUri.toString() + (redirectUri.getRawQuery() == null ? "?" : "&") + "state="
                + encode(state);
        return URI.create(apiBase + path + "?partner_id=" + signer.partnerId() + "&timestamp=" + ts + "&sign="
                + signer.sign(ShopeeSigner.Level.PUBLIC, path, ts, null, null) + "&redirect=" + encode(redirect));
    }

    /**
     * The {@code code} for the older {@code completeAuthorization(platform, issuedState, returnedState, code,
     * redirectUri)}, which has room for one string: the code and the shop (or main account) it is for. Hosts should
     * pass the whole callback query to {@code completeAuthorization(platform, issuedState, callbackQuery,
     * redirectUri)} instead; this stays for hosts written before it.
     *
     * @param shopId the callback's {@code shop_id}, or null for a main-account consent
     * @param mainAccountId the callback's {@code main_account_id}, or null for a shop consent
     */
    public static String consentCode(String code, @Nullable String shopId, @Nullable String mainAccountId) {
        Objects.requireNonNull(code, "code");
        if ((shopId == null) == (mainAccountId == null)) {
            throw new IllegalArgumentException("exactly one of shop_id and main_account_id");
        }
        return "code=" + encode(code) + (shopId != null ? "&shop_id=" + encode(shopId) : "&main_account_id="
                + encode(mainAccountId));
    }

    /**
     * Exchanges a consent for tokens with {@code auth/token/get}, then reads each granted shop's name, region and
     * authorisation expiry with {@code shop/get_shop_info}. {@code code} is {@link #consentCode}'s string, or the
     * callback's raw query ({@code code=...&shop_id=...}); the redirect URI may carry {@code shop_id} or
     * {@code main_account_id} instead. The consent's expiry is the earliest of its shops'.
     */
    @Override
    public Authorization exchangeCode(String code, URI redirectUri) {
        Map<String, String> given = new HashMap<>();
        if (redirectUri.getRawQuery() != null) given.putAll(parseQuery(redirectUri.getRawQuery()));
        if (code.contains("=")) given.putAll(parseQuery(code));
        else given.put("code", code);
        return exchange(given.get("code"), given.get("shop_id"), given.get("main_account_id"));
    }

    /**
     * Exchanges the callback Shopee redirected with: its {@code code} and its {@code shop_id} (one shop) or
     * {@code main_account_id} (a main account: every shop it granted becomes a store), as
     * {@code Stores.completeAuthorization(platform, issuedState, callbackQuery, redirectUri)} passes them.
     */
    @Override
    public Authorization exchangeCode(ConsentCallback callback, URI redirectUri) {
        return exchange(callback.code(), callback.parameter("shop_id"), callback.parameter("main_account_id"));
    }

    private Authorization exchange(@Nullable String authCode, @Nullable String shopId, @Nullable String mainAccount) {
        if (authCode == null || authCode.isBlank() || (shopId == null) == (mainAccount == null)) {
            throw new ValidationException("a Shopee consent needs the code and exactly one of shop_id or main_account_id;"
                    + " pass the whole callback query to completeAuthorization");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("code", authCode);
        body.put("partner_id", signer.partnerId());
        if (shopId != null) body.set("shop_id", idNode(shopId));
        else body.set("main_account_id", idNode(mainAccount));
        JsonNode reply = publicCall("auth.token_get", "POST", "/api/v2/auth/token/get", List.of(), body);
        Instant now = clock.instant();
        StoreCredentials credentials = tokens(reply, now, Map.of());
        List<String> shops = new ArrayList<>();
        if (shopId != null) shops.add(shopId);
        for (JsonNode s : reply.path("shop_id_list")) {
            String id = idText(s);
            if (id != null && !shops.contains(id)) shops.add(id);
        }
        if (shops.isEmpty()) throw http.errors().malformedBody(200, requestId(reply), "the consent granted no shop");
        List<AuthorizedShop> granted = new ArrayList<>();
        Instant expiry = null;
        for (String id : shops) {
            StoreAccess access = new StoreAccess(new io.storesync.api.store.StoreId(java.util.UUID.nameUUIDFromBytes(
                    id.getBytes(StandardCharsets.UTF_8))), id, credentials);
            JsonNode info;
            try {
                info = shopCall(access, "shop.get_shop_info", "GET", "/api/v2/shop/get_shop_info", List.of(), null);
            } catch (AccessTokenRejectedException e) {
                // a token issued a moment ago: no refresh can help, and the engine has no store to refresh yet
                throw new CredentialsRejectedException(PLATFORM, e.platformCode().orElse(null), e.getMessage(),
                        e.requestId().orElse(null), e.httpStatus());
            }
            // get_shop_info answers at the top level (no "response" object)
            JsonNode fields = info.has("response") ? info.path("response") : info;
            String name = text(fields, "shop_name");
            granted.add(new AuthorizedShop(id, name == null || name.isBlank() ? "Shopee shop " + id : name,
                    text(fields, "region")));
            long expire = fields.path("expire_time").asLong(0);
            if (expire > 0) {
                Instant at = Instant.ofEpochSecond(expire);
                if (expiry == null || at.isBefore(expiry)) expiry = at;
            }
        }
        return new Authorization(credentials, granted, expiry);
    }

    /**
     * {@code auth/access_token/get} for the store's shop. Shopee's refresh token is single-use; the engine serialises
     * refreshes per store ({@link #rotatesRefreshTokens()}), and this connector also refuses to run two refreshes of one
     * shop at once in this process. Keeps the credentials' extra entries ({@link #LOCATION_ID}).
     */
    @Override
    public StoreCredentials refreshCredentials(StoreAccess store) {
        Secret refresh = store.credentials().refreshToken();
        if (refresh == null) {
            throw new CredentialsRejectedException(PLATFORM, "no_refresh_token", "the store has no refresh token", null, 0);
        }
        Object lock = refreshLocks.computeIfAbsent(store.platformStoreId(), k -> new Object());
        synchronized (lock) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("refresh_token", refresh.reveal());
            body.put("partner_id", signer.partnerId());
            body.set("shop_id", idNode(store.platformStoreId()));
            JsonNode reply = publicCall("auth.access_token_get", "POST", "/api/v2/auth/access_token/get", List.of(), body);
            return tokens(reply, clock.instant(), store.credentials().extra());
        }
    }

    private StoreCredentials tokens(JsonNode reply, Instant now, Map<String, Secret> extra) {
        String access = text(reply, "access_token");
        String refresh = text(reply, "refresh_token");
        long expireIn = reply.path("expire_in").asLong(0);
        if (access == null || access.isEmpty() || refresh == null || refresh.isEmpty() || expireIn <= 0) {
            throw http.errors().malformedBody(200, requestId(reply), "token answer without access_token, refresh_token"
                    + " or expire_in");
        }
        // expire_in is seconds of validity (the guide's examples); a value that looks like an epoch is capped at 4 h
        long seconds = Math.min(expireIn, Duration.ofHours(4).toSeconds());
        return new StoreCredentials(Secret.of(access), Secret.of(refresh), now.plusSeconds(seconds), extra);
    }

    // ---- catalogue -------------------------------------------------------------------------------------------------

    /**
     * One step of a catalogue scan, each page costing at most two calls so that a scan survives a flaky Shopee: a
     * failed page is read again from its cursor (the engine stores each page's cursor with it) instead of losing the
     * work of a hundred calls. The scan reads {@code get_item_list} (100 items, status by status: {@code NORMAL} then
     * {@code UNLIST}) with the first {@code get_item_base_info} call (50 ids), then one page per further
     * {@code get_item_base_info} call and one per {@code get_model_list} call (an item with variants). One listing per
     * model ({@code platformVariantId} = {@code model_id}), or one per item without variants ({@code platformVariantId}
     * null, Shopee's {@code model_id 0}). When the offset reaches {@code item_offset_cap}, the scan continues in a new
     * slice ending at the oldest {@code update_time} seen, from offset 0; items updated in that very second may then be
     * listed twice, never skipped.
     *
     * <p>Cursor: {@code <status index>:<offset>:<update_time_to or empty>} for the next {@code get_item_list}, or
     * {@code d;<that, or empty at the end>;<item ids still to read>;<item ids whose models are still to read, each
     * with :1 when on sale, :0 when not>} (at most 100 of each, well within a job checkpoint).
     */
    @Override
    public ListingPage listListings(StoreAccess store, @Nullable String cursor) {
        if (cursor != null && cursor.startsWith(DETAIL_CURSOR)) {
            String[] parts = cursor.split(";", -1);
            if (parts.length != 4 || parts[2].isEmpty() && parts[3].isEmpty()) {
                throw new IllegalArgumentException("not a cursor of this connector");
            }
            return details(store, parts[1].isEmpty() ? null : parts[1], new ArrayList<>(ids(parts[2])),
                    new ArrayList<>(ids(parts[3])), new ArrayList<>());
        }
        int statusIndex = 0;
        int offset = 0;
        Long sliceTo = null;
        if (cursor != null) {
            String[] parts = cursor.split(":", -1);
            try {
                statusIndex = Integer.parseInt(parts[0]);
                offset = Integer.parseInt(parts[1]);
                sliceTo = parts[2].isEmpty() ? null : Long.valueOf(parts[2]);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a cursor of this connector");
            }
            if (statusIndex < 0 || statusIndex >= SCANNED_STATUSES.size() || offset < 0) {
                throw new IllegalArgumentException("not a cursor of this connector");
            }
        }
        String status = SCANNED_STATUSES.get(statusIndex);
        List<String[]> query = new ArrayList<>();
        query.add(param("offset", Integer.toString(offset)));
        query.add(param("page_size", Integer.toString(PAGE_SIZE)));
        query.add(param("item_status", status));
        if (sliceTo != null) {
            query.add(param("update_time_from", "0"));
            query.add(param("update_time_to", Long.toString(sliceTo)));
        }
        JsonNode list = response(shopCall(store, "product.get_item_list", "GET", "/api/v2/product/get_item_list", query, null));
        List<String> itemIds = new ArrayList<>();
        long oldest = Long.MAX_VALUE;
        for (JsonNode item : list.path("item")) {
            String id = idText(item.get("item_id"));
            if (id == null || !CURSOR_ID.matcher(id).matches()) throw http.errors().malformedBody(200, null, "an item without a valid item_id");
            itemIds.add(id);
            long updated = item.path("update_time").asLong(0);
            if (updated > 0) oldest = Math.min(oldest, updated);
        }
        String next = null;
        boolean more = list.path("has_next_page").asBoolean(false) && !itemIds.isEmpty();
        if (more) {
            int nextOffset = list.path("next_offset").asInt(offset + itemIds.size());
            if (nextOffset <= offset) throw http.errors().malformedBody(200, null, "next_offset does not advance");
            if (nextOffset >= offsetCap && oldest != Long.MAX_VALUE) {
                next = statusIndex + ":0:" + oldest;
            } else {
                next = statusIndex + ":" + nextOffset + ":" + (sliceTo == null ? "" : sliceTo);
            }
        } else if (statusIndex + 1 < SCANNED_STATUSES.size()) {
            next = (statusIndex + 1) + ":0:";
        }
        return details(store, next, itemIds, new ArrayList<>(), new ArrayList<>());
    }

    /**
     * Reads details until the page has a listing or nothing is left to read: items with variants first (one
     * {@code get_model_list} each), else the next 50 items ({@code get_item_base_info}). A page thus costs one call,
     * or two or three where it reads a new item page.
     */
    private ListingPage details(StoreAccess store, @Nullable String next, List<String> items, List<String> models,
            List<ConnectorListing> listings) {
        while (listings.isEmpty() && (!items.isEmpty() || !models.isEmpty())) {
            if (!models.isEmpty()) {
                String[] model = models.remove(0).split(":", -1);
                if (model.length != 2 || !CURSOR_ID.matcher(model[0]).matches()) {
                    throw new IllegalArgumentException("not a cursor of this connector");
                }
                listings.addAll(modelListings(store, model[0], "1".equals(model[1])));
            } else {
                List<String> chunk = new ArrayList<>(items.subList(0, Math.min(items.size(), BATCH)));
                items.subList(0, chunk.size()).clear();
                baseInfo(store, chunk, listings, models);
            }
        }
        return new ListingPage(listings, detailCursor(next, items, models), -1);
    }

    private static final String DETAIL_CURSOR = "d;";
    /** Ids a cursor can carry (Shopee's are digits; nothing that could split the cursor). */
    private static final Pattern CURSOR_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private static @Nullable String detailCursor(@Nullable String next, List<String> items, List<String> models) {
        if (items.isEmpty() && models.isEmpty()) return next;
        return DETAIL_CURSOR + (next == null ? "" : next) + ";" + String.join(",", items) + ";" + String.join(",", models);
    }

    private static List<String> ids(String joined) {
        return joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    /**
     * One {@code get_item_base_info} call: items without variants become listings; items with variants are queued in
     * {@code models} ({@code id:1} on sale, {@code id:0} not) for a {@code get_model_list} page each.
     */
    private void baseInfo(StoreAccess store, List<String> chunk, List<ConnectorListing> listings, List<String> models) {
        for (String id : chunk) {
            if (!CURSOR_ID.matcher(id).matches()) throw new IllegalArgumentException("not a cursor of this connector");
        }
        JsonNode base = response(shopCall(store, "product.get_item_base_info", "GET",
                "/api/v2/product/get_item_base_info", List.<String[]>of(param("item_id_list", String.join(",", chunk))), null));
        for (JsonNode item : base.path("item_list")) {
            String itemId = idText(item.get("item_id"));
            if (itemId == null || !CURSOR_ID.matcher(itemId).matches()) {
                throw http.errors().malformedBody(200, null, "an item without a valid item_id");
            }
            boolean itemActive = "NORMAL".equals(text(item, "item_status"));
            if (item.path("has_model").asBoolean(false)) {
                models.add(itemId + (itemActive ? ":1" : ":0"));
            } else {
                listings.add(wellFormed(() -> new ConnectorListing(itemId, null, blankToNull(text(item, "item_sku")),
                        price(item.path("price_info")), stock(item.path("stock_info_v2"), store), itemActive)));
            }
        }
    }

    /** One {@code get_model_list} call: a listing per model of the item. */
    private List<ConnectorListing> modelListings(StoreAccess store, String itemId, boolean itemActive) {
        JsonNode models = response(shopCall(store, "product.get_model_list", "GET", "/api/v2/product/get_model_list",
                List.<String[]>of(param("item_id", itemId)), null));
        List<ConnectorListing> out = new ArrayList<>();
        for (JsonNode m : models.path("model")) {
            String modelId = idText(m.get("model_id"));
            if (modelId == null) throw http.errors().malformedBody(200, null, "a model without model_id");
            boolean active = itemActive && !"MODEL_UNAVAILABLE".equals(text(m, "model_status"));
            out.add(wellFormed(() -> new ConnectorListing(itemId, "0".equals(modelId) ? null : modelId,
                    blankToNull(text(m, "model_sku")), price(m.path("price_info")), stock(m.path("stock_info_v2"), store),
                    active)));
        }
        return out;
    }

    /** The {@code original_price} (what {@code update_price} writes) of the first price entry. */
    private static @Nullable BigDecimal price(JsonNode priceInfo) {
        JsonNode first = priceInfo.isArray() ? priceInfo.path(0) : priceInfo;
        JsonNode p = first.get("original_price");
        return p == null || !p.isNumber() ? null : p.decimalValue();
    }

    /** The seller stock of the store's location, or summed over locations; the summary when there is none. */
    private static @Nullable Integer stock(JsonNode info, StoreAccess store) {
        String location = location(store);
        JsonNode seller = info.path("seller_stock");
        if (seller.isArray() && !seller.isEmpty()) {
            long sum = 0;
            for (JsonNode s : seller) {
                if (location == null || location.equals(text(s, "location_id"))) sum += s.path("stock").asLong(0);
            }
            return (int) Math.min(Integer.MAX_VALUE, sum);
        }
        JsonNode total = info.path("summary_info").get("total_available_stock");
        return total == null || !total.isNumber() ? null : total.asInt();
    }

    // ---- stock and prices ------------------------------------------------------------------------------------------

    /**
     * {@code product/update_stock}, one call per item with its models (at most 50 a batch in all), always the
     * {@code seller_stock} shape, with the store's {@link #LOCATION_ID} when it has one. {@code failure_list} entries
     * and item-level refusals ({@code error_item_not_found}, {@code error_busi...}) are per-listing failures; throttling,
     * rejected credentials and transient faults end the call with an exception (a retry rewrites the same absolute
     * quantities, so the items already written are not harmed).
     */
    @Override
    public List<PushResult> pushStock(StoreAccess store, List<StockUpdate> updates) {
        if (updates.size() > BATCH) throw new IllegalArgumentException("at most " + BATCH + " stock updates per call");
        String location = location(store);
        return perItem(updates.stream().map(u -> new Write(u.platformProductId(), u.platformVariantId(),
                location(u.quantity(), location))).toList(), store, "product.update_stock", "/api/v2/product/update_stock",
                "stock_list");
    }

    private static ObjectNode location(int quantity, @Nullable String location) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        if (location != null) s.put("location_id", location);
        s.put("stock", quantity);
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.putArray("seller_stock").add(s);
        return entry;
    }

    /** {@code product/update_price} ({@code original_price}), batched as {@link #pushStock}. */
    @Override
    public List<PushResult> pushPrices(StoreAccess store, List<PriceUpdate> updates) {
        if (updates.size() > BATCH) throw new IllegalArgumentException("at most " + BATCH + " price updates per call");
        return perItem(updates.stream().map(u -> {
            ObjectNode entry = JsonNodeFactory.instance.objectNode();
            entry.put("original_price", u.price());
            return new Write(u.platformProductId(), u.platformVariantId(), entry);
        }).toList(), store, "product.update_price", "/api/v2/product/update_price", "price_list");
    }

    private record Write(String itemId, @Nullable String modelId, ObjectNode fields) {}

    private List<PushResult> perItem(List<Write> writes, StoreAccess store, String operation, String path, String listField) {
        Map<String, List<Write>> byItem = new LinkedHashMap<>();
        for (Write w : writes) byItem.computeIfAbsent(w.itemId(), k -> new ArrayList<>()).add(w);
        Map<Write, PushResult> results = new HashMap<>();
        for (Map.Entry<String, List<Write>> item : byItem.entrySet()) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.set("item_id", idNode(item.getKey()));
            var list = body.putArray(listField);
            for (Write w : item.getValue()) {
                ObjectNode entry = JsonNodeFactory.instance.objectNode();
                entry.set("model_id", idNode(w.modelId() == null ? "0" : w.modelId()));
                entry.setAll(w.fields());
                list.add(entry);
            }
            JsonNode reply;
            try {
                reply = shopCall(store, operation, "POST", path, List.of(), body);
            } catch (RateLimitedException | CredentialsRejectedException e) {
                throw e;
            } catch (ConnectorException e) {
                if (e.retryable()) throw e;
                // a refusal of the one item this call is about (error_item_not_found, error_busi_..., a promotion lock)
                String reason = e.platformCode().orElse("refused") + " [request " + e.requestId().orElse("-") + "]";
                for (Write w : item.getValue()) results.put(w, new PushResult(w.itemId(), w.modelId(), false, reason));
                continue;
            }
            JsonNode response = response(reply);
            Map<String, String> failed = new HashMap<>();
            for (JsonNode f : response.path("failure_list")) {
                String modelId = idText(f.get("model_id"));
                String reason = text(f, "failed_reason");
                failed.put(modelId == null ? "0" : modelId, reason == null || reason.isBlank() ? "refused" : reason);
            }
            for (Write w : item.getValue()) {
                String reason = failed.get(w.modelId() == null ? "0" : w.modelId());
                results.put(w, reason == null ? PushResult.ok(w.itemId(), w.modelId())
                        : new PushResult(w.itemId(), w.modelId(), false, reason));
            }
        }
        List<PushResult> out = new ArrayList<>(writes.size());
        for (Write w : writes) out.add(results.get(w));
        return out;
    }

    private static @Nullable String location(StoreAccess store) {
        Secret location = store.credentials().extra().get(LOCATION_ID);
        return location == null || location.reveal().isBlank() ? null : location.reveal().trim();
    }

    // ---- orders ----------------------------------------------------------------------------------------------------

    /**
     * {@code get_order_list} by {@code update_time} over {@code [from, to)} in whole seconds (start rounded down, end
     * up: a few orders at the edges may come twice, which ingestion absorbs), 100 a page with Shopee's cursor, then
     * {@code get_order_detail} for the page in calls of 50.
     */
    @Override
    public OrderPage ordersChanged(StoreAccess store, Instant from, Instant to, @Nullable String cursor) {
        if (!from.isBefore(to)) throw new IllegalArgumentException("from must be before to");
        if (Duration.between(from, to).compareTo(MAX_ORDER_WINDOW) > 0) {
            throw new IllegalArgumentException("the window is wider than " + MAX_ORDER_WINDOW);
        }
        long timeFrom = from.getEpochSecond();
        long timeTo = to.getEpochSecond() + (to.getNano() > 0 ? 1 : 0);
        List<String[]> query = new ArrayList<>();
        query.add(param("time_range_field", "update_time"));
        query.add(param("time_from", Long.toString(timeFrom)));
        query.add(param("time_to", Long.toString(timeTo)));
        query.add(param("page_size", Integer.toString(PAGE_SIZE)));
        query.add(param("cursor", cursor == null ? "" : cursor));
        query.add(param("response_optional_fields", "order_status"));
        JsonNode list = response(shopCall(store, "order.get_order_list", "GET", "/api/v2/order/get_order_list", query, null));
        List<String> ids = new ArrayList<>();
        for (JsonNode o : list.path("order_list")) {
            String sn = blankToNull(text(o, "order_sn"));
            if (sn == null) throw http.errors().malformedBody(200, null, "an order without order_sn");
            if (!ids.contains(sn)) ids.add(sn);
        }
        List<OrderSnapshot> orders = ordersById(store, ids);
        String next = null;
        if (list.path("more").asBoolean(false)) {
            next = blankToNull(text(list, "next_cursor"));
            if (next == null || next.equals(cursor)) {
                throw http.errors().malformedBody(200, null, "more=true without a new next_cursor");
            }
        }
        return new OrderPage(orders, next);
    }

    /** {@code get_order_detail} in calls of 50 order numbers; numbers Shopee does not know are left out. */
    @Override
    public List<OrderSnapshot> ordersById(StoreAccess store, List<String> platformOrderIds) {
        List<String> ids = platformOrderIds.stream().filter(id -> id != null && !id.isBlank() && id.indexOf(',') < 0)
                .distinct().toList();
        List<OrderSnapshot> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += BATCH) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + BATCH));
            JsonNode detail = response(shopCall(store, "order.get_order_detail", "GET", "/api/v2/order/get_order_detail",
                    List.<String[]>of(param("order_sn_list", String.join(",", chunk)),
                            param("response_optional_fields", DETAIL_FIELDS)), null));
            for (JsonNode o : detail.path("order_list")) out.add(snapshot(store, o));
        }
        return out;
    }

    private OrderSnapshot snapshot(StoreAccess store, JsonNode o) {
        return wellFormed(() -> {
            String sn = Objects.requireNonNull(blankToNull(text(o, "order_sn")), "order_sn");
            String status = Objects.requireNonNull(blankToNull(text(o, "order_status")), "order_status");
            String currency = Objects.requireNonNull(blankToNull(text(o, "currency")), "currency");
            BigDecimal total = money(o, "total_amount");
            if (total == null) throw new IllegalArgumentException("total_amount");
            List<OrderLineSnapshot> lines = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            BigDecimal subtotal = BigDecimal.ZERO;
            for (JsonNode l : o.path("item_list")) {
                String itemId = idText(l.get("item_id"));
                String modelId = idText(l.get("model_id"));
                String variant = modelId == null || "0".equals(modelId) ? null : modelId;
                int quantity = l.path("model_quantity_purchased").asInt(0);
                BigDecimal discounted = money(l, "model_discounted_price");
                BigDecimal unit = discounted != null && discounted.signum() > 0 ? discounted : money(l, "model_original_price");
                if (unit == null) unit = BigDecimal.ZERO;
                BigDecimal lineTotal = unit.multiply(BigDecimal.valueOf(quantity));
                subtotal = subtotal.add(lineTotal);
                String orderItem = idText(l.get("order_item_id"));
                String base = (orderItem != null ? orderItem : itemId) + ":" + (modelId == null ? "0" : modelId);
                int n = seen.merge(base, 1, Integer::sum);
                String lineId = n == 1 ? base : base + "#" + n;
                String sku = blankToNull(variant != null ? text(l, "model_sku") : null);
                if (sku == null) sku = blankToNull(text(l, "item_sku"));
                String name = blankToNull(text(l, "item_name"));
                String modelName = blankToNull(text(l, "model_name"));
                if (name != null && modelName != null) name = name + " (" + modelName + ")";
                lines.add(new OrderLineSnapshot(lineId, itemId, variant, sku, name != null ? name : sku != null ? sku
                        : "item", quantity, unit, lineTotal));
            }
            BigDecimal shipping = money(o, "actual_shipping_fee");
            if (shipping == null || shipping.signum() == 0) shipping = money(o, "estimated_shipping_fee");
            if (shipping == null || shipping.signum() < 0) shipping = BigDecimal.ZERO;
            BigDecimal discount = subtotal.add(shipping).subtract(total);
            if (discount.signum() < 0) discount = BigDecimal.ZERO;
            Map<String, Object> customer = new LinkedHashMap<>();
            putText(customer, "username", text(o, "buyer_username"));
            putText(customer, "buyer_user_id", idText(o.get("buyer_user_id")));
            JsonNode address = o.path("recipient_address");
            putText(customer, "name", text(address, "name"));
            putText(customer, "phone", text(address, "phone"));
            if (address.isObject()) {
                Map<String, Object> a = new LinkedHashMap<>();
                for (String f : List.of("full_address", "town", "district", "city", "state", "region", "zipcode")) {
                    putText(a, f, text(address, f));
                }
                if (!a.isEmpty()) customer.put("address", a);
            }
            Map<String, Object> data = new LinkedHashMap<>();
            for (String f : List.of("region", "cod", "days_to_ship", "ship_by_date", "booking_sn", "shipping_carrier",
                    "payment_method", "cancel_by", "cancel_reason", "pay_time", "create_time", "update_time")) {
                JsonNode v = o.get(f);
                if (v != null && v.isValueNode() && !v.isNull()) {
                    data.put(f, v.isBoolean() ? v.asBoolean() : v.isIntegralNumber() ? v.bigIntegerValue() : v.asText());
                }
            }
            long created = o.path("create_time").asLong(0);
            long updated = o.path("update_time").asLong(0);
            if (created <= 0 || updated <= 0) throw new IllegalArgumentException("create_time/update_time");
            return new OrderSnapshot(store.storeId(), sn, sn, status, OrderStatusMapping.map(PLATFORM, status),
                    financial(status, o), fulfillment(status), subtotal, BigDecimal.ZERO, shipping, discount, total,
                    currency, customer, List.of(), blankToNull(text(o, "message_to_seller")),
                    Instant.ofEpochSecond(created), Instant.ofEpochSecond(updated), data, lines);
        });
    }

    private static @Nullable FinancialStatus financial(String status, JsonNode o) {
        if ("UNPAID".equals(status)) return FinancialStatus.PENDING;
        if (o.path("pay_time").asLong(0) > 0) return FinancialStatus.PAID;
        return null;
    }

    private static @Nullable FulfillmentStatus fulfillment(String status) {
        return switch (status) {
            case "UNPAID", "READY_TO_SHIP", "PROCESSED", "RETRY_SHIP", "INVOICE_PENDING", "PENDING" -> FulfillmentStatus.UNFULFILLED;
            case "SHIPPED", "TO_CONFIRM_RECEIVE", "COMPLETED" -> FulfillmentStatus.FULFILLED;
            default -> null;
        };
    }

    private static void putText(Map<String, Object> map, String key, @Nullable String value) {
        if (value != null && !value.isBlank()) map.put(key, value);
    }

    /** A money field read exactly: a JSON number's own digits, or a numeric string. */
    private static @Nullable BigDecimal money(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (v.isNumber()) return v.decimalValue();
        if (v.isTextual() && !v.asText().isBlank()) return new BigDecimal(v.asText().trim());
        throw new IllegalArgumentException(field);
    }

    // ---- push ------------------------------------------------------------------------------------------------------

    /** Shopee signs pushes with the partner key: verification needs nothing of the store's. */
    @Override
    public boolean verifiesWithAppSecret() {
        return true;
    }

    /**
     * Checks {@code Authorization} = lower-case hex HMAC-SHA256(partner key, {@code push_url + "|" + raw body}) in
     * constant time (against {@code push_partner_key} too when set), then that the body's {@code timestamp} is within
     * five minutes of now. No I/O.
     */
    @Override
    public VerifiedWebhook verifyAppWebhook(WebhookDelivery delivery) {
        if (delivery.bodySize() > MAX_PUSH_BYTES) {
            throw new WebhookSignatureException("push of " + delivery.bodySize() + " bytes exceeds " + MAX_PUSH_BYTES);
        }
        if (pushUrl == null) throw new WebhookSignatureException("the push_url setting is missing: pushes cannot be verified");
        String authorization = delivery.header("Authorization").map(String::trim).orElse("");
        if (authorization.isEmpty()) throw new WebhookSignatureException("no Authorization header");
        byte[] body = delivery.body();
        if (!pushSignatureMatches(body, authorization)) {
            throw new WebhookSignatureException("the push's Authorization does not match");
        }
        JsonNode push = readPush(body);
        if (push == null) throw new WebhookSignatureException("the push body is not a JSON object");
        JsonNode ts = push.get("timestamp");
        // the verification push (code 0) comes without a timestamp, as observed; it is for no shop and changes nothing,
        // so a replay of it is harmless
        boolean verification = push.path("code").asInt(-1) == 0 && ts == null;
        if (!verification && (ts == null || !ts.canConvertToLong() || !pushTolerance.acceptsEpochSeconds(ts.asLong()))) {
            throw new WebhookSignatureException("the push's timestamp is missing or outside the "
                    + PUSH_TOLERANCE.toMinutes() + "-minute tolerance");
        }
        return new VerifiedWebhook(dedupeKey(push), eventType(push.path("code").asInt(-1)));
    }

    /**
     * Whether {@code authorization} is the lower-case hex HMAC-SHA256 of {@code push_url + "|" + body} under the partner
     * key (or the push key), compared in constant time; every key is tried whichever matches.
     */
    boolean pushSignatureMatches(byte[] body, String authorization) {
        if (pushUrl == null) return false;
        byte[] prefix = (pushUrl + "|").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        String given = authorization.trim().toLowerCase(Locale.ROOT);
        boolean valid = HmacSha256.constantTimeEquals(signer.hex(signed), given);
        if (pushSigner != null) valid |= HmacSha256.constantTimeEquals(pushSigner.hex(signed), given);
        return valid;
    }

    /** {@link #verifyAppWebhook}, and the push must be for this store's shop. */
    @Override
    public VerifiedWebhook verifyWebhook(StoreAccess store, WebhookDelivery delivery) {
        VerifiedWebhook verified = verifyAppWebhook(delivery);
        String shop = webhookShopId(delivery).orElse(null);
        if (shop != null && !shop.equals(store.platformStoreId())) {
            throw new WebhookSignatureException("the push is for another shop");
        }
        return verified;
    }

    /** The push's {@code shop_id}; empty for partner-level pushes (code 0 verification, code 1 and 2 without a shop). */
    @Override
    public Optional<String> webhookShopId(WebhookDelivery delivery) {
        JsonNode push = readPush(delivery.body());
        if (push == null) return Optional.empty();
        String shop = idText(push.get("shop_id"));
        return shop == null || shop.equals("0") ? Optional.empty() : Optional.of(shop);
    }

    /**
     * The code-0 push Shopee sends when the push URL is set: it names no shop and must be answered 2xx, so
     * {@code receiveWebhook} acknowledges it without routing it to a store.
     */
    @Override
    public boolean webhookForAppOnly(WebhookDelivery delivery) {
        JsonNode push = readPush(delivery.body());
        return push != null && push.path("code").asInt(-1) == 0;
    }

    @Override
    public Set<String> storedWebhookHeaders() {
        return Set.of("content-type");
    }

    /**
     * Code 3 (order status) and 4 (tracking number) → {@link WebhookEvent.Kind#ORDER_CHANGED} naming
     * {@code data.ordersn} with no order: a push is a hint, the engine fetches the order. Codes 2 (deauthorisation) and
     * 12 (authorisation about to expire) → {@link WebhookEvent.Kind#AUTHORIZATION_REVOKED}, which flags the store.
     * Code 6 (banned item) and 8 (reserved stock change) → {@link WebhookEvent.Kind#LISTING_CHANGED}. The rest →
     * {@link WebhookEvent.Kind#OTHER}.
     */
    @Override
    public List<WebhookEvent> parseWebhook(StoreAccess store, WebhookDelivery delivery) {
        JsonNode push = readPush(delivery.body());
        if (push == null) throw new ValidationException("the push body is not a JSON object");
        int code = push.path("code").asInt(-1);
        JsonNode data = push.path("data");
        return switch (code) {
            case 3, 4 -> {
                String sn = orderSn(data);
                if (sn == null) throw new ValidationException("order push (code " + code + ") names no ordersn");
                yield List.of(new WebhookEvent(WebhookEvent.Kind.ORDER_CHANGED, sn, null));
            }
            case 2, 12 -> List.of(new WebhookEvent(WebhookEvent.Kind.AUTHORIZATION_REVOKED, null, null));
            case 6, 8 -> List.of(new WebhookEvent(WebhookEvent.Kind.LISTING_CHANGED, idText(data.get("item_id")), null));
            default -> List.of(new WebhookEvent(WebhookEvent.Kind.OTHER, null, null));
        };
    }

    /**
     * The key a push is deduplicated on: Shopee sends no event id, so {@code code:shop_id:ordersn:update_time} for
     * order pushes (a redelivery or a lost-push replay of the same change is one event; a later change is another) and
     * null otherwise (StoreSync then deduplicates on a digest of the body).
     */
    static @Nullable String dedupeKey(JsonNode push) {
        int code = push.path("code").asInt(-1);
        if (code != 3 && code != 4) return null;
        JsonNode data = push.path("data");
        String sn = orderSn(data);
        if (sn == null) return null;
        String shop = idText(push.get("shop_id"));
        String updated = idText(data.get("update_time"));
        if (updated == null) updated = idText(push.get("timestamp"));
        String tracking = code == 4 ? ":" + Objects.requireNonNullElse(text(data, "tracking_no"),
                Objects.requireNonNullElse(text(data, "tracking_number"), "")) : "";
        return "shopee:" + code + ":" + shop + ":" + sn + ":" + updated + tracking;
    }

    private static @Nullable String orderSn(JsonNode data) {
        String sn = blankToNull(text(data, "ordersn"));
        return sn != null ? sn : blankToNull(text(data, "order_sn"));
    }

    static String eventType(int code) {
        return switch (code) {
            case 0 -> "verification";
            case 1 -> "shop_authorization";
            case 2 -> "shop_deauthorization";
            case 3 -> "order_status";
            case 4 -> "order_tracking_number";
            case 5 -> "shopee_updates";
            case 6 -> "banned_item";
            case 7 -> "item_promotion";
            case 8 -> "reserved_stock_change";
            case 9 -> "promotion_update";
            case 12 -> "authorization_expiry";
            case 15 -> "shipping_document_status";
            default -> code < 0 ? "unknown" : "code_" + code;
        };
    }

    private @Nullable JsonNode readPush(byte[] body) {
        try {
            JsonNode node = http.json().mapper().readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    // ---- lost pushes -----------------------------------------------------------------------------------------------

    /** One message from {@code push/get_lost_push_message}. */
    public record LostPush(@Nullable String shopId, int code, long timestamp, JsonNode data) {}

    /** A page of lost pushes and the id to confirm them with. */
    public record LostPushes(List<LostPush> messages, @Nullable String lastMessageId, boolean more) {
        public LostPushes {
            messages = List.copyOf(messages);
        }
    }

    /**
     * The earliest 100 pushes Shopee failed to deliver in the last three days and nobody confirmed
     * ({@code push/get_lost_push_message}, partner-level), as Shopee lists them. Shopee never redelivers them: the
     * engine's missed-webhook sweep collects them through {@link #missedWebhooks()}. Blocks on I/O.
     *
     * @throws ConnectorException when one message's {@code data} is not JSON (which {@link #missedWebhooks()} reports
     *     instead, and confirms with its page)
     */
    public LostPushes lostPushes() {
        JsonNode r = lostPushPage();
        List<LostPush> messages = new ArrayList<>();
        for (JsonNode m : r.path("push_message_list")) {
            JsonNode data = lostPushData(m.path("data"));
            if (data == null) throw http.errors().malformedBody(200, null, "a lost push whose data is not JSON");
            messages.add(new LostPush(idText(m.get("shop_id")), m.path("code").asInt(-1), m.path("timestamp").asLong(0),
                    data));
        }
        return new LostPushes(messages, idText(r.get("last_message_id")), r.path("has_next_page").asBoolean(false));
    }

    private JsonNode lostPushPage() {
        return response(publicCall("push.get_lost_push_message", "GET", "/api/v2/push/get_lost_push_message",
                List.of(), null));
    }

    /** A lost push's {@code data}, which Shopee lists as JSON text, parsed; null when that text is not JSON. */
    private @Nullable JsonNode lostPushData(JsonNode data) {
        if (!data.isTextual()) return data;
        try {
            return http.json().mapper().readTree(data.asText());
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The lost pushes ({@code push/get_lost_push_message}), each re-rendered as the push Shopee would have sent:
     * {@code {"data": ..., "shop_id": ..., "code": ..., "timestamp": ...}}, so {@link #parseWebhook} reads it like any
     * push and its dedupe key ({@code shopee:<code>:<shop_id>:<ordersn>:<update_time>} for order pushes) is the live
     * push's: a push that did arrive is stored once. No signature is checked: the list is the answer to a call signed
     * with the partner key, from Shopee's host (see {@link Connector#missedWebhooks()}). A message whose {@code data}
     * is not JSON, or that names no shop (nothing to route it to), is listed as unreadable and confirmed with its page.
     * The confirmation is Shopee's {@code last_message_id}. Blocks on I/O.
     */
    @Override
    public MissedWebhooks missedWebhooks() {
        JsonNode r = lostPushPage();
        List<MissedWebhook> webhooks = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        int index = 0;
        for (JsonNode m : r.path("push_message_list")) {
            index++;
            int code = m.path("code").asInt(-1);
            String shop = idText(m.get("shop_id"));
            // the reason names the entry's place and code only: its data may hold a buyer's details
            String which = "lost push " + index + " of the page (code " + code + ")";
            if (shop == null || shop.equals("0")) {
                unreadable.add(which + " names no shop");
                continue;
            }
            JsonNode data = m.has("data") ? lostPushData(m.get("data")) : null;
            if (data == null || !data.isObject()) {
                unreadable.add(which + ": its data is not a JSON object");
                continue;
            }
            // the live push's shape and field order (data, shop_id, code, timestamp)
            ObjectNode push = JsonNodeFactory.instance.objectNode();
            push.set("data", data);
            push.set("shop_id", idNode(shop));
            push.put("code", code);
            JsonNode ts = m.get("timestamp");
            if (ts != null && ts.canConvertToLong()) push.put("timestamp", ts.asLong());
            byte[] body;
            try {
                body = http.json().mapper().writeValueAsBytes(push);
            } catch (IOException e) {
                unreadable.add(which + ": it cannot be written back as a push");
                continue;
            }
            webhooks.add(new MissedWebhook(shop, new VerifiedWebhook(dedupeKey(push), eventType(code)),
                    new WebhookDelivery(Map.of("Content-Type", List.of("application/json")), body)));
        }
        return new MissedWebhooks(webhooks, unreadable, idText(r.get("last_message_id")),
                r.path("has_next_page").asBoolean(false));
    }

    /** {@code push/confirm_consumed_lost_push_message} up to the page's {@code last_message_id}. Blocks on I/O. */
    @Override
    public void confirmMissedWebhooks(String confirmation) {
        confirmLostPushes(confirmation);
    }

    /** Confirms every lost push up to {@code lastMessageId} as consumed. Blocks on I/O. */
    public void confirmLostPushes(String lastMessageId) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("last_message_id", idNode(lastMessageId));
        publicCall("push.confirm_consumed_lost_push_message", "POST", "/api/v2/push/confirm_consumed_lost_push_message",
                List.of(), body);
    }

    // ---- transport -------------------------------------------------------------------------------------------------

    private JsonNode publicCall(String operation, String method, String path, List<String[]> params,
            @Nullable JsonNode body) {
        long ts = clock.instant().getEpochSecond();
        StringBuilder q = new StringBuilder("partner_id=").append(signer.partnerId()).append("&timestamp=").append(ts)
                .append("&sign=").append(signer.sign(ShopeeSigner.Level.PUBLIC, path, ts, null, null));
        return send(operation, method, path, q, params, body);
    }

    private JsonNode shopCall(StoreAccess store, String operation, String method, String path, List<String[]> params,
            @Nullable JsonNode body) {
        long ts = clock.instant().getEpochSecond();
        String token = store.credentials().accessToken().reveal();
        String shop = store.platformStoreId();
        StringBuilder q = new StringBuilder("partner_id=").append(signer.partnerId()).append("&timestamp=").append(ts)
                .append("&access_token=").append(encode(token)).append("&shop_id=").append(encode(shop))
                .append("&sign=").append(signer.sign(ShopeeSigner.Level.SHOP, path, ts, token, shop));
        try {
            return send(operation, method, path, q, params, body);
        } catch (AccessTokenRejectedException e) {
            throw e;
        } catch (CredentialsRejectedException e) {
            String code = e.platformCode().map(c -> c.substring(c.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)).orElse("");
            // the access token is refused but the refresh token may still work: the engine refreshes once and retries
            if (!ACCESS_TOKEN_REFUSED.contains(code)) throw e;
            throw new AccessTokenRejectedException(PLATFORM, e.platformCode().orElse(null), e.getMessage(),
                    e.requestId().orElse(null), e.httpStatus());
        }
    }

    private JsonNode send(String operation, String method, String path, StringBuilder query, List<String[]> params,
            @Nullable JsonNode body) {
        for (String[] p : params) query.append('&').append(encode(p[0])).append('=').append(encode(p[1]));
        URI uri = URI.create(apiBase + path + "?" + query);
        ConnectorRequest request = "GET".equals(method) ? ConnectorRequest.get(operation, uri)
                : ConnectorRequest.postJson(operation, uri, body == null ? "{}".getBytes(StandardCharsets.UTF_8)
                        : http.json().write(body));
        try {
            return http.exchange(request.withHeader("Accept", "application/json"));
        } catch (RateLimitedException e) {
            if (!e.platformCode().map(c -> c.endsWith("error_limit")).orElse(false)) throw e;
            throw new RateLimitedException(PLATFORM, e.platformCode().orElse(null),
                    "the app's daily call quota is spent; it resets at 00:00 UTC+8", e.requestId().orElse(null),
                    e.httpStatus(), untilQuotaReset());
        }
    }

    /** How long until 00:00 UTC+8, when Shopee resets the daily quota. */
    Duration untilQuotaReset() {
        Instant now = clock.instant();
        LocalDate today = now.atOffset(QUOTA_ZONE).toLocalDate();
        Instant reset = today.plusDays(1).atStartOfDay().toInstant(QUOTA_ZONE);
        return Duration.between(now, reset);
    }

    private JsonNode response(JsonNode reply) {
        JsonNode r = reply.get("response");
        if (r == null || !r.isObject()) throw http.errors().malformedBody(200, requestId(reply), "no response object");
        return r;
    }

    private static @Nullable String requestId(JsonNode reply) {
        return text(reply, "request_id");
    }

    /** Runs a mapping, turning any validation failure of the api's values into a malformed-body error. */
    private <T> T wellFormed(Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (ConnectorException e) {
            throw e;
        } catch (RuntimeException e) {
            // named by type only: the message may quote content
            throw http.errors().malformedBody(200, null, "invalid value (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** An id as JSON: a number when it is one (Shopee's ids are int64), else the text as given. */
    static JsonNode idNode(String id) {
        if (DIGITS.matcher(id).matches()) return JsonNodeFactory.instance.numberNode(new BigInteger(id));
        return JsonNodeFactory.instance.textNode(id);
    }

    /** An id's exact text, whether sent as a JSON number or a string; null when absent. */
    static @Nullable String idText(@Nullable JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return null;
        if (node.isIntegralNumber()) return node.bigIntegerValue().toString();
        if (node.isValueNode()) return blankToNull(node.asText());
        return null;
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String[] param(String name, String value) {
        return new String[] {name, value};
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new HashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    @Override
    public String toString() {
        return "ShopeeConnector[partner " + signer.partnerId() + ", " + apiBase.getHost() + "]";
    }
}
