package io.storesync.testkit.simulator.tiktok;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storesync.api.Secret;
import io.storesync.api.store.StoreCredentials;
import io.storesync.testkit.simulator.Fault;
import io.storesync.testkit.simulator.FaultPlan;
import io.storesync.testkit.simulator.MarketplaceSimulator;
import io.storesync.testkit.simulator.SignedDelivery;
import io.storesync.testkit.simulator.SimulatedListing;
import io.storesync.testkit.simulator.SimulatedOrder;
import io.storesync.testkit.simulator.SimulatedShop;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * TikTok Shop's Open API (202309 endpoints) in process, over the shops of {@link MarketplaceSimulator}: token get and
 * refresh, authorised shops with ciphers, product search and detail, inventory and price updates, order search and
 * detail, and webhook subscriptions, every answer in TikTok's envelope {@code {code, message, request_id, data}}.
 *
 * <p>It refuses what TikTok refuses, each with TikTok's code, checked with its own {@code javax.crypto} code (never a
 * connector's): a wrong or upper-case {@code sign} (106001), a timestamp more than 5 minutes old or 30 seconds ahead or
 * not 10 digits (36009004), a wrong {@code app_key} (36009004), {@code shop_cipher} missing where required (106013),
 * present where refused (36009004) or not the token's shop's (36009004), a missing or unknown
 * {@code x-tts-access-token} (36009004, HTTP 401), an expired one (105002, HTTP 401), a spent or unknown refresh
 * token (36004005), a spent or unknown auth code (36004004), {@code page_size} outside 1..100 or more than 50 order ids
 * (36009004, HTTP 400), paging past the product search's 10,000-result cap (12052180, HTTP 400). Business refusals
 * (unknown product, locked product, unknown warehouse) come back with HTTP 200, per SKU inside {@code data.errors}
 * where TikTok does so.
 *
 * <p>Model: a listing is a SKU (its variant id is the SKU id; a listing without variant is a one-SKU product whose SKU
 * id is the product id); each SKU keeps stock per warehouse ({@link #warehouses}; one warehouse by default), whose sum
 * is the listing's stock. One host serves the API and the auth endpoints ({@link #baseUri()} for both settings).
 * Webhooks are signed as TikTok signs them: header {@code Authorization} = hex HMAC-SHA256(app secret, app key + body).
 *
 * <p>Thread-safe.
 */
public final class TikTokShopSimulator extends MarketplaceSimulator {
    /** The app key the simulator expects. */
    public static final String APP_KEY = "sim-app-key";
    /** TikTok's page-size cap. */
    public static final int MAX_PAGE = 100;
    /** TikTok's cap on order ids per detail call. */
    public static final int MAX_ORDER_IDS = 50;
    /** The statuses TikTok documents (202309). */
    public static final Set<String> STATUSES = Set.of("UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING",
            "AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED", "COMPLETED", "CANCELLED");
    private static final Duration ACCESS_LIFETIME = Duration.ofDays(7);
    private static final Duration REFRESH_LIFETIME = Duration.ofDays(365);
    private static final Pattern PRODUCT_PATH = Pattern.compile("/product/202309/products/([^/]+)(/inventory/update|/prices/update)?");

    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private final String appSecret;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong requestIds = new AtomicLong();
    private final Instant started;
    private final Map<String, Grant> grantsByAccess = new ConcurrentHashMap<>();
    private final Map<String, Grant> grantsByRefresh = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> spentRefresh = new ConcurrentHashMap<>();
    private final Map<String, AuthCode> codes = new ConcurrentHashMap<>();
    private final Map<String, String> ciphers = new ConcurrentHashMap<>();
    private final Map<String, String> currencies = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Integer>> warehouseSplit = new ConcurrentHashMap<>();
    private final Map<String, Instant> productUpdated = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, StoreCredentials> kitCredentials = new ConcurrentHashMap<>();
    private volatile boolean numericIds;
    private volatile int searchCap = 10_000;

    /** One consent: the tokens and the shops they open. */
    private static final class Grant {
        final String access;
        final String refresh;
        volatile Instant accessExpiry;
        final Instant refreshExpiry;
        final List<String> shops;
        volatile boolean revoked;

        Grant(String access, String refresh, Instant accessExpiry, Instant refreshExpiry, List<String> shops) {
            this.access = access;
            this.refresh = refresh;
            this.accessExpiry = accessExpiry;
            this.refreshExpiry = refreshExpiry;
            this.shops = List.copyOf(shops);
        }
    }

    private record AuthCode(List<String> shops, Instant expires) {}

    private TikTokShopSimulator(Clock clock, String appSecret) {
        super(clock);
        this.appSecret = appSecret;
        this.started = clock.instant();
    }

    /** A simulator on the system clock with a random app secret. */
    public static TikTokShopSimulator start() {
        return start(Clock.systemUTC());
    }

    /** A simulator on {@code clock} with a random app secret. */
    public static TikTokShopSimulator start(Clock clock) {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return new TikTokShopSimulator(clock, HexFormat.of().formatHex(secret));
    }

    @Override
    public String platform() {
        return "tiktok_shop";
    }

    /** The app key a connector must be configured with. */
    public String appKey() {
        return APP_KEY;
    }

    /** The app secret a connector must be configured with. */
    public String appSecret() {
        return appSecret;
    }

    /** Sends all-digit ids as JSON numbers (as TikTok's product webhooks do). */
    public TikTokShopSimulator numericIds(boolean value) {
        this.numericIds = value;
        return this;
    }

    /** Lowers the product search's result cap (TikTok: 10,000) so tests can reach it. */
    public TikTokShopSimulator searchCap(int value) {
        if (value < MAX_PAGE) throw new IllegalArgumentException("cap below a page");
        this.searchCap = value;
        return this;
    }

    /** The currency a shop's prices are in (default IDR). */
    public TikTokShopSimulator currency(String shopId, String currency) {
        currencies.put(shopId, currency);
        return this;
    }

    /** When a product was last updated (product search filters on it); default: an hour before the simulator started. */
    public TikTokShopSimulator productUpdatedAt(String shopId, String productId, Instant at) {
        productUpdated.put(shopId + "/" + productId, at);
        return this;
    }

    /**
     * Splits a SKU's stock over warehouses, in this order (the first is where changes by orders land). The listing's
     * stock becomes their sum.
     */
    public TikTokShopSimulator warehouses(String shopId, String productId, @Nullable String variantId,
            Map<String, Integer> quantities) {
        if (quantities.isEmpty()) throw new IllegalArgumentException("at least one warehouse");
        SimulatedShop shop = shop(shopId);
        SimulatedListing l = shop.listing(productId, variantId).orElseThrow(() -> new IllegalArgumentException("no listing"));
        warehouseSplit.put(skuKey(shopId, productId, skuId(l)), new LinkedHashMap<>(quantities));
        int sum = quantities.values().stream().mapToInt(Integer::intValue).sum();
        shop.add(new SimulatedListing(l.productId(), l.variantId(), l.sku(), l.price(), sum, l.active()));
        return this;
    }

    /** A SKU's stock per warehouse, as the shop shows it now. */
    public Map<String, Integer> warehouseStock(String shopId, String productId, @Nullable String variantId) {
        SimulatedListing l = shop(shopId).listing(productId, variantId)
                .orElseThrow(() -> new IllegalArgumentException("no listing"));
        return split(shopId, l);
    }

    /** The address registered for each event type of a shop. */
    public Map<String, String> webhookSubscriptions(String shopId) {
        return Map.copyOf(subscriptions.getOrDefault(shopId, Map.of()));
    }

    // ---- authorisation -------------------------------------------------------------------------------------------

    /** A seller consents to these shops: the auth code TikTok would redirect with (single use, 30 minutes). */
    public String consent(String... shopIds) {
        for (String s : shopIds) shop(s);
        String code = "code-" + token(12);
        codes.put(code, new AuthCode(List.of(shopIds), clock.instant().plus(Duration.ofMinutes(30))));
        return code;
    }

    /** A shop's cipher. */
    public String cipher(String shopId) {
        return ciphers.computeIfAbsent(shopId, id -> "GCP_" + token(16));
    }

    /** Credentials of a one-shop consent, as a connector stores them; the same on every call until revoked. */
    @Override
    public StoreCredentials credentials(String shopId) {
        shop(shopId);
        return kitCredentials.computeIfAbsent(shopId, id -> {
            Grant g = grant(List.of(id));
            return new StoreCredentials(Secret.of(g.access), Secret.of(g.refresh), g.accessExpiry,
                    Map.of("shop_cipher:" + id, Secret.of(cipher(id))));
        });
    }

    /**
     * TikTok stops accepting the access tokens granted for {@code shopId} before the expiry it announced (code
     * {@code 105002}); their refresh tokens still work.
     */
    public void expireAccessTokens(String shopId) {
        Instant past = clock.instant().minusSeconds(1);
        for (Grant g : grantsByAccess.values()) {
            if (g.shops.contains(shopId)) g.accessExpiry = past;
        }
    }

    @Override
    public void revokeCredentials(String shopId) {
        for (Grant g : grantsByAccess.values()) {
            if (g.shops.contains(shopId)) g.revoked = true;
        }
        kitCredentials.remove(shopId);
    }

    private Grant grant(List<String> shops) {
        Instant now = clock.instant();
        Grant g = new Grant("TTP_" + token(24), "TTP_" + token(24), now.plus(ACCESS_LIFETIME), now.plus(REFRESH_LIFETIME),
                shops);
        grantsByAccess.put(g.access, g);
        grantsByRefresh.put(g.refresh, g);
        return g;
    }

    // ---- webhooks ------------------------------------------------------------------------------------------------

    @Override
    public SignedDelivery orderWebhook(String shopId, String eventId, String orderId, Instant signedAt) {
        ObjectNode data = json.createObjectNode();
        putId(data, "order_id", orderId);
        shop(shopId).order(orderId).ifPresent(o -> {
            data.put("order_status", status(o.status()));
            data.put("is_on_hold_order", false);
            data.put("update_time", o.updatedAt().getEpochSecond());
        });
        return event(shopId, eventId, 1, data, signedAt);
    }

    @Override
    public SignedDelivery webhookOfSize(String shopId, String eventId, int bytes) {
        ObjectNode data = json.createObjectNode();
        data.put("padding", "");
        int base = body(shopId, eventId, 1, data, clock.instant()).length;
        data.put("padding", "x".repeat(Math.max(0, bytes - base)));
        return event(shopId, eventId, 1, data, clock.instant());
    }

    /**
     * Any event: {@code {"type", "tts_notification_id", "shop_id", "timestamp", "data"}} signed at {@code at}; a null
     * {@code eventId} leaves {@code tts_notification_id} out, as older deliveries do.
     */
    public SignedDelivery event(String shopId, @Nullable String eventId, int type, ObjectNode data, Instant at) {
        return sign(body(shopId, eventId, type, data, at));
    }

    /** A cancellation-status (11) or return-status (12) event for an order. */
    public SignedDelivery orderEvent(String shopId, String eventId, int type, String orderId, Instant at) {
        ObjectNode data = json.createObjectNode();
        putId(data, "order_id", orderId);
        return event(shopId, eventId, type, data, at);
    }

    /** Signs a body as TikTok does: {@code Authorization: hex(HMAC-SHA256(app_secret, app_key + body))}. */
    public SignedDelivery sign(byte[] body) {
        byte[] prefix = APP_KEY.getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        String mac = HexFormat.of().formatHex(hmac(signed));
        return new SignedDelivery(Map.of("Authorization", List.of(mac), "Content-Type", List.of("application/json")), body);
    }

    /** Posts a delivery to a URL, as TikTok does; the HTTP status answered. */
    public int post(URI url, SignedDelivery delivery) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        delivery.headers().forEach((k, v) -> v.forEach(value -> b.header(k, value)));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private byte[] body(String shopId, @Nullable String eventId, int type, ObjectNode data, Instant at) {
        ObjectNode event = json.createObjectNode();
        event.put("type", type);
        if (eventId != null) event.put("tts_notification_id", eventId);
        putId(event, "shop_id", shopId);
        event.put("timestamp", at.getEpochSecond());
        event.set("data", data);
        return write(event);
    }

    // ---- faults ----------------------------------------------------------------------------------------------------

    @Override
    protected Response faultResponse(Fault fault, FaultPlan plan) {
        return switch (fault) {
            case RATE_LIMITED -> Response.of(429, Map.of("Content-Type", "application/json",
                    "Retry-After", Long.toString(Math.max(0, plan.retryAfter().toSeconds()))),
                    envelope(36009002, "Too many requests. You've made too many requests in a short period of time.", null));
            case SERVER_ERROR -> Response.of(503, Map.of("Content-Type", "text/html"),
                    "<html><body>503 Service Temporarily Unavailable</body></html>".getBytes(StandardCharsets.UTF_8));
            case MALFORMED_BODY -> Response.json(200, "{\"code\":0,\"data\":{\"products\":[{\"id\":\"1".getBytes(StandardCharsets.UTF_8));
            case EXPIRED_CREDENTIALS -> Response.json(401, envelope(105002,
                    "Expired credentials. The access_token or x-tts-access-token header has expired.", null));
            case SLOW -> throw new IllegalArgumentException("SLOW is served normally, late");
        };
    }

    // ---- requests ----------------------------------------------------------------------------------------------------

    @Override
    protected Response handle(Request request) {
        String path = request.path();
        if (path.equals("/api/v2/token/get") || path.equals("/api/v2/token/refresh")) return token(request);
        Map<String, String> query = query(request.query());
        // the gateway's checks, in TikTok's order: app key, timestamp, signature, token, shop cipher
        if (!APP_KEY.equals(query.get("app_key"))) return error(400, 36009004, "Invalid credentials. Invalid app_key.");
        String ts = query.get("timestamp");
        if (ts == null || !ts.matches("\\d{10}")) {
            return error(400, 36009004, "Invalid timestamp. The timestamp must be a 10-digit Unix timestamp.");
        }
        long age = clock.instant().getEpochSecond() - Long.parseLong(ts);
        if (age > 300) return error(400, 36009004, "Invalid timestamp. The timestamp must be within 5 minutes of the current time.");
        if (age < -30) return error(400, 36009004, "Invalid timestamp. The timestamp must not exceed the current time by more than 30 seconds.");
        String contentType = request.header("content-type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return error(400, 36009022, "The request body must be application/json or multipart/form-data.");
        }
        String sign = query.get("sign");
        if (sign == null || !MessageDigest.isEqual(sign.getBytes(StandardCharsets.UTF_8),
                expectedSign(path, query, request.body()).getBytes(StandardCharsets.UTF_8))) {
            return error(400, 106001, "Invalid credentials. The sign query parameter is invalid.");
        }
        String access = request.header("x-tts-access-token");
        Grant grant = access == null ? null : grantsByAccess.get(access);
        if (grant == null || grant.revoked) return error(401, 36009004, "The x-tts-access-token header is invalid.");
        if (!clock.instant().isBefore(grant.accessExpiry)) {
            return error(401, 105002, "Expired credentials. The access_token or x-tts-access-token header has expired.");
        }
        String cipher = query.get("shop_cipher");
        if (path.startsWith("/authorization/")) {
            if (cipher != null) {
                return error(400, 36009004, "Unexpected identifier. The shop_cipher query parameter is not required for this request.");
            }
            return shops(grant);
        }
        if (cipher == null) {
            return error(400, 106013, "Missing identifier. The shop_cipher query parameter is required to identify the target shop.");
        }
        String shopId = grant.shops.stream().filter(s -> cipher.equals(ciphers.get(s))).findFirst().orElse(null);
        if (shopId == null) return error(400, 36009004, "Invalid identifier. The shop_cipher is not of a shop this token may access.");
        SimulatedShop shop = shop(shopId);
        JsonNode body;
        try {
            body = request.body().length == 0 ? json.createObjectNode() : json.readTree(request.body());
        } catch (IOException e) {
            return error(400, 36009004, "invalid param error: the body is not JSON");
        }
        String route = request.method() + " " + path;
        if (route.equals("POST /product/202309/products/search")) return productSearch(shop, query, body);
        if (route.equals("POST /order/202309/orders/search")) return orderSearch(shop, query, body);
        if (route.equals("GET /order/202309/orders")) return orderDetail(shop, query);
        if (path.equals("/event/202309/webhooks")) return webhooks(shop, request.method(), body);
        Matcher m = PRODUCT_PATH.matcher(path);
        if (m.matches()) {
            String productId = m.group(1);
            String action = m.group(2);
            if (action == null && request.method().equals("GET")) return productDetail(shop, productId);
            if ("/inventory/update".equals(action) && request.method().equals("POST")) return inventoryUpdate(shop, productId, body);
            if ("/prices/update".equals(action) && request.method().equals("POST")) return priceUpdate(shop, productId, body);
        }
        return error(404, 36009009, "Invalid path. The API path does not exist.");
    }

    /** The signature TikTok expects, computed here independently of any connector. */
    private String expectedSign(String path, Map<String, String> query, byte[] body) {
        StringBuilder base = new StringBuilder(path);
        new TreeMap<>(query).forEach((k, v) -> {
            if (!k.equals("sign") && !k.equals("access_token")) base.append(k).append(v);
        });
        byte[] head = (appSecret + base).getBytes(StandardCharsets.UTF_8);
        byte[] tail = appSecret.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        System.arraycopy(tail, 0, all, head.length + body.length, tail.length);
        return HexFormat.of().formatHex(hmac(all));
    }

    private byte[] hmac(byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Response token(Request request) {
        Map<String, String> q = query(request.query());
        if (!request.method().equals("GET")) return error(400, 36009010, "Invalid method.");
        if (!APP_KEY.equals(q.get("app_key")) || !appSecret.equals(q.get("app_secret"))) {
            return error(400, 36009004, "Invalid credentials. Invalid app_key or app_secret.");
        }
        Grant g;
        if (request.path().endsWith("/get")) {
            if (!"authorized_code".equals(q.get("grant_type"))) return error(400, 36009004, "invalid param error: grant_type");
            AuthCode code = q.get("auth_code") == null ? null : codes.remove(q.get("auth_code"));
            if (code == null || clock.instant().isAfter(code.expires())) return error(200, 36004004, "Invalid auth code.");
            g = grant(code.shops());
        } else {
            if (!"refresh_token".equals(q.get("grant_type"))) return error(400, 36009004, "invalid param error: grant_type");
            String refresh = q.get("refresh_token");
            Grant old = refresh == null ? null : grantsByRefresh.remove(refresh);
            if (old == null || old.revoked) return error(200, 36004005, "can not find related auth record");
            if (clock.instant().isAfter(old.refreshExpiry)) return error(200, 36004001, "rt has expired");
            spentRefresh.computeIfAbsent("spent", k -> ConcurrentHashMap.newKeySet()).add(refresh);
            // the old access token stays valid until its own expiry (UNCERTAIN on the real platform)
            g = grant(old.shops);
        }
        ObjectNode data = json.createObjectNode();
        data.put("access_token", g.access);
        data.put("access_token_expire_in", g.accessExpiry.getEpochSecond());
        data.put("refresh_token", g.refresh);
        data.put("refresh_token_expire_in", g.refreshExpiry.getEpochSecond());
        data.put("open_id", "open-" + g.shops.get(0));
        data.put("seller_name", "Seller of " + g.shops.get(0));
        data.put("seller_base_region", "ID");
        data.put("user_type", 0);
        return ok(data);
    }

    /** How many refresh tokens were spent. */
    public int refreshesServed() {
        return spentRefresh.getOrDefault("spent", Set.of()).size();
    }

    private Response shops(Grant grant) {
        ArrayNode shops = json.createArrayNode();
        for (String id : grant.shops) {
            ObjectNode s = shops.addObject();
            s.put("id", id);
            s.put("name", "Shop " + id);
            s.put("region", "ID");
            s.put("seller_type", "LOCAL");
            s.put("cipher", cipher(id));
            s.put("code", "ID" + Math.abs(id.hashCode()));
        }
        ObjectNode data = json.createObjectNode();
        data.set("shops", shops);
        return ok(data);
    }

    private @Nullable Response pageSize(Map<String, String> query) {
        String size = query.get("page_size");
        int n;
        try {
            n = size == null ? -1 : Integer.parseInt(size);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > MAX_PAGE) return error(400, 36009004, "invalid param error: page_size must be within [1-100]");
        return null;
    }

    private static int offset(@Nullable String token) {
        if (token == null) return 0;
        if (!token.startsWith("tk+/")) return -1;
        try {
            return Integer.parseInt(new String(Base64.getDecoder().decode(token.substring(4)), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static String nextToken(int offset) {
        // opaque, with the '+' and '/' real tokens contain
        return "tk+/" + Base64.getEncoder().encodeToString(Integer.toString(offset).getBytes(StandardCharsets.UTF_8));
    }

    private Response productSearch(SimulatedShop shop, Map<String, String> query, JsonNode body) {
        Response bad = pageSize(query);
        if (bad != null) return bad;
        int size = Integer.parseInt(query.get("page_size"));
        int offset = offset(query.get("page_token"));
        if (offset < 0) return error(400, 36009004, "invalid param error: page_token");
        long ge = body.path("update_time_ge").asLong(Long.MIN_VALUE);
        long le = body.path("update_time_le").asLong(Long.MAX_VALUE);
        Map<String, List<SimulatedListing>> byProduct = new LinkedHashMap<>();
        for (SimulatedListing l : shop.listings()) {
            long updated = productUpdated(shop.id(), l.productId()).getEpochSecond();
            if (updated >= ge && updated <= le) byProduct.computeIfAbsent(l.productId(), k -> new ArrayList<>()).add(l);
        }
        if (offset + size > searchCap) {
            return error(400, 12052180, "The total number of search results can not exceed " + searchCap + ".");
        }
        List<String> ids = new ArrayList<>(byProduct.keySet());
        ArrayNode products = json.createArrayNode();
        for (int i = offset; i < Math.min(ids.size(), offset + size); i++) {
            products.add(product(shop, ids.get(i), byProduct.get(ids.get(i))));
        }
        ObjectNode data = json.createObjectNode();
        data.put("total_count", ids.size());
        data.put("next_page_token", offset + size < ids.size() ? nextToken(offset + size) : "");
        data.set("products", products);
        return ok(data);
    }

    private Response productDetail(SimulatedShop shop, String productId) {
        List<SimulatedListing> skus = shop.listings().stream().filter(l -> l.productId().equals(productId)).toList();
        if (skus.isEmpty()) return error(200, 12052004, "The product does not exist.");
        return ok(product(shop, productId, skus));
    }

    private ObjectNode product(SimulatedShop shop, String productId, List<SimulatedListing> skus) {
        ObjectNode p = json.createObjectNode();
        putId(p, "id", productId);
        p.put("title", "Product " + productId);
        boolean active = skus.stream().anyMatch(SimulatedListing::active);
        p.put("status", active ? "ACTIVATE" : "SELLER_DEACTIVATED");
        long updated = productUpdated(shop.id(), productId).getEpochSecond();
        p.put("create_time", updated);
        p.put("update_time", updated);
        ArrayNode list = p.putArray("skus");
        for (SimulatedListing l : skus) {
            ObjectNode s = list.addObject();
            putId(s, "id", skuId(l));
            if (l.sku() != null) s.put("seller_sku", l.sku());
            ObjectNode price = s.putObject("price");
            price.put("currency", currency(shop.id()));
            price.put("sale_price", l.price().toPlainString());
            price.put("tax_exclusive_price", l.price().toPlainString());
            ArrayNode inventory = s.putArray("inventory");
            split(shop.id(), l).forEach((w, q) -> {
                ObjectNode i = inventory.addObject();
                putId(i, "warehouse_id", w);
                i.put("quantity", q);
            });
            if (!l.active()) s.putObject("status_info").put("status", "DEACTIVATED");
        }
        return p;
    }

    private Response inventoryUpdate(SimulatedShop shop, String productId, JsonNode body) {
        List<SimulatedListing> listings = shop.listings().stream().filter(l -> l.productId().equals(productId)).toList();
        if (listings.isEmpty()) return error(200, 12052004, "The product does not exist.");
        JsonNode skus = body.path("skus");
        if (!skus.isArray() || skus.isEmpty()) return error(400, 12052036, "The SKU ID is necessary");
        ArrayNode errors = json.createArrayNode();
        Instant now = clock.instant();
        for (JsonNode s : skus) {
            String skuId = s.path("id").asText();
            SimulatedListing l = listings.stream().filter(x -> skuId(x).equals(skuId)).findFirst().orElse(null);
            if (l == null) {
                skuError(errors, skuId, 12052990, "Check failed: the SKU does not exist", null, 0, null);
                continue;
            }
            Map<String, Integer> current = split(shop.id(), l);
            Map<String, Integer> next = new LinkedHashMap<>(current);
            String problem = null;
            int problemCode = 0;
            String badWarehouse = null;
            Set<String> named = new java.util.HashSet<>();
            for (JsonNode inv : s.path("inventory")) {
                int q = inv.path("quantity").asInt(-1);
                if (!inv.path("quantity").canConvertToInt() || q < 0 || q >= 99_999) {
                    problem = "stock count is invalid";
                    problemCode = 12019024;
                    break;
                }
                String w = inv.hasNonNull("warehouse_id") ? inv.path("warehouse_id").asText() : null;
                if (w == null) {
                    if (current.size() > 1) {
                        problem = "Multiple warehouses detected. Include all warehouse IDs and the corresponding details and try again.";
                        problemCode = 12019028;
                        break;
                    }
                    w = current.keySet().iterator().next();
                }
                if (!current.containsKey(w)) {
                    problem = "The warehouse does not exist";
                    problemCode = 12052097;
                    badWarehouse = w;
                    break;
                }
                named.add(w);
                next.put(w, q);
            }
            if (problem == null && named.size() < current.size()) {
                problem = "Multiple warehouses detected. Include all warehouse IDs and the corresponding details and try again.";
                problemCode = 12019028;
            }
            if (problem != null) {
                skuError(errors, skuId, 12052990, "Check failed", badWarehouse, problemCode, problem);
                continue;
            }
            int sum = next.values().stream().mapToInt(Integer::intValue).sum();
            String refused = shop.writeStock(l.productId(), l.variantId(), sum, now);
            if (refused != null) {
                skuError(errors, skuId, 12052921, "Couldn't edit the inventory quantity: " + refused, null, 0, null);
                continue;
            }
            warehouseSplit.put(skuKey(shop.id(), l.productId(), skuId), next);
        }
        ObjectNode data = json.createObjectNode();
        if (!errors.isEmpty()) data.set("errors", errors);
        return ok(data);
    }

    private Response priceUpdate(SimulatedShop shop, String productId, JsonNode body) {
        List<SimulatedListing> listings = shop.listings().stream().filter(l -> l.productId().equals(productId)).toList();
        if (listings.isEmpty()) return error(200, 12052004, "The product does not exist.");
        JsonNode skus = body.path("skus");
        if (!skus.isArray() || skus.isEmpty()) return error(400, 12052036, "The SKU ID is necessary");
        ArrayNode errors = json.createArrayNode();
        Instant now = clock.instant();
        for (JsonNode s : skus) {
            String skuId = s.path("id").asText();
            SimulatedListing l = listings.stream().filter(x -> skuId(x).equals(skuId)).findFirst().orElse(null);
            JsonNode price = s.path("price");
            if (l == null) {
                skuError(errors, skuId, 12052990, "Check failed: the SKU does not exist", null, 0, null);
                continue;
            }
            if (!price.path("amount").isTextual() || !currency(shop.id()).equals(price.path("currency").asText())) {
                skuError(errors, skuId, 12052012, "Incorrect price format", null, 0, null);
                continue;
            }
            BigDecimal amount;
            try {
                amount = new BigDecimal(price.path("amount").asText());
            } catch (NumberFormatException e) {
                skuError(errors, skuId, 12052012, "Incorrect price format", null, 0, null);
                continue;
            }
            String refused = shop.writePrice(l.productId(), l.variantId(), amount, now);
            if (refused != null) skuError(errors, skuId, 12019045, "price is locked: " + refused, null, 0, null);
        }
        ObjectNode data = json.createObjectNode();
        if (!errors.isEmpty()) data.set("errors", errors);
        return ok(data);
    }

    private void skuError(ArrayNode errors, String skuId, int code, String message, @Nullable String warehouse,
            int extraCode, @Nullable String extraMessage) {
        ObjectNode e = errors.addObject();
        e.put("code", code);
        e.put("message", message);
        ObjectNode detail = e.putObject("detail");
        putId(detail, "sku_id", skuId);
        if (extraMessage != null) {
            ObjectNode x = detail.putArray("extra_errors").addObject();
            if (warehouse != null) x.put("warehouse_id", warehouse);
            x.put("code", extraCode);
            x.put("message", extraMessage);
        }
    }

    private Response orderSearch(SimulatedShop shop, Map<String, String> query, JsonNode body) {
        Response bad = pageSize(query);
        if (bad != null) return bad;
        if (query.containsKey("sort_field") && !Set.of("create_time", "update_time").contains(query.get("sort_field"))) {
            return error(400, 36009004, "invalid param error: sort_field");
        }
        int size = Integer.parseInt(query.get("page_size"));
        int offset = offset(query.get("page_token"));
        if (offset < 0) return error(400, 36009004, "invalid param error: page_token");
        Instant ge = Instant.ofEpochSecond(body.path("update_time_ge").asLong(0));
        Instant lt = body.has("update_time_lt") ? Instant.ofEpochSecond(body.path("update_time_lt").asLong())
                : clock.instant().plusSeconds(1);
        List<SimulatedOrder> all = shop.ordersChanged(ge, lt);
        if (!"ASC".equals(query.get("sort_order")) || !"update_time".equals(query.get("sort_field"))) {
            all = new ArrayList<>(all);
            java.util.Collections.reverse(all);
        }
        ArrayNode orders = json.createArrayNode();
        for (int i = offset; i < Math.min(all.size(), offset + size); i++) orders.add(order(all.get(i)));
        ObjectNode data = json.createObjectNode();
        data.put("total_count", all.size());
        data.put("next_page_token", offset + size < all.size() ? nextToken(offset + size) : "");
        data.set("orders", orders);
        return ok(data);
    }

    private Response orderDetail(SimulatedShop shop, Map<String, String> query) {
        String ids = query.get("ids");
        if (ids == null || ids.isBlank()) return error(400, 36009004, "invalid param error: ids is required");
        String[] list = ids.split(",");
        if (list.length > MAX_ORDER_IDS) return error(400, 36009004, "invalid param error: ids Max count: 50");
        ArrayNode orders = json.createArrayNode();
        for (String id : list) shop.order(id.trim()).ifPresent(o -> orders.add(order(o)));
        ObjectNode data = json.createObjectNode();
        data.set("orders", orders);
        return ok(data);
    }

    private ObjectNode order(SimulatedOrder o) {
        ObjectNode n = json.createObjectNode();
        putId(n, "id", o.id());
        String status = status(o.status());
        n.put("status", status);
        n.put("create_time", o.createdAt().getEpochSecond());
        n.put("update_time", o.updatedAt().getEpochSecond());
        n.put("user_id", "7021436810468230477");
        n.put("buyer_email", "buyer-" + o.id() + "@scs.tiktokw.us");
        n.put("buyer_message", "");
        n.put("is_on_hold_order", status.equals("ON_HOLD"));
        if (status.equals("CANCELLED")) {
            n.put("cancel_reason", "Buyer changed mind");
            n.put("cancellation_initiator", "BUYER");
            n.put("cancel_time", o.updatedAt().getEpochSecond());
        }
        ObjectNode payment = n.putObject("payment");
        payment.put("currency", o.currency());
        payment.put("sub_total", o.total().toPlainString());
        payment.put("shipping_fee", "0");
        payment.put("seller_discount", "0");
        payment.put("platform_discount", "0");
        payment.put("tax", "0");
        payment.put("total_amount", o.total().toPlainString());
        ObjectNode address = n.putObject("recipient_address");
        Object name = o.customer().get("name");
        address.put("name", name == null ? "Buyer" : name.toString());
        address.put("phone_number", "(+62)812-***-1234");
        address.put("full_address", "Jl. Sudirman 1, Jakarta");
        address.put("postal_code", "10110");
        address.put("region_code", "ID");
        ArrayNode items = n.putArray("line_items");
        for (SimulatedOrder.Line line : o.lines()) {
            // TikTok has no quantity: one line item per unit
            for (int k = 0; k < Math.max(1, line.quantity()); k++) {
                ObjectNode i = items.addObject();
                putId(i, "id", k == 0 ? line.id() : line.id() + "-" + k);
                putId(i, "product_id", line.productId());
                putId(i, "sku_id", line.variantId() != null ? line.variantId() : line.productId());
                i.put("product_name", line.name());
                if (line.sku() != null) i.put("seller_sku", line.sku());
                i.put("original_price", line.unitPrice().toPlainString());
                i.put("sale_price", line.unitPrice().toPlainString());
                i.put("currency", o.currency());
                i.put("display_status", status);
                if (status.equals("CANCELLED")) i.put("cancel_user", "BUYER");
            }
        }
        return n;
    }

    private Response webhooks(SimulatedShop shop, String method, JsonNode body) {
        Map<String, String> subs = subscriptions.computeIfAbsent(shop.id(), k -> new ConcurrentHashMap<>());
        switch (method) {
            case "GET" -> {
                ObjectNode data = json.createObjectNode();
                ArrayNode list = data.putArray("webhooks");
                new TreeMap<>(subs).forEach((type, address) -> {
                    ObjectNode w = list.addObject();
                    w.put("event_type", type);
                    w.put("address", address);
                    w.put("create_time", started.getEpochSecond());
                });
                return ok(data);
            }
            case "PUT" -> {
                String type = body.path("event_type").asText("");
                String address = body.path("address").asText("");
                if (type.isEmpty() || address.isEmpty() || address.length() > 255) {
                    return error(400, 36009004, "invalid param error: address and event_type are required");
                }
                subs.put(type, address);
                return ok(json.createObjectNode());
            }
            case "DELETE" -> {
                String type = body.path("event_type").asText("");
                if (type.isEmpty()) return error(400, 36009004, "invalid param error: event_type is required");
                subs.remove(type);
                return ok(json.createObjectNode());
            }
            default -> {
                return error(405, 36009010, "Invalid method.");
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------------

    private static String status(String status) {
        String upper = status.toUpperCase(Locale.ROOT);
        return STATUSES.contains(upper) ? upper : status;
    }

    private static String skuId(SimulatedListing l) {
        return l.variantId() != null ? l.variantId() : l.productId();
    }

    private static String skuKey(String shopId, String productId, String skuId) {
        return shopId + "/" + productId + "/" + skuId;
    }

    /** The SKU's warehouses and quantities, adjusted so they add up to the listing's stock (orders change it). */
    private Map<String, Integer> split(String shopId, SimulatedListing l) {
        Map<String, Integer> stored = warehouseSplit.get(skuKey(shopId, l.productId(), skuId(l)));
        Map<String, Integer> out = new LinkedHashMap<>();
        if (stored == null) {
            out.put(defaultWarehouse(shopId), l.stock());
            return out;
        }
        out.putAll(stored);
        int diff = l.stock() - out.values().stream().mapToInt(Integer::intValue).sum();
        for (Map.Entry<String, Integer> e : out.entrySet()) {
            if (diff == 0) break;
            int value = Math.max(0, e.getValue() + diff);
            diff -= value - e.getValue();
            e.setValue(value);
        }
        return out;
    }

    /** The warehouse a shop's SKUs use unless {@link #warehouses} says otherwise. */
    public String defaultWarehouse(String shopId) {
        return "7" + String.format("%018d", Math.abs((long) shopId.hashCode()));
    }

    private String currency(String shopId) {
        return currencies.getOrDefault(shopId, "IDR");
    }

    private Instant productUpdated(String shopId, String productId) {
        return productUpdated.getOrDefault(shopId + "/" + productId, started.minus(Duration.ofHours(1)));
    }

    private void putId(ObjectNode node, String field, String id) {
        if (numericIds && id.matches("\\d{1,40}")) node.put(field, new BigInteger(id));
        else node.put(field, id);
    }

    private static Map<String, String> query(@Nullable String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private Response ok(JsonNode data) {
        return Response.json(200, envelope(0, "Success", data));
    }

    private Response error(int status, int code, String message) {
        return Response.json(status, envelope(code, message, null));
    }

    private byte[] envelope(int code, String message, @Nullable JsonNode data) {
        ObjectNode n = json.createObjectNode();
        n.put("code", code);
        n.put("message", message);
        n.put("request_id", String.format("2026%016X", requestIds.incrementAndGet()));
        if (data != null) n.set("data", data);
        return write(n);
    }

    private byte[] write(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
