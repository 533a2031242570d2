package io.storesync.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import io.storesync.api.ErrorCode;
import io.storesync.api.Secret;
import io.storesync.api.StoreSyncException;
import io.storesync.api.ValidationException;
import io.storesync.api.order.FinancialStatus;
import io.storesync.api.order.FulfillmentStatus;
import io.storesync.api.order.OrderLineSnapshot;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.order.OrderStatusMapping;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.webhook.WebhookSignatureException;
import io.storesync.connector.kit.ConnectorEventListener;
import io.storesync.connector.kit.ConnectorHttp;
import io.storesync.connector.kit.ConnectorHttpConfig;
import io.storesync.connector.kit.ConnectorRequest;
import io.storesync.connector.kit.ErrorClassifier;
import io.storesync.connector.kit.ErrorClassifier.Kind;
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
import io.storesync.spi.connector.CredentialsRejectedException;
import io.storesync.spi.connector.ListingPage;
import io.storesync.spi.connector.OrderPage;
import io.storesync.spi.connector.PriceUpdate;
import io.storesync.spi.connector.PushResult;
import io.storesync.spi.connector.StockSemantics;
import io.storesync.spi.connector.StockUpdate;
import io.storesync.spi.connector.StoreAccess;
import io.storesync.spi.connector.VerifiedWebhook;
import io.storesync.spi.connector.WebhookDelivery;
import io.storesync.spi.connector.WebhookEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The TikTok Shop connector: the Open API's 202309 endpoints, signed as {@link TikTokSigner} says, with the
 * {@code x-tts-access-token} header and each shop's {@code shop_cipher}.
 *
 * <p>Settings ({@link ConnectorSettings}): values {@code app_key} (required), {@code service_id} (for the consent URL),
 * {@code api_base_url} (default {@value #DEFAULT_API}), {@code auth_base_url} (default {@value #DEFAULT_AUTH}),
 * {@code consent_url} (default {@value #DEFAULT_CONSENT}; {@code https://services.us.tiktokshop.com/open/authorize}
 * for US sellers), {@code default_warehouse_id}, {@code webhook_url} (each shop of a consent is subscribed to
 * {@link #CONSENT_WEBHOOKS} there), {@code connect_timeout_ms}, {@code request_timeout_ms},
 * {@code search_result_cap} (default 10,000; lower only against a simulator),
 * {@code allow_http} (tests only); secret {@code app_secret} (required).
 *
 * <p>Credentials: one consent yields one access token for every shop it grants, so each store's credentials carry
 * the consent's access and refresh token and, in {@code extra}, its own shop's {@code shop_cipher:<shop id>}
 * ({@link AuthorizedShop#credentials()}; stores connected before that carry every shop's cipher, which works too).
 *
 * <p>Thread-safe; one instance serves every TikTok Shop store. Makes one attempt per call, except that a stock or
 * price push for a product it has not seen since it started first reads the product (to learn its warehouses and
 * currency). Throws only the SPI's exceptions.
 */
public final class TikTokShopConnector implements Connector {
    /** The platform name, as seeded in {@code platforms}. */
    public static final String PLATFORM = "tiktok_shop";
    /** The default API host. */
    public static final String DEFAULT_API = "https://open-api.tiktokglobalshop.com";
    /** The default token host. */
    public static final String DEFAULT_AUTH = "https://auth.tiktok-shops.com";
    /** The default (rest of world) seller consent page. */
    public static final String DEFAULT_CONSENT = "https://services.tiktokshop.com/open/authorize";
    /** Credentials {@code extra} key prefix of a shop's cipher: {@code shop_cipher:<shop id>}. */
    public static final String CIPHER_PREFIX = "shop_cipher:";
    /** Credentials {@code extra} key of the refresh token's expiry (epoch seconds): the consent's hard deadline. */
    public static final String REFRESH_EXPIRES_AT = "refresh_token_expires_at";
    /** Items per search page (TikTok's maximum). */
    public static final int PAGE_SIZE = 100;
    /** Order ids per detail call (TikTok's maximum). */
    public static final int MAX_ORDER_IDS = 50;
    /** Product search refuses to page past this many results (error 12052180): the search is split by update time. */
    public static final int SEARCH_CAP = 10_000;
    /** The largest webhook body verified; larger ones are refused before any MAC is computed. */
    public static final int MAX_WEBHOOK_BYTES = 256 * 1024;
    /** How far a webhook's {@code timestamp} may be from now, either way. */
    public static final Duration WEBHOOK_TOLERANCE = Duration.ofMinutes(5);
    /**
     * Ten calls a second per shop, bursts of ten, one-day order windows. TikTok's inventory and price updates are per
     * product, so a push batch becomes one HTTP call per distinct product in it (plus one product read for a product
     * not seen since start): batches are kept to ten listings so one rate-limiter token never stands for more than
     * ten calls (the SPI counts connector calls, not HTTP calls; see docs/tiktok-shop.md).
     */
    static final ConnectorLimits LIMITS = new ConnectorLimits(10, 10, 10, 10, Duration.ofDays(1));
    /** TikTok's order search trails writes; two minutes is the safe start the SPI suggests. */
    static final Duration ORDER_INDEX_LAG = Duration.ofMinutes(2);

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TikTokShopConnector.class);
    /**
     * The events each shop is subscribed to at consent when the {@code webhook_url} setting is given: what
     * {@link #parseWebhook} turns into order re-reads and store flags.
     */
    public static final List<String> CONSENT_WEBHOOKS = List.of("ORDER_STATUS_CHANGE", "CANCELLATION_STATUS_CHANGE",
            "RETURN_STATUS_CHANGE", "SELLER_DEAUTHORIZATION", "UPCOMING_AUTHORIZATION_EXPIRATION");
    private static final Duration REFRESH_MEMORY = Duration.ofHours(1);

    /** One endpoint: its version is in the path; {@code cipher} says whether it takes {@code shop_cipher}. */
    record Endpoint(String operation, String method, String path, boolean cipher) {}

    static final Endpoint SHOPS = new Endpoint("authorization.shops", "GET", "/authorization/202309/shops", false);
    static final Endpoint PRODUCT_SEARCH = new Endpoint("product.search", "POST", "/product/202309/products/search", true);
    static final Endpoint PRODUCT_GET = new Endpoint("product.get", "GET", "/product/202309/products/{id}", true);
    static final Endpoint INVENTORY_UPDATE = new Endpoint("product.inventory_update", "POST",
            "/product/202309/products/{id}/inventory/update", true);
    static final Endpoint PRICE_UPDATE = new Endpoint("product.price_update", "POST",
            "/product/202309/products/{id}/prices/update", true);
    static final Endpoint ORDER_SEARCH = new Endpoint("order.search", "POST", "/order/202309/orders/search", true);
    static final Endpoint ORDER_GET = new Endpoint("order.get", "GET", "/order/202309/orders", true);
    static final Endpoint WEBHOOKS_LIST = new Endpoint("event.webhooks_list", "GET", "/event/202309/webhooks", true);
    static final Endpoint WEBHOOK_PUT = new Endpoint("event.webhook_update", "PUT", "/event/202309/webhooks", true);
    static final Endpoint WEBHOOK_DELETE = new Endpoint("event.webhook_delete", "DELETE", "/event/202309/webhooks", true);

    /** Webhook type numbers to names (TikTok's event list). */
    static final Map<Integer, String> EVENT_TYPES = Map.ofEntries(
            Map.entry(1, "ORDER_STATUS_CHANGE"), Map.entry(2, "REVERSE_STATUS_UPDATE"),
            Map.entry(3, "RECIPIENT_ADDRESS_UPDATE"), Map.entry(4, "PACKAGE_UPDATE"),
            Map.entry(5, "PRODUCT_STATUS_CHANGE"), Map.entry(6, "SELLER_DEAUTHORIZATION"),
            Map.entry(7, "UPCOMING_AUTHORIZATION_EXPIRATION"), Map.entry(11, "CANCELLATION_STATUS_CHANGE"),
            Map.entry(12, "RETURN_STATUS_CHANGE"), Map.entry(15, "PRODUCT_INFORMATION_CHANGE"),
            Map.entry(16, "PRODUCT_CREATION"), Map.entry(27, "INVENTORY_STATUS_CHANGE"));
    private static final Set<Integer> ORDER_EVENTS = Set.of(1, 2, 3, 4, 11, 12);
    private static final Set<Integer> PRODUCT_EVENTS = Set.of(5, 15, 16, 27);

    /** What a product read taught us: its currency and each SKU's warehouses, for pushes. */
    record ProductInfo(@Nullable String currency, Map<String, List<String>> warehousesBySku) {}

    private record Refreshed(StoreCredentials credentials, Instant at) {}

    private final ConnectorHttp http;
    private final TikTokSigner signer;
    private final String appKey;
    private final Secret appSecret;
    private final @Nullable String serviceId;
    private final String apiBase;
    private final String authBase;
    private final String consentUrl;
    private final @Nullable String defaultWarehouse;
    private final @Nullable URI webhookUrl;
    private final long searchCap;
    private final Clock clock;
    private final TimestampTolerance webhookTolerance;
    private final Map<String, ProductInfo> products = new ConcurrentHashMap<>();
    private final Map<String, Object> refreshLocks = new ConcurrentHashMap<>();
    private final Map<String, Refreshed> refreshed = new ConcurrentHashMap<>();

    private TikTokShopConnector(ConnectorSettings settings, Clock clock, ConnectorEventListener listener) {
        this.clock = clock;
        this.appKey = settings.value("app_key").filter(v -> !v.isBlank())
                .orElseThrow(() -> configuration("the setting app_key is missing"));
        this.appSecret = settings.secret("app_secret").filter(s -> !s.reveal().isEmpty())
                .orElseThrow(() -> configuration("the secret app_secret is missing"));
        this.signer = TikTokSigner.withAppSecret(appSecret.reveal());
        this.serviceId = settings.value("service_id").filter(v -> !v.isBlank()).orElse(null);
        boolean allowHttp = settings.value("allow_http").map(Boolean::parseBoolean).orElse(false);
        this.apiBase = url(settings, "api_base_url", DEFAULT_API, allowHttp);
        this.authBase = url(settings, "auth_base_url", DEFAULT_AUTH, allowHttp);
        this.consentUrl = url(settings, "consent_url", DEFAULT_CONSENT, allowHttp);
        this.defaultWarehouse = settings.value("default_warehouse_id").filter(v -> !v.isBlank()).orElse(null);
        this.webhookUrl = settings.value("webhook_url").filter(v -> !v.isBlank()).map(TikTokShopConnector::webhookAddress)
                .orElse(null);
        this.webhookTolerance = TimestampTolerance.of(WEBHOOK_TOLERANCE, clock);
        this.searchCap = longSetting(settings, "search_result_cap", SEARCH_CAP);
        ConnectorHttpConfig config = ConnectorHttpConfig.defaults().withTimeouts(
                Duration.ofMillis(longSetting(settings, "connect_timeout_ms", 5_000)),
                Duration.ofMillis(longSetting(settings, "request_timeout_ms", 30_000)));
        this.http = ConnectorHttp.builder(PLATFORM)
                .config(config)
                .clock(clock)
                .envelope(ResponseEnvelope.fields("code", "message", "request_id", "0"::equals))
                .classifier(CLASSIFIER)
                .redactor(Redactor.defaults().with("app_key", "shop_cipher", "cipher"))
                .eventListener(listener)
                .build();
    }

    /** A connector with these settings and the system clock. */
    public static TikTokShopConnector create(ConnectorSettings settings) {
        return create(settings, Clock.systemUTC(), ConnectorEventListener.from(settings));
    }

    /**
     * A connector with these settings; {@code clock} dates request timestamps and judges webhook timestamps;
     * {@code listener} hears of every HTTP call.
     */
    public static TikTokShopConnector create(ConnectorSettings settings, Clock clock, ConnectorEventListener listener) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(listener, "listener");
        return new TikTokShopConnector(settings, clock, listener);
    }

    /**
     * TikTok's codes: {@code 36009002} (and HTTP 429) throttling; expired or invalid tokens and auth records
     * credentials; internal errors and timeouts retryable; signature, timestamp, cipher, scope and parameter errors
     * permanent. {@code 36009004} covers several faults: only its access-token variant is a credentials error.
     */
    /**
     * The credentials errors that refuse the access token itself: {@code 105002} (expired), {@code 36009004} (its
     * only credentials variant is "the x-tts-access-token header is invalid", see {@link #CLASSIFIER}) and
     * {@code 101000} (a query or header, the access token among them, is invalid). A store call refused with one
     * of them throws {@link AccessTokenRejectedException}, so the engine refreshes once and calls again; the refresh
     * and consent codes ({@code 36004001}, {@code 36004004}, {@code 36004005}) and the others stay final.
     */
    static final Set<String> ACCESS_TOKEN_REFUSED = Set.of("105002", "36009004", "101000");

    static final ErrorClassifier CLASSIFIER = error -> {
        String code = error.code();
        if (code == null) return null;
        return switch (code) {
            case "36009002" -> Kind.RATE_LIMITED;
            case "105001", "105002", "105003", "101000", "36004001", "36004004", "36004005" -> Kind.CREDENTIALS_REJECTED;
            case "36009003", "36009007" -> Kind.RETRYABLE;
            case "36009004" -> error.message() != null && error.message().toLowerCase(Locale.ROOT)
                    .contains("x-tts-access-token") ? Kind.CREDENTIALS_REJECTED : Kind.PERMANENT;
            default -> {
                if (error.httpStatus() == 429) yield Kind.RATE_LIMITED;
                if (error.httpStatus() >= 500) yield Kind.RETRYABLE;
                yield Kind.PERMANENT;
            }
        };
    };

    // ---- settings ---------------------------------------------------------------------------------------------------

    private static String url(ConnectorSettings settings, String key, String fallback, boolean allowHttp) {
        String value = settings.value(key).filter(v -> !v.isBlank()).orElse(fallback).trim();
        URI uri;
        try {
            uri = new URI(value);
        } catch (java.net.URISyntaxException e) {
            throw configuration("the setting " + key + " is not a URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && allowHttp)
                || uri.getRawQuery() != null) {
            throw configuration("the setting " + key + " must be an absolute https URL without a query");
        }
        return value.replaceAll("/+$", "");
    }

    private static URI webhookAddress(String value) {
        try {
            URI uri = new URI(value.trim());
            if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.toString().length() <= 255) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // refused below
        }
        throw configuration("the setting webhook_url must be an https URL of at most 255 characters");
    }

    private static long longSetting(ConnectorSettings settings, String key, long fallback) {
        String value = settings.value(key).orElse(null);
        if (value == null) return fallback;
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed <= 0) throw new NumberFormatException();
            return parsed;
        } catch (NumberFormatException e) {
            throw configuration("the setting " + key + " must be a positive whole number");
        }
    }

    private static StoreSyncException configuration(String message) {
        return new StoreSyncException(ErrorCode.CONFIGURATION, PLATFORM + ": " + message);
    }

    // ---- what the engine asks first ----------------------------------------------------------------------------------

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public ConnectorLimits limits() {
        return LIMITS;
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
     * TikTok lowers stock on sale and puts it back on cancel itself; stock is kept per warehouse (each mapped
     * warehouse gets its quantity; without a map a pushed quantity goes to the SKU's primary warehouse and the others
     * are set to zero); no compare-and-set.
     */
    @Override
    public StockSemantics stockSemantics() {
        return new StockSemantics(true, true, true, false, LIMITS.maxStockBatch(), ORDER_INDEX_LAG);
    }

    @Override
    public boolean supportsConsent() {
        return true;
    }

    @Override
    public boolean rotatesRefreshTokens() {
        return true;
    }

    @Override
    public boolean verifiesWithAppSecret() {
        return true;
    }

    // ---- authorisation ----------------------------------------------------------------------------------------------

    /**
     * {@code <consent_url>?service_id=<id>&state=<state>}. TikTok fixes the redirect URL in Partner Center, so
     * {@code redirectUri} is not sent; the host must register the same one there.
     *
     * @throws StoreSyncException with {@code CONFIGURATION} when the {@code service_id} setting is missing
     */
    @Override
    public URI consentUrl(String state, URI redirectUri) {
        Objects.requireNonNull(state, "state");
        if (state.isBlank()) throw new IllegalArgumentException("state is blank");
        if (serviceId == null) throw configuration("the setting service_id is needed for the consent URL");
        return URI.create(consentUrl + "?service_id=" + encode(serviceId) + "&state=" + encode(state));
    }

    /**
     * {@code GET /api/v2/token/get} on the auth host (unsigned; the app secret in the query, as TikTok requires),
     * then {@code GET /authorization/202309/shops} to learn every shop granted and its cipher.
     */
    @Override
    public Authorization exchangeCode(String code, URI redirectUri) {
        Objects.requireNonNull(code, "code");
        Map<String, String> query = new LinkedHashMap<>();
        query.put("app_key", appKey);
        query.put("app_secret", appSecret.reveal());
        query.put("auth_code", code);
        query.put("grant_type", "authorized_code");
        JsonNode data = tokenCall("auth.token_get", "/api/v2/token/get", query);
        Secret access = Secret.of(requiredText(data, "access_token"));
        Secret refresh = Secret.of(requiredText(data, "refresh_token"));
        Instant accessExpiry = epoch(data, "access_token_expire_in");
        Instant refreshExpiry = optionalEpoch(data, "refresh_token_expire_in");
        StoreCredentials bare = new StoreCredentials(access, refresh, accessExpiry, Map.of());
        // the shops call needs no cipher: any store id will do for the access
        JsonNode shopsData;
        try {
            shopsData = call(new StoreAccess(new io.storesync.api.store.StoreId(new java.util.UUID(0, 0)), "-", bare),
                    SHOPS, SHOPS.path(), Map.of(), null);
        } catch (AccessTokenRejectedException e) {
            // a token issued a moment ago: no refresh can help, and the engine has no store to refresh yet
            throw new CredentialsRejectedException(PLATFORM, e.platformCode().orElse(null), e.getMessage(),
                    e.requestId().orElse(null), e.httpStatus());
        }
        List<AuthorizedShop> shops = new ArrayList<>();
        Map<String, Secret> extra = new LinkedHashMap<>();
        if (refreshExpiry != null) extra.put(REFRESH_EXPIRES_AT, Secret.of(Long.toString(refreshExpiry.getEpochSecond())));
        JsonNode list = shopsData.path("shops");
        if (!list.isArray()) throw http.errors().malformedBody(200, null, "missing shops");
        for (JsonNode shop : list) {
            String id = requiredText(shop, "id");
            String cipher = requiredText(shop, "cipher");
            String name = text(shop, "name");
            // the cipher is the shop's: only its own store carries it
            shops.add(wellFormed(() -> new AuthorizedShop(id, name == null ? id : name, text(shop, "region"),
                    Map.of(CIPHER_PREFIX + id, Secret.of(cipher)))));
        }
        if (shops.isEmpty()) {
            throw new ConnectorException(PLATFORM, null, "the consent granted no shop", null, 200, false, null);
        }
        Authorization granted = new Authorization(new StoreCredentials(access, refresh, accessExpiry, extra), shops,
                refreshExpiry);
        if (webhookUrl != null) {
            for (AuthorizedShop shop : shops) {
                subscribeAtConsent(new StoreAccess(new io.storesync.api.store.StoreId(new java.util.UUID(0, 0)),
                        shop.platformStoreId(), granted.credentialsFor(shop)), webhookUrl);
            }
        }
        return granted;
    }

    /**
     * Subscribes a newly authorised shop to {@link #CONSENT_WEBHOOKS} at {@code address}. The consent code is spent
     * by now, so a refused subscription does not fail the consent: it is logged (type, shop and TikTok's code) and
     * the order poll still finds every change; the host can subscribe again with {@link #subscribeWebhook}.
     */
    private void subscribeAtConsent(StoreAccess shop, URI address) {
        for (String type : CONSENT_WEBHOOKS) {
            try {
                subscribeWebhook(shop, type, address);
            } catch (ConnectorException e) {
                LOG.warn("TikTok Shop did not subscribe shop {} to {}: {}", shop.platformStoreId(), type, e.getMessage());
            }
        }
    }

    /**
     * {@code GET /api/v2/token/refresh}. TikTok returns a new refresh token; the stores of one consent share one
     * refresh token, so refreshes are serialised per refresh token and the answer is remembered for an hour: a second
     * store presenting the token the first one just spent gets the same new credentials instead of a refusal.
     */
    @Override
    public StoreCredentials refreshCredentials(StoreAccess store) {
        Secret refresh = store.credentials().refreshToken();
        if (refresh == null) throw new CredentialsRejectedException(PLATFORM, null, "the store has no refresh token", null, 0);
        String key = digest(refresh.reveal().getBytes(StandardCharsets.UTF_8));
        Object lock = refreshLocks.computeIfAbsent(key, k -> new Object());
        synchronized (lock) {
            Instant now = clock.instant();
            refreshed.values().removeIf(r -> r.at().plus(REFRESH_MEMORY).isBefore(now));
            Refreshed known = refreshed.get(key);
            if (known != null) return withExtra(known.credentials(), store.credentials().extra());
            Map<String, String> query = new LinkedHashMap<>();
            query.put("app_key", appKey);
            query.put("app_secret", appSecret.reveal());
            query.put("refresh_token", refresh.reveal());
            query.put("grant_type", "refresh_token");
            JsonNode data = tokenCall("auth.token_refresh", "/api/v2/token/refresh", query);
            Instant refreshExpiry = optionalEpoch(data, "refresh_token_expire_in");
            Map<String, Secret> extra = new LinkedHashMap<>(store.credentials().extra());
            if (refreshExpiry != null) extra.put(REFRESH_EXPIRES_AT, Secret.of(Long.toString(refreshExpiry.getEpochSecond())));
            StoreCredentials fresh = new StoreCredentials(Secret.of(requiredText(data, "access_token")),
                    Secret.of(requiredText(data, "refresh_token")), epoch(data, "access_token_expire_in"), extra);
            refreshed.put(key, new Refreshed(fresh, now));
            return fresh;
        }
    }

    private static StoreCredentials withExtra(StoreCredentials fresh, Map<String, Secret> own) {
        Map<String, Secret> extra = new LinkedHashMap<>(own);
        Secret expiry = fresh.extra().get(REFRESH_EXPIRES_AT);
        if (expiry != null) extra.put(REFRESH_EXPIRES_AT, expiry);
        return new StoreCredentials(fresh.accessToken(), fresh.refreshToken(), fresh.expiresAt(), extra);
    }

    /** When the store's consent lapses (the refresh token's expiry), if the credentials say. */
    public static Optional<Instant> authorizationExpiry(StoreCredentials credentials) {
        Secret s = credentials.extra().get(REFRESH_EXPIRES_AT);
        if (s == null) return Optional.empty();
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(s.reveal().trim())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private JsonNode tokenCall(String operation, String path, Map<String, String> query) {
        URI uri = URI.create(authBase + path + "?" + queryString(query));
        ConnectorRequest request = ConnectorRequest.get(operation, uri).withHeader("Content-Type", "application/json");
        JsonNode reply = http.exchange(request);
        JsonNode data = reply.path("data");
        if (!data.isObject()) throw http.errors().malformedBody(200, text(reply, "request_id"), "missing data");
        return data;
    }

    // ---- catalogue ------------------------------------------------------------------------------------------------

    /**
     * {@code products/search}, 100 products a page, each SKU a listing (variant id = SKU id) with its sale price and
     * the sum of its warehouses' quantities. The search is made in update-time windows: when a window holds more than
     * TikTok's 10,000-result cap, it is halved (an empty page with a new cursor) until it fits. The cursor is
     * {@code ge;le;hi;page_token}.
     */
    @Override
    public ListingPage listListings(StoreAccess store, @Nullable String cursor) {
        long ge;
        long le;
        long hi;
        String token;
        if (cursor == null) {
            ge = 0;
            hi = clock.instant().getEpochSecond();
            le = hi;
            token = null;
        } else {
            String[] parts = cursor.split(";", 4);
            try {
                ge = Long.parseLong(parts[0]);
                le = Long.parseLong(parts[1]);
                hi = Long.parseLong(parts[2]);
                token = parts.length > 3 && !parts[3].isEmpty() ? parts[3] : null;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a cursor of this connector");
            }
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("page_size", Integer.toString(PAGE_SIZE));
        if (token != null) query.put("page_token", token);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("update_time_ge", ge);
        body.put("update_time_le", le);
        JsonNode data = call(store, PRODUCT_SEARCH, PRODUCT_SEARCH.path(), query, body);
        long total = data.path("total_count").asLong(-1);
        if (token == null && total > searchCap && le > ge) {
            long mid = ge + (le - ge) / 2;
            return new ListingPage(List.of(), ge + ";" + mid + ";" + hi + ";", -1);
        }
        JsonNode items = data.path("products");
        if (!items.isArray()) throw http.errors().malformedBody(200, null, "missing products");
        List<ConnectorListing> listings = new ArrayList<>();
        for (JsonNode product : items) {
            JsonNode full = product;
            if (!product.path("skus").isArray()) full = productDetail(store, requiredText(product, "id"));
            listings.addAll(listings(store, full));
        }
        String next = blankToNull(text(data, "next_page_token"));
        if (next != null && next.equals(token)) {
            throw http.errors().malformedBody(200, null, "next_page_token repeats the page token of the request");
        }
        String nextCursor;
        if (next != null) nextCursor = ge + ";" + le + ";" + hi + ";" + next;
        else if (le < hi) nextCursor = (le + 1) + ";" + hi + ";" + hi + ";";
        else nextCursor = null;
        boolean whole = ge == 0 && le == hi;
        return new ListingPage(listings, nextCursor, whole && total <= Integer.MAX_VALUE ? (int) total : -1);
    }

    private List<ConnectorListing> listings(StoreAccess store, JsonNode product) {
        String productId = requiredText(product, "id");
        String productStatus = text(product, "status");
        if (productStatus == null) productStatus = text(product, "product_status");
        boolean productActive = productStatus == null || productStatus.equals("ACTIVATE");
        JsonNode skus = product.path("skus");
        if (!skus.isArray()) throw http.errors().malformedBody(200, null, "missing skus");
        List<ConnectorListing> out = new ArrayList<>();
        Map<String, List<String>> warehouses = new LinkedHashMap<>();
        String currency = null;
        for (JsonNode sku : skus) {
            String skuId = requiredText(sku, "id");
            JsonNode price = sku.path("price");
            BigDecimal amount = decimal(price, "sale_price");
            if (amount == null) amount = decimal(price, "tax_exclusive_price");
            if (currency == null) currency = text(price, "currency");
            int stock = 0;
            List<String> skuWarehouses = new ArrayList<>();
            for (JsonNode inv : sku.path("inventory")) {
                JsonNode q = inv.get("quantity");
                if (q == null || !q.canConvertToInt()) throw http.errors().malformedBody(200, null, "inventory quantity");
                stock += q.asInt();
                String warehouse = text(inv, "warehouse_id");
                if (warehouse != null) skuWarehouses.add(warehouse);
            }
            warehouses.put(skuId, List.copyOf(skuWarehouses));
            String skuStatus = text(sku.path("status_info"), "status");
            boolean active = productActive && (skuStatus == null || !skuStatus.equals("DEACTIVATED"));
            BigDecimal p = amount;
            int s = stock;
            out.add(wellFormed(() -> new ConnectorListing(productId, skuId, blankToNull(text(sku, "seller_sku")), p, s,
                    active)));
        }
        remember(store, productId, new ProductInfo(currency, warehouses));
        return out;
    }

    private void remember(StoreAccess store, String productId, ProductInfo info) {
        if (products.size() > 200_000) products.clear();
        products.put(store.platformStoreId() + "/" + productId, info);
    }

    private JsonNode productDetail(StoreAccess store, String productId) {
        return call(store, PRODUCT_GET, PRODUCT_GET.path().replace("{id}", productId), Map.of(), null);
    }

    private ProductInfo productInfo(StoreAccess store, String productId) {
        ProductInfo known = products.get(store.platformStoreId() + "/" + productId);
        if (known != null) return known;
        listings(store, productDetail(store, productId));
        return Objects.requireNonNull(products.get(store.platformStoreId() + "/" + productId));
    }

    // ---- stock and prices -------------------------------------------------------------------------------------------

    /**
     * {@code inventory/update}, one call per product. When the store maps locations to warehouses, each warehouse
     * gets its quantity ({@link StockUpdate#warehouseQuantities()}); otherwise the quantity goes to the SKU's primary
     * warehouse (the {@code default_warehouse_id} setting when the SKU has it, else the first TikTok lists) and every
     * other warehouse of the SKU is set to 0; either way buyers see exactly the quantity pushed. Per-SKU failures inside a
     * {@code code: 0} answer ({@code data.errors[]}) are refusals of those items.
     */
    @Override
    public List<PushResult> pushStock(StoreAccess store, List<StockUpdate> updates) {
        if (updates.size() > LIMITS.maxStockBatch()) {
            throw new IllegalArgumentException("at most " + LIMITS.maxStockBatch() + " stock updates per call");
        }
        Map<String, List<StockUpdate>> byProduct = new LinkedHashMap<>();
        for (StockUpdate u : updates) byProduct.computeIfAbsent(u.platformProductId(), k -> new ArrayList<>()).add(u);
        Map<String, PushResult> results = new HashMap<>();
        for (Map.Entry<String, List<StockUpdate>> group : byProduct.entrySet()) {
            String productId = group.getKey();
            List<Item> items = group.getValue().stream()
                    .map(u -> new Item(u.platformProductId(), u.platformVariantId(), u)).toList();
            push(store, productId, items, results, (info, item, skuId) -> {
                StockUpdate u = (StockUpdate) item.update();
                List<String> warehouses = info.warehousesBySku().getOrDefault(skuId, List.of());
                if (!u.warehouseQuantities().isEmpty()) return Map.of("id", skuId, "inventory", mapped(warehouses, u));
                List<Map<String, Object>> inventory = new ArrayList<>();
                String primary = defaultWarehouse != null && warehouses.contains(defaultWarehouse) ? defaultWarehouse
                        : warehouses.isEmpty() ? null : warehouses.get(0);
                if (primary == null) {
                    inventory.add(Map.of("quantity", u.quantity()));
                } else {
                    for (String w : warehouses) {
                        inventory.add(Map.of("warehouse_id", w, "quantity", w.equals(primary) ? u.quantity() : 0));
                    }
                }
                return Map.of("id", skuId, "inventory", inventory);
            }, INVENTORY_UPDATE);
        }
        return ordered(updates.stream().map(u -> key(u.platformProductId(), u.platformVariantId())).toList(), results);
    }

    /**
     * The inventory of a SKU whose store maps locations to warehouses: each of the SKU's warehouses gets its mapped
     * quantity, or 0 when no location stocks it (TikTok refuses an update naming only some of a SKU's warehouses); a
     * mapped warehouse the SKU does not list is sent too when it has stock, and TikTok decides (an unknown warehouse
     * is refused for that SKU, 12052097, with the warehouse named).
     */
    private static List<Map<String, Object>> mapped(List<String> skuWarehouses, StockUpdate u) {
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (String w : skuWarehouses) quantities.put(w, u.warehouseQuantities().getOrDefault(w, 0));
        new TreeMap<>(u.warehouseQuantities()).forEach((w, q) -> {
            if (q > 0) quantities.putIfAbsent(w, q);
        });
        List<Map<String, Object>> inventory = new ArrayList<>();
        quantities.forEach((w, q) -> inventory.add(Map.of("warehouse_id", w, "quantity", q)));
        return inventory;
    }

    /** {@code prices/update}, one call per product, in the currency TikTok reports for the product. */
    @Override
    public List<PushResult> pushPrices(StoreAccess store, List<PriceUpdate> updates) {
        if (updates.size() > LIMITS.maxPriceBatch()) {
            throw new IllegalArgumentException("at most " + LIMITS.maxPriceBatch() + " price updates per call");
        }
        Map<String, List<PriceUpdate>> byProduct = new LinkedHashMap<>();
        for (PriceUpdate u : updates) byProduct.computeIfAbsent(u.platformProductId(), k -> new ArrayList<>()).add(u);
        Map<String, PushResult> results = new HashMap<>();
        for (Map.Entry<String, List<PriceUpdate>> group : byProduct.entrySet()) {
            List<Item> items = group.getValue().stream()
                    .map(u -> new Item(u.platformProductId(), u.platformVariantId(), u)).toList();
            push(store, group.getKey(), items, results, (info, item, skuId) -> {
                PriceUpdate u = (PriceUpdate) item.update();
                if (info.currency() == null) throw new IllegalStateException("TikTok reported no currency for the product");
                return Map.of("id", skuId, "price", Map.of("amount", u.price().toPlainString(), "currency", info.currency()));
            }, PRICE_UPDATE);
        }
        return ordered(updates.stream().map(u -> key(u.platformProductId(), u.platformVariantId())).toList(), results);
    }

    private record Item(String productId, @Nullable String variantId, Object update) {}

    @FunctionalInterface
    private interface SkuBody {
        Map<String, Object> body(ProductInfo info, Item item, String skuId);
    }

    private void push(StoreAccess store, String productId, List<Item> items, Map<String, PushResult> results,
            SkuBody skuBody, Endpoint endpoint) {
        if (!ID.matcher(productId).matches()) {
            items.forEach(i -> results.put(key(i.productId(), i.variantId()), refused(i, "not a TikTok product id")));
            return;
        }
        ProductInfo info;
        try {
            info = productInfo(store, productId);
        } catch (ConnectorException e) {
            if (e.retryable() || e instanceof CredentialsRejectedException) throw e;
            String reason = "TikTok refused reading the product: " + e.getMessage();
            items.forEach(i -> results.put(key(i.productId(), i.variantId()), refused(i, reason)));
            return;
        }
        List<Map<String, Object>> skus = new ArrayList<>();
        Map<String, Item> bySku = new LinkedHashMap<>();
        for (Item i : items) {
            String skuId = i.variantId();
            if (skuId == null) {
                if (info.warehousesBySku().size() != 1) {
                    results.put(key(i.productId(), null), refused(i, "the product has several SKUs; name one"));
                    continue;
                }
                skuId = info.warehousesBySku().keySet().iterator().next();
            }
            if (!info.warehousesBySku().containsKey(skuId)) {
                results.put(key(i.productId(), i.variantId()), refused(i, "TikTok has no such SKU on the product"));
                continue;
            }
            try {
                skus.add(skuBody.body(info, i, skuId));
                bySku.put(skuId, i);
            } catch (IllegalStateException e) {
                results.put(key(i.productId(), i.variantId()), refused(i, e.getMessage()));
            }
        }
        if (skus.isEmpty()) return;
        JsonNode data;
        try {
            data = call(store, endpoint, endpoint.path().replace("{id}", productId), Map.of(), Map.of("skus", skus));
        } catch (ConnectorException e) {
            if (e.retryable() || e instanceof CredentialsRejectedException) throw e;
            // the product as a whole was refused (locked, deleted, bad warehouse): each of its items is refused
            String reason = e.getMessage();
            bySku.values().forEach(i -> results.put(key(i.productId(), i.variantId()), refused(i, reason)));
            products.remove(store.platformStoreId() + "/" + productId);
            return;
        }
        Map<String, String> errors = new HashMap<>();
        for (JsonNode error : data.path("errors")) {
            String skuId = text(error.path("detail"), "sku_id");
            String message = "TikTok refused the SKU: " + Objects.requireNonNullElse(text(error, "message"), "refused")
                    + " [code " + Objects.requireNonNullElse(text(error, "code"), "?") + "]";
            StringBuilder s = new StringBuilder(message);
            for (JsonNode extra : error.path("detail").path("extra_errors")) {
                s.append("; warehouse ").append(text(extra, "warehouse_id")).append(": ").append(text(extra, "message"))
                        .append(" [code ").append(text(extra, "code")).append(']');
            }
            if (skuId != null) errors.put(skuId, s.toString());
            else bySku.keySet().forEach(k -> errors.putIfAbsent(k, s.toString()));
        }
        bySku.forEach((skuId, i) -> {
            String error = errors.get(skuId);
            results.put(key(i.productId(), i.variantId()), error == null ? PushResult.ok(i.productId(), i.variantId())
                    : refused(i, error));
        });
    }

    private static PushResult refused(Item i, String reason) {
        return new PushResult(i.productId(), i.variantId(), false, reason);
    }

    private static List<PushResult> ordered(List<String> keys, Map<String, PushResult> results) {
        List<PushResult> out = new ArrayList<>(keys.size());
        for (String k : keys) {
            PushResult r = results.get(k);
            if (r == null) {
                String[] ids = k.split("\u0000", -1);
                r = new PushResult(ids[0], ids[1].isEmpty() ? null : ids[1], false, "no result for this item");
            }
            out.add(r);
        }
        return out;
    }

    private static String key(String productId, @Nullable String variantId) {
        return productId + "\u0000" + (variantId == null ? "" : variantId);
    }

    // ---- orders ------------------------------------------------------------------------------------------------------

    /**
     * {@code orders/search} with {@code update_time_ge = floor(from)}, {@code update_time_lt = ceil(to)} (TikTok counts
     * in seconds, so a window may overlap its neighbours by a second: ingestion is idempotent), sorted by update time
     * ascending, 100 a page; the search answers whole order objects, so no detail call is needed.
     */
    @Override
    public OrderPage ordersChanged(StoreAccess store, Instant from, Instant to, @Nullable String cursor) {
        if (!from.isBefore(to)) throw new IllegalArgumentException("from must be before to");
        if (Duration.between(from, to).compareTo(LIMITS.maxOrderWindow()) > 0) {
            throw new IllegalArgumentException("the window is wider than " + LIMITS.maxOrderWindow());
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("page_size", Integer.toString(PAGE_SIZE));
        query.put("sort_field", "update_time");
        query.put("sort_order", "ASC");
        if (cursor != null) query.put("page_token", cursor);
        long lt = to.getEpochSecond() + (to.getNano() > 0 ? 1 : 0);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("update_time_ge", from.getEpochSecond());
        body.put("update_time_lt", lt);
        JsonNode data = call(store, ORDER_SEARCH, ORDER_SEARCH.path(), query, body);
        List<OrderSnapshot> orders = snapshots(store, data);
        String next = blankToNull(text(data, "next_page_token"));
        if (next != null && next.equals(cursor)) {
            throw http.errors().malformedBody(200, null, "next_page_token repeats the page token of the request");
        }
        return new OrderPage(orders, next);
    }

    /** {@code GET /order/202309/orders?ids=...}, at most 50 ids a call; ids TikTok does not know are left out. */
    @Override
    public List<OrderSnapshot> ordersById(StoreAccess store, List<String> platformOrderIds) {
        List<String> ids = platformOrderIds.stream().filter(id -> ID.matcher(id).matches()).distinct().toList();
        List<OrderSnapshot> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += MAX_ORDER_IDS) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + MAX_ORDER_IDS));
            JsonNode data = call(store, ORDER_GET, ORDER_GET.path(), Map.of("ids", String.join(",", chunk)), null);
            out.addAll(snapshots(store, data));
        }
        return out;
    }

    private List<OrderSnapshot> snapshots(StoreAccess store, JsonNode data) {
        JsonNode orders = data.path("orders");
        if (orders.isMissingNode() || orders.isNull()) return List.of();
        if (!orders.isArray()) throw http.errors().malformedBody(200, null, "orders is not a list");
        List<OrderSnapshot> out = new ArrayList<>();
        for (JsonNode o : orders) out.add(snapshot(store, o));
        return out;
    }

    /**
     * One TikTok order. Line items carry no quantity (one item is one unit), so items of the same SKU at the same
     * price become one line whose quantity is their count and whose id is their smallest item id. Amounts are the
     * payment's decimal strings; discount = seller + platform discount.
     */
    OrderSnapshot snapshot(StoreAccess store, JsonNode o) {
        return wellFormed(() -> {
            String id = requiredText(o, "id");
            String status = requiredText(o, "status");
            JsonNode payment = o.path("payment");
            String currency = requiredText(payment, "currency");
            BigDecimal total = requiredDecimal(payment, "total_amount");
            BigDecimal subtotal = orZero(decimal(payment, "sub_total"));
            BigDecimal tax = orZero(decimal(payment, "tax"));
            BigDecimal shipping = orZero(decimal(payment, "shipping_fee"));
            BigDecimal discount = orZero(decimal(payment, "seller_discount")).add(orZero(decimal(payment, "platform_discount")));
            Map<String, Group> groups = new LinkedHashMap<>();
            for (JsonNode item : o.path("line_items")) {
                String itemId = requiredText(item, "id");
                String skuId = text(item, "sku_id");
                BigDecimal price = requiredDecimal(item, "sale_price");
                String groupKey = (skuId == null ? "item:" + itemId : skuId) + "\u0000" + price.toPlainString();
                Group g = groups.computeIfAbsent(groupKey, k -> new Group(item, price));
                g.count++;
                if (compareIds(itemId, g.lineId) < 0) g.lineId = itemId;
            }
            List<OrderLineSnapshot> lines = new ArrayList<>();
            for (Group g : groups.values()) {
                String productName = text(g.first, "product_name");
                String skuName = text(g.first, "sku_name");
                String sellerSku = blankToNull(text(g.first, "seller_sku"));
                String name = productName != null ? (skuName != null ? productName + " - " + skuName : productName)
                        : sellerSku != null ? sellerSku : "item";
                lines.add(new OrderLineSnapshot(g.lineId, text(g.first, "product_id"), text(g.first, "sku_id"), sellerSku,
                        name, g.count, g.price, g.price.multiply(BigDecimal.valueOf(g.count))));
            }
            Map<String, Object> customer = new LinkedHashMap<>();
            putText(customer, "user_id", o, "user_id");
            putText(customer, "email", o, "buyer_email");
            JsonNode address = o.path("recipient_address");
            if (address.isObject()) {
                putText(customer, "name", address, "name");
                putText(customer, "phone", address, "phone_number");
                Map<String, Object> a = new LinkedHashMap<>();
                for (String f : List.of("full_address", "address_line1", "address_line2", "address_line3",
                        "address_line4", "postal_code", "region_code", "first_name", "last_name")) {
                    putText(a, f, address, f);
                }
                if (!a.isEmpty()) customer.put("address", a);
            }
            Map<String, Object> platformData = new LinkedHashMap<>();
            for (String f : List.of("cancel_reason", "cancellation_initiator", "cancel_time", "is_on_hold_order",
                    "is_buyer_request_cancel", "fulfillment_type", "shipping_type", "delivery_type", "tracking_number",
                    "shipping_provider", "paid_time", "rts_sla_time", "split_or_combine_tag", "order_type")) {
                putText(platformData, f, o, f);
            }
            List<Map<String, Object>> itemStates = new ArrayList<>();
            for (JsonNode item : o.path("line_items")) {
                Map<String, Object> s = new LinkedHashMap<>();
                putText(s, "id", item, "id");
                putText(s, "display_status", item, "display_status");
                putText(s, "cancel_user", item, "cancel_user");
                putText(s, "package_status", item, "package_status");
                putText(s, "rts_time", item, "rts_time");
                if (item.path("combined_listing_skus").isArray() && !item.path("combined_listing_skus").isEmpty()) {
                    s.put("combined_listing", true);
                }
                itemStates.add(s);
            }
            if (!itemStates.isEmpty()) platformData.put("line_items", itemStates);
            Instant created = epoch(o, "create_time");
            Instant updated = optionalEpoch(o, "update_time");
            return new OrderSnapshot(store.storeId(), id, id, status, OrderStatusMapping.map(PLATFORM, status),
                    financial(status), fulfillment(status), subtotal, tax, shipping, discount, total, currency, customer,
                    List.of(), blankToNull(text(o, "buyer_message")), created, updated == null ? created : updated,
                    platformData, lines);
        });
    }

    private static final class Group {
        final JsonNode first;
        final BigDecimal price;
        String lineId;
        int count;

        Group(JsonNode first, BigDecimal price) {
            this.first = first;
            this.price = price;
            this.lineId = first.path("id").asText();
        }
    }

    /** Numeric ids by value (shorter first), others as text. */
    private static int compareIds(String a, String b) {
        if (a.length() != b.length()) return Integer.compare(a.length(), b.length());
        return a.compareTo(b);
    }

    private static @Nullable FinancialStatus financial(String status) {
        return switch (status.toUpperCase(Locale.ROOT)) {
            case "UNPAID" -> FinancialStatus.PENDING;
            case "CANCELLED" -> null;
            case "ON_HOLD", "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING", "AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED",
                    "COMPLETED" -> FinancialStatus.PAID;
            default -> null;
        };
    }

    private static @Nullable FulfillmentStatus fulfillment(String status) {
        return switch (status.toUpperCase(Locale.ROOT)) {
            case "UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "AWAITING_COLLECTION" -> FulfillmentStatus.UNFULFILLED;
            case "PARTIALLY_SHIPPING" -> FulfillmentStatus.PARTIALLY_FULFILLED;
            case "IN_TRANSIT", "DELIVERED", "COMPLETED" -> FulfillmentStatus.FULFILLED;
            default -> null;
        };
    }

    // ---- webhooks ----------------------------------------------------------------------------------------------------

    /**
     * Verifies a delivery with the app secret alone: {@code Authorization} must be the hex HMAC-SHA256 of
     * {@code app_key + raw body}, compared in constant time; the body's {@code timestamp} must be within five minutes
     * of now. No I/O.
     */
    @Override
    public VerifiedWebhook verifyAppWebhook(WebhookDelivery delivery) {
        JsonNode body = verifiedBody(delivery);
        String eventId = blankToNull(text(body, "tts_notification_id"));
        return new VerifiedWebhook(eventId, eventType(body));
    }

    /** As {@link #verifyAppWebhook}, and the delivery must name this store's shop. */
    @Override
    public VerifiedWebhook verifyWebhook(StoreAccess store, WebhookDelivery delivery) {
        JsonNode body = verifiedBody(delivery);
        String shopId = text(body, "shop_id");
        if (shopId == null || !shopId.equals(store.platformStoreId())) {
            throw new WebhookSignatureException("the delivery is for another shop");
        }
        return new VerifiedWebhook(blankToNull(text(body, "tts_notification_id")), eventType(body));
    }

    @Override
    public Optional<String> webhookShopId(WebhookDelivery delivery) {
        try {
            return Optional.ofNullable(blankToNull(text(http.json().mapper().readTree(delivery.openBody()), "shop_id")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public Set<String> storedWebhookHeaders() {
        return Set.of("content-type");
    }

    private JsonNode verifiedBody(WebhookDelivery delivery) {
        if (delivery.bodySize() > MAX_WEBHOOK_BYTES) {
            throw new WebhookSignatureException("delivery of " + delivery.bodySize() + " bytes exceeds " + MAX_WEBHOOK_BYTES);
        }
        String authorization = delivery.header("Authorization").orElse(null);
        if (authorization == null || authorization.isBlank()) throw new WebhookSignatureException("no Authorization header");
        byte[] body = delivery.body();
        if (!signer.verifyWebhook(appKey, body, authorization)) {
            throw new WebhookSignatureException("the Authorization signature does not match");
        }
        JsonNode tree;
        try {
            tree = http.json().mapper().readTree(body);
        } catch (IOException e) {
            throw new WebhookSignatureException("the signed body is not JSON");
        }
        if (tree == null || !tree.isObject()) throw new WebhookSignatureException("the signed body is not a JSON object");
        JsonNode ts = tree.get("timestamp");
        if (ts == null || !ts.canConvertToLong() || !webhookTolerance.acceptsEpochSeconds(ts.asLong())) {
            throw new WebhookSignatureException("the delivery's timestamp is missing or outside the "
                    + WEBHOOK_TOLERANCE.toMinutes() + "-minute tolerance");
        }
        return tree;
    }

    private static String eventType(JsonNode body) {
        JsonNode type = body.get("type");
        if (type == null || !type.canConvertToInt()) return "unknown";
        return EVENT_TYPES.getOrDefault(type.asInt(), Integer.toString(type.asInt()));
    }

    /**
     * Order status (1), reverse (2), address (3), package (4), cancellation (11) and return (12) events name an order:
     * the engine re-reads it. Product events (5, 15, 16, 27) ask for a catalogue re-import. Deauthorisation (6) revokes
     * access; an authorisation-expiry warning (7) revokes it only once its {@code expiration_time} has passed (TikTok
     * warns 30 days ahead, and flagging the store then would stop its sync for a month). Anything else is OTHER.
     */
    @Override
    public List<WebhookEvent> parseWebhook(StoreAccess store, WebhookDelivery delivery) {
        JsonNode body;
        try {
            body = http.json().mapper().readTree(delivery.openBody());
        } catch (IOException e) {
            throw new ValidationException("the webhook body is not JSON");
        }
        if (body == null || !body.isObject()) throw new ValidationException("the webhook body is not a JSON object");
        JsonNode typeNode = body.get("type");
        if (typeNode == null || !typeNode.canConvertToInt()) throw new ValidationException("the webhook has no type");
        int type = typeNode.asInt();
        JsonNode data = body.path("data");
        if (ORDER_EVENTS.contains(type)) {
            String orderId = blankToNull(text(data, "order_id"));
            if (orderId == null) {
                if (type == 4) return List.of(new WebhookEvent(WebhookEvent.Kind.OTHER, null, null));
                throw new ValidationException(EVENT_TYPES.get(type) + " names no order");
            }
            return List.of(new WebhookEvent(WebhookEvent.Kind.ORDER_CHANGED, orderId, null));
        }
        if (PRODUCT_EVENTS.contains(type)) {
            return List.of(new WebhookEvent(WebhookEvent.Kind.LISTING_CHANGED, blankToNull(text(data, "product_id")), null));
        }
        if (type == 6) return List.of(new WebhookEvent(WebhookEvent.Kind.AUTHORIZATION_REVOKED, null, null));
        if (type == 7) {
            JsonNode expiry = data.get("expiration_time");
            long at;
            try {
                at = expiry == null ? 0 : Long.parseLong(expiry.asText().trim());
            } catch (NumberFormatException e) {
                at = 0;
            }
            boolean lapsed = at == 0 || !Instant.ofEpochSecond(at).isAfter(clock.instant());
            return List.of(new WebhookEvent(lapsed ? WebhookEvent.Kind.AUTHORIZATION_REVOKED : WebhookEvent.Kind.OTHER,
                    null, null));
        }
        return List.of(new WebhookEvent(WebhookEvent.Kind.OTHER, null, null));
    }

    // ---- webhook subscriptions (for hosts) ------------------------------------------------------------------------------

    /** The webhooks the store's shop has registered ({@code GET /event/202309/webhooks}). Blocks on I/O. */
    public List<WebhookSubscription> webhookSubscriptions(StoreAccess store) {
        JsonNode data = call(store, WEBHOOKS_LIST, WEBHOOKS_LIST.path(), Map.of(), null);
        List<WebhookSubscription> out = new ArrayList<>();
        for (JsonNode w : data.path("webhooks")) {
            String type = text(w, "event_type");
            String address = text(w, "address");
            if (type != null && address != null) out.add(new WebhookSubscription(type, address));
        }
        return out;
    }

    /**
     * Registers {@code address} for one event type of the store's shop ({@code PUT /event/202309/webhooks}, one call
     * per type). Blocks on I/O.
     *
     * @throws IllegalArgumentException when the address is not an absolute https URL of at most 255 characters
     */
    public void subscribeWebhook(StoreAccess store, String eventType, URI address) {
        Objects.requireNonNull(eventType, "eventType");
        String a = address.toString();
        if (!"https".equalsIgnoreCase(address.getScheme()) || a.length() > 255) {
            throw new IllegalArgumentException("the webhook address must be an https URL of at most 255 characters");
        }
        call(store, WEBHOOK_PUT, WEBHOOK_PUT.path(), Map.of(), Map.of("address", a, "event_type", eventType));
    }

    /** Removes the store's shop's webhook for one event type ({@code DELETE /event/202309/webhooks}). Blocks on I/O. */
    public void unsubscribeWebhook(StoreAccess store, String eventType) {
        Objects.requireNonNull(eventType, "eventType");
        call(store, WEBHOOK_DELETE, WEBHOOK_DELETE.path(), Map.of(), Map.of("event_type", eventType));
    }

    // ---- the call ------------------------------------------------------------------------------------------------------

    /**
     * Signs and sends one API call; returns its {@code data}. Common parameters: {@code app_key}, {@code timestamp}
     * (seconds) and, where the endpoint takes it, the shop's {@code shop_cipher}; the token goes in
     * {@code x-tts-access-token}, never the query.
     */
    private JsonNode call(StoreAccess store, Endpoint endpoint, String path, Map<String, String> params,
            @Nullable Object body) {
        TreeMap<String, String> query = new TreeMap<>(params);
        query.values().removeIf(v -> v == null || v.isEmpty());
        query.put("app_key", appKey);
        query.put("timestamp", Long.toString(clock.instant().getEpochSecond()));
        if (endpoint.cipher()) query.put("shop_cipher", cipher(store));
        byte[] bytes = body == null ? new byte[0] : http.json().write(body);
        String contentType = "application/json";
        query.put("sign", signer.sign(path, query, bytes, contentType));
        URI uri = URI.create(apiBase + path + "?" + queryString(query));
        ConnectorRequest request = new ConnectorRequest(endpoint.operation(), endpoint.method(), uri,
                Map.of("Content-Type", List.of(contentType),
                        "x-tts-access-token", List.of(store.credentials().accessToken().reveal())), bytes);
        JsonNode reply;
        try {
            reply = http.exchange(request);
        } catch (CredentialsRejectedException e) {
            // the access token is refused but the refresh token may still work: the engine refreshes once and retries
            if (!ACCESS_TOKEN_REFUSED.contains(e.platformCode().orElse(""))) throw e;
            throw new AccessTokenRejectedException(PLATFORM, e.platformCode().orElse(null), e.getMessage(),
                    e.requestId().orElse(null), e.httpStatus());
        }
        JsonNode data = reply.path("data");
        if (data.isMissingNode() || data.isNull()) return http.json().mapper().createObjectNode();
        if (!data.isObject()) throw http.errors().malformedBody(200, text(reply, "request_id"), "data is not an object");
        return data;
    }

    private static String cipher(StoreAccess store) {
        Secret cipher = store.credentials().extra().get(CIPHER_PREFIX + store.platformStoreId());
        if (cipher == null || cipher.reveal().isBlank()) {
            throw new ConnectorException(PLATFORM, "configuration", "the store's credentials have no shop_cipher for shop "
                    + store.platformStoreId() + "; authorise the shop again", null, 0, false, null);
        }
        return cipher.reveal();
    }

    /** RFC 3986: {@code +} and {@code /} of page tokens percent-encoded; TikTok signs the decoded values. */
    static String queryString(Map<String, String> query) {
        StringBuilder s = new StringBuilder();
        query.forEach((k, v) -> {
            if (s.length() > 0) s.append('&');
            s.append(encode(k)).append('=').append(encode(v));
        });
        return s.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    // ---- JSON helpers ----------------------------------------------------------------------------------------------------

    private <T> T wellFormed(Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (ConnectorException e) {
            throw e;
        } catch (RuntimeException e) {
            // NullPointerException, ValidationException, IllegalArgumentException, ArithmeticException from the value
            // types' checks: named by type only, since the message may quote content
            throw http.errors().malformedBody(200, null, "invalid value (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
    }

    private String requiredText(JsonNode node, String field) {
        String value = blankToNull(text(node, field));
        if (value == null) throw http.errors().malformedBody(200, null, "missing " + field);
        return value;
    }

    private @Nullable BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        if (value.isTextual()) {
            String t = value.asText().trim();
            if (t.isEmpty()) return null;
            try {
                return new BigDecimal(t);
            } catch (NumberFormatException e) {
                throw http.errors().malformedBody(200, null, field + " is not a decimal");
            }
        }
        if (value.isNumber()) return value.decimalValue();
        throw http.errors().malformedBody(200, null, field + " is not a decimal");
    }

    private BigDecimal requiredDecimal(JsonNode node, String field) {
        BigDecimal value = decimal(node, field);
        if (value == null) throw http.errors().malformedBody(200, null, "missing " + field);
        return value;
    }

    private Instant epoch(JsonNode node, String field) {
        Instant value = optionalEpoch(node, field);
        if (value == null) throw http.errors().malformedBody(200, null, "missing " + field);
        return value;
    }

    private @Nullable Instant optionalEpoch(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        try {
            long seconds = value.isNumber() ? value.longValue() : Long.parseLong(value.asText().trim());
            return Instant.ofEpochSecond(seconds);
        } catch (RuntimeException e) {
            throw http.errors().malformedBody(200, null, field + " is not a Unix time");
        }
    }

    private static void putText(Map<String, Object> out, String key, JsonNode node, String field) {
        String value = blankToNull(text(node, field));
        if (value != null) out.put(key, value);
    }

    private static BigDecimal orZero(@Nullable BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "TikTokShopConnector[" + PLATFORM + ", " + apiBase + "]";
    }
}
