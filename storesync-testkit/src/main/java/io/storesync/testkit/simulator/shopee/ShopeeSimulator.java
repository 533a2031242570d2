package io.storesync.testkit.simulator.shopee;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storesync.api.Secret;
import io.storesync.api.store.StoreCredentials;
import io.storesync.spi.connector.ConnectorSettings;
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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Shopee Open Platform v2, in process: the auth, product, order, shop and push endpoints StoreSync uses, with Shopee's
 * envelope ({@code request_id}, {@code error}, {@code message}, {@code warning}, {@code response}) and Shopee's
 * refusals. Every request is checked with this class's own {@code javax.crypto} code (never a connector's signer):
 * a wrong {@code sign} → {@code error_sign}; a {@code timestamp} more than five minutes old → {@code error_param}
 * "Timestamp is expired"; an unknown, revoked or expired access token → {@code error_auth}; a used refresh token or
 * consent code → {@code error_auth}; {@code page_size} over 100, an order window over 15 days, a batch over 50 →
 * {@code error_param}. Pushes are signed as Shopee signs them: {@code Authorization} = lower-case hex
 * HMAC-SHA256(partner key, push URL + "|" + body).
 *
 * <p>The model: a {@link SimulatedShop}'s listings with one product id are one Shopee item; a listing without a variant
 * is an item without models ({@code model_id 0}); listings with variants are the item's models. Items are
 * {@code NORMAL} when all their listings are active, else {@code UNLIST}. Ids made of digits are sent as JSON numbers
 * (as Shopee's int64 ids are), others as strings. HTTP statuses of errors are not documented by Shopee: this simulator
 * answers 400 for {@code error_param}/{@code error_sign}, 403 for {@code error_auth}, 429 for throttling, 500 for
 * {@code error_server} and 200 for business refusals ({@code error_item_not_found}).
 *
 * <p>Faults ({@link FaultPlan}, {@link #failNext}) answer as Shopee would: {@code error_rate_limit} with HTTP 429 and
 * {@code Retry-After}, {@code error_server} with HTTP 500, a truncated body, {@code error_auth} "Invalid access_token".
 *
 * <p>Thread-safe.
 */
public final class ShopeeSimulator extends MarketplaceSimulator {
    /** The partner id the simulator's app has unless told otherwise. */
    public static final long DEFAULT_PARTNER_ID = 2_001_887L;
    /** The largest {@code page_size}. */
    public static final int MAX_PAGE = 100;
    /** The largest id list or model batch. */
    public static final int MAX_BATCH = 50;
    /** The widest {@code get_order_list} window. */
    public static final Duration MAX_WINDOW = Duration.ofDays(15);
    /** How old a request's timestamp may be. */
    public static final Duration TIMESTAMP_TOLERANCE = Duration.ofMinutes(5);
    /** The push URL the simulator's app is registered with unless told otherwise. */
    public static final String DEFAULT_PUSH_URL = "https://host.example/storesync/shopee/push";

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,20}");
    private static final Set<String> PUBLIC_PREFIXES = Set.of("/api/v2/auth/", "/api/v2/public/", "/api/v2/push/");

    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private final SecureRandom random = new SecureRandom();
    private final long partnerId;
    private final String partnerKey;
    private volatile String pushUrl = DEFAULT_PUSH_URL;
    private volatile Duration accessLifetime = Duration.ofHours(4);
    private volatile int itemOffsetCap = 10_000;
    private volatile boolean quotaSpent;
    private volatile double rateLimit;
    private double tokens;
    private long refilledAt = System.nanoTime();

    /** Access token → what it opens. */
    private final Map<String, Token> accessTokens = new ConcurrentHashMap<>();
    /** Refresh token → the shops it may refresh and those that already used it. */
    private final Map<String, Refresh> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, String> shopLocations = new ConcurrentHashMap<>();
    private final Map<String, Instant> authorizationExpiry = new ConcurrentHashMap<>();
    private final Map<String, Long> itemUpdateTimes = new ConcurrentHashMap<>();
    private final AtomicLong itemClock = new AtomicLong();
    private final List<LostMessage> lost = new CopyOnWriteArrayList<>();
    private final AtomicLong lostIds = new AtomicLong(1000);
    private volatile long confirmedUpTo;
    private final AtomicLong requestIds = new AtomicLong();

    private record Token(Set<String> shops, Instant expiresAt, boolean[] revoked) {}

    private record Refresh(Set<String> shops, Set<String> usedBy) {}

    private record Grant(List<String> shops, @Nullable String shopId, @Nullable String mainAccountId, Instant expiresAt,
            boolean[] used) {}

    /** A push Shopee failed to deliver, waiting in {@code get_lost_push_message}. */
    private record LostMessage(long id, String shopId, int code, long timestamp, String data) {}

    private ShopeeSimulator(Clock clock, long partnerId, String partnerKey) {
        super(clock);
        this.partnerId = partnerId;
        this.partnerKey = partnerKey;
        this.itemClock.set(clock.instant().getEpochSecond() - 86_400);
    }

    /** A simulator on the system clock with a random partner key. */
    public static ShopeeSimulator start() {
        return start(Clock.systemUTC());
    }

    /** A simulator on {@code clock} with a random partner key. */
    public static ShopeeSimulator start(Clock clock) {
        SecureRandom r = new SecureRandom();
        byte[] key = new byte[32];
        r.nextBytes(key);
        return new ShopeeSimulator(clock, DEFAULT_PARTNER_ID, "shpk" + java.util.HexFormat.of().formatHex(key));
    }

    @Override
    public String platform() {
        return "shopee";
    }

    /** The app's partner id. */
    public long partnerId() {
        return partnerId;
    }

    /** The app's partner key (what a host puts in its {@code partner_key} setting). */
    public Secret partnerKey() {
        return Secret.of(partnerKey);
    }

    /** The push URL pushes are signed for. */
    public String pushUrl() {
        return pushUrl;
    }

    /** Signs pushes for another URL (the exact callback URL a host registered). */
    public ShopeeSimulator pushUrl(String value) {
        this.pushUrl = Objects.requireNonNull(value, "value");
        return this;
    }

    /** Access tokens issued from now on live this long (four hours by default). */
    public ShopeeSimulator accessTokenLifetime(Duration value) {
        this.accessLifetime = Objects.requireNonNull(value, "value");
        return this;
    }

    /** {@code get_item_list} refuses offsets from this one on (Shopee has a cap of undisclosed size). */
    public ShopeeSimulator itemOffsetCap(int value) {
        if (value < MAX_PAGE) throw new IllegalArgumentException("the cap is at least one page");
        this.itemOffsetCap = value;
        return this;
    }

    /** While true, every call is refused with {@code error_limit}: the app's daily quota is spent. */
    public ShopeeSimulator dailyQuotaSpent(boolean value) {
        this.quotaSpent = value;
        return this;
    }

    /**
     * Answers {@code error_rate_limit} (HTTP 429) to calls beyond {@code callsPerSecond} per second for the whole app
     * (a token bucket holding one second's calls); 0 turns the limit off.
     */
    public ShopeeSimulator rateLimit(double callsPerSecond) {
        synchronized (this) {
            this.rateLimit = callsPerSecond;
            this.tokens = callsPerSecond;
            this.refilledAt = System.nanoTime();
        }
        return this;
    }

    private synchronized boolean admit() {
        if (rateLimit <= 0) return true;
        long now = System.nanoTime();
        tokens = Math.min(rateLimit, tokens + (now - refilledAt) / 1e9 * rateLimit);
        refilledAt = now;
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }

    /** The shop keeps stock in several warehouses; stock writes must name this one. */
    public ShopeeSimulator multiWarehouse(String shopId, String locationId) {
        shopLocations.put(shopId, locationId);
        return this;
    }

    /** The seller's consent for the shop lapses at {@code at} ({@code get_shop_info}'s {@code expire_time}). */
    public ShopeeSimulator authorizationExpiresAt(String shopId, Instant at) {
        authorizationExpiry.put(shopId, at);
        return this;
    }

    /** Marks an item updated at {@code at} (what {@code get_item_list}'s update-time filter sees). */
    public ShopeeSimulator touchItem(String itemId, Instant at) {
        itemUpdateTimes.put(itemId, at.getEpochSecond());
        return this;
    }

    /** The connector settings a host would give for this simulator's app. */
    public ConnectorSettings connectorSettings() {
        return new ConnectorSettings("shopee", Map.of("partner_id", Long.toString(partnerId), "api_base_url",
                baseUri().toString(), "push_url", pushUrl), Map.of("partner_key", partnerKey()));
    }

    // ---- authorisation ---------------------------------------------------------------------------------------------

    @Override
    public StoreCredentials credentials(String shopId) {
        shop(shopId);
        Issued issued = issue(Set.of(shopId));
        Map<String, Secret> extra = new HashMap<>();
        String location = shopLocations.get(shopId);
        if (location != null) extra.put("location_id", Secret.of(location));
        return new StoreCredentials(Secret.of(issued.access()), Secret.of(issued.refresh()), issued.expiresAt(), extra);
    }

    private record Issued(String access, String refresh, Instant expiresAt) {}

    private Issued issue(Set<String> shops) {
        String access = token();
        String refresh = token();
        Instant expires = clock.instant().plus(accessLifetime);
        accessTokens.put(access, new Token(Set.copyOf(shops), expires, new boolean[1]));
        refreshTokens.put(refresh, new Refresh(Set.copyOf(shops), ConcurrentHashMap.newKeySet()));
        return new Issued(access, refresh, expires);
    }

    @Override
    public void revokeCredentials(String shopId) {
        accessTokens.values().stream().filter(t -> t.shops().contains(shopId)).forEach(t -> t.revoked()[0] = true);
        refreshTokens.values().stream().filter(r -> r.shops().contains(shopId)).forEach(r -> r.usedBy().add(shopId));
    }

    /** Every access token of the shop expires now (its refresh token still works). */
    public void expireAccessTokens(String shopId) {
        Instant past = clock.instant().minusSeconds(1);
        accessTokens.replaceAll((k, t) -> t.shops().contains(shopId) ? new Token(t.shops(), past, t.revoked()) : t);
    }

    /**
     * The seller of {@code shopId} consents: what Shopee's page does after login. Checks the consent URL's signature
     * and age with this simulator's own code, and answers the redirect URL Shopee sends the browser to, with a
     * single-use {@code code} (ten minutes) and the {@code shop_id}.
     *
     * @throws IllegalArgumentException when the link is not a valid {@code auth_partner} link
     */
    public URI approve(URI consentUrl, String shopId) {
        return approve(consentUrl, List.of(shopId), null);
    }

    /** A main account's consent granting several shops: the redirect carries {@code main_account_id}. */
    public URI approveMainAccount(URI consentUrl, String mainAccountId, List<String> shopIds) {
        return approve(consentUrl, shopIds, mainAccountId);
    }

    private URI approve(URI consentUrl, List<String> shopIds, @Nullable String mainAccountId) {
        if (!"/api/v2/shop/auth_partner".equals(consentUrl.getRawPath())) {
            throw new IllegalArgumentException("not an auth_partner link");
        }
        Map<String, String> q = query(consentUrl.getRawQuery());
        Optional<String> refused = checkCommon(consentUrl.getRawPath(), q, false);
        if (refused.isPresent()) throw new IllegalArgumentException("Shopee refuses the link: " + refused.get());
        String redirect = q.get("redirect");
        if (redirect == null || redirect.isBlank()) throw new IllegalArgumentException("no redirect");
        shopIds.forEach(this::shop);
        String code = token();
        codes.put(code, new Grant(List.copyOf(shopIds), mainAccountId == null ? shopIds.get(0) : null, mainAccountId,
                clock.instant().plus(Duration.ofMinutes(10)), new boolean[1]));
        String id = mainAccountId == null ? "&shop_id=" + shopIds.get(0) : "&main_account_id=" + mainAccountId;
        return URI.create(redirect + (redirect.contains("?") ? "&" : "?") + "code=" + code + id);
    }

    // ---- pushes ----------------------------------------------------------------------------------------------------

    /**
     * An order status push (code 3) for the order as the shop has it, signed at {@code signedAt}. Shopee's pushes
     * carry no event id: {@code eventId} is not sent.
     */
    @Override
    public SignedDelivery orderWebhook(String shopId, String eventId, String orderId, Instant signedAt) {
        return signed(push(shopId, 3, orderData(shopId, orderId, signedAt), signedAt));
    }

    /** An order status push for the order as it is now, signed now. */
    public SignedDelivery orderStatusPush(String shopId, String orderId) {
        Instant now = clock.instant();
        return signed(push(shopId, 3, orderData(shopId, orderId, now), now));
    }

    /** A tracking-number push (code 4). */
    public SignedDelivery trackingPush(String shopId, String orderId, String trackingNumber) {
        Instant now = clock.instant();
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("ordersn", orderId);
        data.put("tracking_no", trackingNumber);
        data.put("package_number", "PKG-" + orderId);
        return signed(push(shopId, 4, data, now));
    }

    /** The seller deauthorised the app (code 2). */
    public SignedDelivery deauthorizationPush(String shopId) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("extra", "shop " + shopId + " deauthorized");
        return signed(push(shopId, 2, data, clock.instant()));
    }

    /** The shop's authorisation expires within seven days (code 12). */
    public SignedDelivery authorizationExpiryPush(String shopId) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("expire_before", clock.instant().plus(Duration.ofDays(7)).getEpochSecond());
        return signed(push(shopId, 12, data, clock.instant()));
    }

    /**
     * The verification push Shopee sends when a callback URL is set (code 0, no shop), with the body observed in the
     * wild (minchao/shopee-php issue 41): no {@code shop_id} and no {@code timestamp}.
     */
    public SignedDelivery verificationPush() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("code", 0);
        body.putObject("data").put("verify_info", "This is a Verification message.Please respond in the certain format.");
        return signed(body);
    }

    /**
     * An order status push that never arrives: it waits in {@code get_lost_push_message} until confirmed, as when the
     * host's endpoint was down.
     */
    public void losePush(String shopId, String orderId) {
        Instant now = clock.instant();
        lost.add(new LostMessage(lostIds.incrementAndGet(), shopId, 3, now.getEpochSecond(),
                orderData(shopId, orderId, now).toString()));
    }

    /**
     * A lost push with a code and {@code data} text of the test's choosing, as Shopee lists it (its {@code data} a
     * string): for a message that is not an order push, or whose data is not JSON.
     */
    public void losePush(String shopId, int code, String data) {
        lost.add(new LostMessage(lostIds.incrementAndGet(), shopId, code, clock.instant().getEpochSecond(), data));
    }

    /** Lost pushes nobody confirmed yet. */
    public int unconfirmedLostPushes() {
        long upTo = confirmedUpTo;
        return (int) lost.stream().filter(m -> m.id() > upTo).count();
    }

    @Override
    public SignedDelivery webhookOfSize(String shopId, String eventId, int bytes) {
        ObjectNode data = orderData(shopId, "X-" + eventId, clock.instant());
        ObjectNode body = push(shopId, 3, data, clock.instant());
        int base = body.toString().getBytes(StandardCharsets.UTF_8).length + 20;
        data.put("padding", "x".repeat(Math.max(0, bytes - base)));
        return signed(body);
    }

    private ObjectNode orderData(String shopId, String orderId, Instant fallback) {
        Optional<SimulatedOrder> order = shop(shopId).order(orderId);
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.putArray("items");
        data.put("ordersn", orderId);
        data.put("status", order.map(SimulatedOrder::status).orElse("READY_TO_SHIP"));
        data.put("completed_scenario", "");
        data.put("update_time", order.map(o -> o.updatedAt().getEpochSecond()).orElse(fallback.getEpochSecond()));
        return data;
    }

    private ObjectNode push(String shopId, int code, ObjectNode data, Instant at) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("data", data);
        body.set("shop_id", id(shopId));
        body.put("code", code);
        body.put("timestamp", at.getEpochSecond());
        return body;
    }

    private SignedDelivery signed(ObjectNode body) {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        byte[] prefix = (pushUrl + "|").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[prefix.length + bytes.length];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(bytes, 0, message, prefix.length, bytes.length);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("Authorization", List.of(hmacHex(message)));
        return new SignedDelivery(headers, bytes);
    }

    // ---- serving ---------------------------------------------------------------------------------------------------

    @Override
    protected Response handle(Request request) {
        Map<String, String> q = query(request.query());
        String path = request.path();
        boolean isPublic = PUBLIC_PREFIXES.stream().anyMatch(path::startsWith);
        Optional<String> refused = checkCommon(path, q, !isPublic);
        if (refused.isPresent()) return refusal(refused.get());
        if (!admit()) {
            return error(429, "error_rate_limit", "Too many requests. You have reached the rate limit.")
                    .withHeader("Retry-After", "1");
        }
        if (quotaSpent) {
            return error(403, "error_limit", "You have reached the daily API call limit, please try again after 00:00"
                    + " (UTC+08:00).");
        }
        JsonNode body = null;
        if ("POST".equals(request.method())) {
            try {
                body = json.readTree(request.body());
            } catch (IOException e) {
                return error(400, "error_param", "Invalid json body.");
            }
            if (body == null || !body.isObject()) return error(400, "error_param", "Invalid json body.");
        }
        String shopId = q.get("shop_id");
        return switch (request.method() + " " + path) {
            case "POST /api/v2/auth/token/get" -> tokenGet(body);
            case "POST /api/v2/auth/access_token/get" -> refresh(body);
            case "GET /api/v2/shop/get_shop_info" -> shopInfo(shopId);
            case "GET /api/v2/product/get_item_list" -> itemList(shopId, request, q);
            case "GET /api/v2/product/get_item_base_info" -> baseInfo(shopId, request);
            case "GET /api/v2/product/get_model_list" -> modelList(shopId, q);
            case "POST /api/v2/product/update_stock" -> write(shopId, body, "stock_list", true);
            case "POST /api/v2/product/update_price" -> write(shopId, body, "price_list", false);
            case "GET /api/v2/order/get_order_list" -> orderList(shopId, q);
            case "GET /api/v2/order/get_order_detail" -> orderDetail(shopId, q);
            case "GET /api/v2/push/get_lost_push_message" -> lostPushes();
            case "POST /api/v2/push/confirm_consumed_lost_push_message" -> confirmLost(body);
            default -> error(404, "error_not_found", "Permission denied. This API is currently offline or the request "
                    + "path is incorrect.");
        };
    }

    /** The common parameters, the signature, the timestamp and (for shop calls) the access token; empty when fine. */
    private Optional<String> checkCommon(String path, Map<String, String> q, boolean shopLevel) {
        String pid = q.get("partner_id");
        if (pid == null || pid.isBlank()) return Optional.of("error_param:no partner_id");
        if (!pid.equals(Long.toString(partnerId))) return Optional.of("invalid_partner_id:Invalid partner_id.");
        String ts = q.get("timestamp");
        if (ts == null || ts.isBlank()) return Optional.of("error_param:no timestamp");
        long timestamp;
        try {
            timestamp = Long.parseLong(ts);
        } catch (NumberFormatException e) {
            return Optional.of("error_param:Invalid timestamp");
        }
        long now = clock.instant().getEpochSecond();
        if (now - timestamp > TIMESTAMP_TOLERANCE.toSeconds()) return Optional.of("error_param:Timestamp is expired.");
        if (timestamp - now > TIMESTAMP_TOLERANCE.toSeconds()) return Optional.of("error_param:Invalid timestamp");
        String sign = q.get("sign");
        if (sign == null || sign.isBlank()) return Optional.of("error_param:no sign");
        String base = partnerId + path + ts;
        String token = q.get("access_token");
        String shopId = q.get("shop_id");
        if (shopLevel) {
            if (token == null || token.isBlank()) return Optional.of("error_param:no access_token");
            if (shopId == null || shopId.isBlank()) return Optional.of("error_param:no shop_id");
            base = base + token + shopId;
        }
        byte[] expected = hmacHex(base.getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, sign.getBytes(StandardCharsets.UTF_8))) return Optional.of("error_sign:Wrong sign.");
        if (shopLevel) {
            Token t = accessTokens.get(token);
            if (t == null || t.revoked()[0] || !t.expiresAt().isAfter(clock.instant()) || !t.shops().contains(shopId)) {
                return Optional.of("error_auth:Invalid access_token.");
            }
        }
        return Optional.empty();
    }

    private Response refusal(String codeAndMessage) {
        int colon = codeAndMessage.indexOf(':');
        String code = codeAndMessage.substring(0, colon);
        int status = code.equals("error_auth") || code.equals("invalid_partner_id") ? 403 : 400;
        return error(status, code, codeAndMessage.substring(colon + 1));
    }

    private Response tokenGet(JsonNode body) {
        if (!Long.toString(partnerId).equals(text(body.get("partner_id")))) return error(400, "error_param", "partner_id in body");
        String code = text(body.get("code"));
        String shopId = text(body.get("shop_id"));
        String main = text(body.get("main_account_id"));
        if (code == null) return error(400, "error_param", "no code");
        if ((shopId == null) == (main == null)) return error(400, "error_param", "send exactly one of shop_id, main_account_id");
        Grant g = codes.get(code);
        synchronized (codes) {
            if (g == null || g.used()[0] || !g.expiresAt().isAfter(clock.instant())
                    || (shopId != null && !shopId.equals(g.shopId())) || (main != null && !main.equals(g.mainAccountId()))) {
                return error(403, "error_auth", "Invalid code");
            }
            g.used()[0] = true;
        }
        Issued issued = issue(Set.copyOf(g.shops()));
        ObjectNode out = envelope();
        out.put("access_token", issued.access());
        out.put("refresh_token", issued.refresh());
        out.put("expire_in", accessLifetime.toSeconds());
        ArrayNode list = out.putArray("shop_id_list");
        if (main != null) g.shops().forEach(s -> list.add(id(s)));
        out.putArray("merchant_id_list");
        return ok(out);
    }

    private Response refresh(JsonNode body) {
        if (!Long.toString(partnerId).equals(text(body.get("partner_id")))) return error(400, "error_param", "partner_id in body");
        String refresh = text(body.get("refresh_token"));
        String shopId = text(body.get("shop_id"));
        if (refresh == null || shopId == null || body.has("merchant_id")) {
            return error(400, "error_param", "send refresh_token and exactly one id");
        }
        Refresh r = refreshTokens.get(refresh);
        if (r == null || !r.shops().contains(shopId) || !r.usedBy().add(shopId)) {
            return error(403, "error_auth", "Invalid refresh_token.");
        }
        Issued issued = issue(Set.of(shopId));
        ObjectNode out = envelope();
        out.put("partner_id", partnerId);
        out.set("shop_id", id(shopId));
        out.put("access_token", issued.access());
        out.put("refresh_token", issued.refresh());
        out.put("expire_in", accessLifetime.toSeconds());
        return ok(out);
    }

    private Response shopInfo(String shopId) {
        ObjectNode out = envelope();
        out.put("shop_name", "Shopee shop " + shopId);
        out.put("region", "SG");
        out.put("status", "NORMAL");
        Instant expiry = authorizationExpiry.getOrDefault(shopId, clock.instant().plus(Duration.ofDays(365)));
        out.put("auth_time", clock.instant().getEpochSecond());
        out.put("expire_time", expiry.getEpochSecond());
        return ok(out);
    }

    // ---- products --------------------------------------------------------------------------------------------------

    /** The shop's listings as Shopee items: product id → its listings. */
    private TreeMap<String, List<SimulatedListing>> items(String shopId) {
        TreeMap<String, List<SimulatedListing>> items = new TreeMap<>();
        for (SimulatedListing l : shop(shopId).listings()) items.computeIfAbsent(l.productId(), k -> new ArrayList<>()).add(l);
        return items;
    }

    private long updateTime(String itemId) {
        return itemUpdateTimes.computeIfAbsent(itemId, k -> itemClock.getAndIncrement());
    }

    private static String itemStatus(List<SimulatedListing> listings) {
        return listings.stream().allMatch(SimulatedListing::active) ? "NORMAL" : "UNLIST";
    }

    private Response itemList(String shopId, Request request, Map<String, String> q) {
        Integer offset = integer(q.get("offset"));
        Integer pageSize = integer(q.get("page_size"));
        if (offset == null || offset < 0) return error(400, "error_param", "offset is required");
        if (pageSize == null || pageSize < 1 || pageSize > MAX_PAGE) return error(400, "error_param", "page_size 1..100");
        if (offset >= itemOffsetCap) return error(400, "error_param", "get items offset over limit, please use the next field");
        List<String> statuses = repeated(request.query(), "item_status");
        if (statuses.isEmpty()) return error(400, "error_param", "item_status is required");
        Long from = longParam(q.get("update_time_from"));
        Long to = longParam(q.get("update_time_to"));
        List<Map.Entry<String, List<SimulatedListing>>> matching = new ArrayList<>();
        for (Map.Entry<String, List<SimulatedListing>> e : items(shopId).entrySet()) {
            long updated = updateTime(e.getKey());
            if (!statuses.contains(itemStatus(e.getValue()))) continue;
            if (from != null && updated < from || to != null && updated > to) continue;
            matching.add(e);
        }
        matching.sort(Comparator.comparing((Map.Entry<String, List<SimulatedListing>> e) -> updateTime(e.getKey()))
                .reversed().thenComparing(Map.Entry::getKey, Comparator.reverseOrder()));
        ObjectNode out = envelope();
        ObjectNode r = out.putObject("response");
        ArrayNode list = r.putArray("item");
        int end = Math.min(matching.size(), offset + pageSize);
        for (int i = offset; i < end; i++) {
            ObjectNode item = list.addObject();
            item.set("item_id", id(matching.get(i).getKey()));
            item.put("item_status", itemStatus(matching.get(i).getValue()));
            item.put("update_time", updateTime(matching.get(i).getKey()));
        }
        r.put("total_count", matching.size());
        r.put("has_next_page", end < matching.size());
        r.put("next_offset", end);
        return ok(out);
    }

    private Response baseInfo(String shopId, Request request) {
        List<String> ids = idList(request.query(), "item_id_list");
        if (ids.isEmpty() || ids.size() > MAX_BATCH) return error(400, "error_param", "item_id_list 1..50");
        TreeMap<String, List<SimulatedListing>> items = items(shopId);
        ObjectNode out = envelope();
        ArrayNode list = out.putObject("response").putArray("item_list");
        for (String itemId : ids) {
            List<SimulatedListing> listings = items.get(itemId);
            if (listings == null) continue;
            ObjectNode item = list.addObject();
            item.set("item_id", id(itemId));
            item.put("category_id", 100_001);
            item.put("item_name", "Item " + itemId);
            item.put("item_status", itemStatus(listings));
            item.put("update_time", updateTime(itemId));
            boolean hasModel = listings.stream().anyMatch(l -> l.variantId() != null);
            item.put("has_model", hasModel);
            if (!hasModel) {
                SimulatedListing l = listings.get(0);
                item.put("item_sku", l.sku() == null ? "" : l.sku());
                item.set("price_info", prices(l.price()));
                item.set("stock_info_v2", stock(shopId, l.stock()));
            } else {
                item.put("item_sku", "");
            }
        }
        return ok(out);
    }

    private Response modelList(String shopId, Map<String, String> q) {
        String itemId = q.get("item_id");
        if (itemId == null || itemId.isBlank()) return error(400, "error_param", "item_id is required");
        List<SimulatedListing> listings = items(shopId).get(itemId);
        if (listings == null) return error(200, "error_item_not_found", "item not found");
        ObjectNode out = envelope();
        ObjectNode r = out.putObject("response");
        ArrayNode tiers = r.putArray("tier_variation");
        ObjectNode tier = tiers.addObject();
        tier.put("name", "Variant");
        ArrayNode options = tier.putArray("option_list");
        ArrayNode models = r.putArray("model");
        int index = 0;
        for (SimulatedListing l : listings) {
            if (l.variantId() == null) continue;
            options.addObject().put("option", "Option " + l.variantId());
            ObjectNode m = models.addObject();
            m.set("model_id", id(l.variantId()));
            m.put("model_sku", l.sku() == null ? "" : l.sku());
            m.put("model_status", l.active() ? "MODEL_NORMAL" : "MODEL_UNAVAILABLE");
            m.putArray("tier_index").add(index++);
            m.set("price_info", prices(l.price()));
            m.set("stock_info_v2", stock(shopId, l.stock()));
        }
        return ok(out);
    }

    private ArrayNode prices(BigDecimal price) {
        ArrayNode p = JsonNodeFactory.instance.arrayNode();
        ObjectNode e = p.addObject();
        e.put("currency", "SGD");
        e.put("original_price", price);
        e.put("current_price", price);
        return p;
    }

    private ObjectNode stock(String shopId, int quantity) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        ObjectNode summary = s.putObject("summary_info");
        summary.put("total_reserved_stock", 0);
        summary.put("total_available_stock", quantity);
        ObjectNode seller = s.putArray("seller_stock").addObject();
        String location = shopLocations.get(shopId);
        if (location != null) seller.put("location_id", location);
        seller.put("stock", quantity);
        seller.put("if_saleable", true);
        return s;
    }

    private Response write(String shopId, JsonNode body, String listField, boolean stock) {
        String itemId = text(body.get("item_id"));
        JsonNode entries = body.get(listField);
        if (itemId == null) return error(400, "error_param", "item_id is required");
        if (entries == null || !entries.isArray() || entries.isEmpty() || entries.size() > MAX_BATCH) {
            return error(400, "error_param", listField + " 1..50");
        }
        List<SimulatedListing> listings = items(shopId).get(itemId);
        if (listings == null) return error(200, "error_item_not_found", "Item not found.");
        boolean hasModel = listings.stream().anyMatch(l -> l.variantId() != null);
        String location = shopLocations.get(shopId);
        ObjectNode out = envelope();
        ObjectNode r = out.putObject("response");
        ArrayNode failures = r.putArray("failure_list");
        ArrayNode successes = r.putArray("success_list");
        SimulatedShop shop = shop(shopId);
        for (JsonNode e : entries) {
            String modelId = text(e.get("model_id"));
            if (modelId == null) return error(400, "error_param", "model_id is required");
            String variant = "0".equals(modelId) ? null : modelId;
            String reason;
            if (variant == null && hasModel) {
                reason = "error_edit_item_stock_for_item_has_model";
            } else if (stock) {
                JsonNode seller = e.get("seller_stock");
                if (e.has("normal_stock")) return error(400, "error_param", "normal_stock is offline; use seller_stock");
                if (seller == null || !seller.isArray() || seller.isEmpty()) return error(400, "error_param", "seller_stock is required");
                String given = text(seller.get(0).get("location_id"));
                if (location != null && given == null) {
                    return error(200, "error_busi", "The merchant/shop has multi warehouse, please input location id");
                }
                if (location == null && given != null || location != null && !location.equals(given)) {
                    return error(400, "error_param", "Can not update item with different stock structure");
                }
                JsonNode q = seller.get(0).get("stock");
                reason = q == null || !q.canConvertToInt() ? "stock is required"
                        : shop.writeStock(itemId, variant, q.intValue(), clock.instant());
            } else {
                JsonNode p = e.get("original_price");
                reason = p == null || !p.isNumber() ? "original_price is required"
                        : shop.writePrice(itemId, variant, p.decimalValue(), clock.instant());
            }
            if (reason != null) {
                ObjectNode f = failures.addObject();
                f.set("model_id", id(modelId));
                f.put("failed_reason", reason);
            } else {
                ObjectNode s = successes.addObject();
                s.set("model_id", id(modelId));
                if (stock) {
                    if (location != null) s.put("location_id", location);
                    s.put("stock", e.get("seller_stock").get(0).get("stock").intValue());
                } else {
                    s.put("original_price", e.get("original_price").decimalValue());
                }
            }
        }
        if (stock) itemUpdateTimes.put(itemId, clock.instant().getEpochSecond());
        return ok(out);
    }

    // ---- orders ----------------------------------------------------------------------------------------------------

    private Response orderList(String shopId, Map<String, String> q) {
        String field = q.get("time_range_field");
        if (!"update_time".equals(field) && !"create_time".equals(field)) {
            return error(400, "error_param", "time_range_field must be create_time or update_time");
        }
        Long from = longParam(q.get("time_from"));
        Long to = longParam(q.get("time_to"));
        if (from == null || to == null) return error(400, "error_param", "time_from and time_to are required");
        if (from >= to || to - from > MAX_WINDOW.toSeconds()) {
            return error(400, "error_param", "Start time must be earlier than end time and diff in 15days.");
        }
        Integer pageSize = integer(q.get("page_size"));
        if (pageSize == null || pageSize < 1 || pageSize > MAX_PAGE) return error(400, "error_param", "page_size 1..100");
        String cursor = q.getOrDefault("cursor", "");
        int offset;
        try {
            offset = cursor.isEmpty() ? 0 : Integer.parseInt(cursor);
        } catch (NumberFormatException e) {
            return error(400, "error_param", "Invalid cursor.");
        }
        String status = q.get("order_status");
        List<SimulatedOrder> orders;
        if ("update_time".equals(field)) {
            orders = shop(shopId).ordersChanged(Instant.ofEpochSecond(from), Instant.ofEpochSecond(to + 1));
        } else {
            orders = shop(shopId).ordersChanged(Instant.EPOCH, Instant.ofEpochSecond(Long.MAX_VALUE / 1000)).stream()
                    .filter(o -> o.createdAt().getEpochSecond() >= from && o.createdAt().getEpochSecond() <= to).toList();
        }
        if (status != null) orders = orders.stream().filter(o -> o.status().equals(status)).toList();
        ObjectNode out = envelope();
        ObjectNode r = out.putObject("response");
        ArrayNode list = r.putArray("order_list");
        int end = Math.min(orders.size(), offset + pageSize);
        for (int i = offset; i < end; i++) {
            ObjectNode o = list.addObject();
            o.put("order_sn", orders.get(i).id());
            if ("order_status".equals(q.get("response_optional_fields"))) o.put("order_status", orders.get(i).status());
        }
        r.put("more", end < orders.size());
        r.put("next_cursor", end < orders.size() ? Integer.toString(end) : "");
        return ok(out);
    }

    private Response orderDetail(String shopId, Map<String, String> q) {
        String raw = q.get("order_sn_list");
        if (raw == null || raw.isBlank()) return error(400, "error_param", "order_sn_list is required");
        List<String> ids = List.of(raw.split(","));
        if (ids.size() > MAX_BATCH) return error(400, "error_param", "order_sn_list 1..50");
        Set<String> optional = new HashSet<>(List.of(q.getOrDefault("response_optional_fields", "").split(",")));
        ObjectNode out = envelope();
        ArrayNode list = out.putObject("response").putArray("order_list");
        for (String sn : ids) {
            Optional<SimulatedOrder> found = shop(shopId).order(sn);
            if (found.isEmpty()) continue;
            SimulatedOrder o = found.get();
            ObjectNode n = list.addObject();
            n.put("order_sn", o.id());
            n.put("region", "SG");
            n.put("currency", o.currency());
            n.put("cod", false);
            n.put("order_status", o.status());
            n.put("message_to_seller", "");
            n.put("create_time", o.createdAt().getEpochSecond());
            n.put("update_time", o.updatedAt().getEpochSecond());
            n.put("days_to_ship", 3);
            n.put("ship_by_date", o.createdAt().plus(Duration.ofDays(3)).getEpochSecond());
            if (optional.contains("total_amount")) n.put("total_amount", o.total());
            if (optional.contains("pay_time") && !"UNPAID".equals(o.status())) n.put("pay_time", o.createdAt().getEpochSecond());
            Object name = o.customer().get("name");
            if (optional.contains("buyer_username")) n.put("buyer_username", name == null ? "buyer" : name.toString());
            if (optional.contains("recipient_address")) {
                ObjectNode a = n.putObject("recipient_address");
                a.put("name", name == null ? "" : name.toString());
                a.put("phone", "******89");
                a.put("full_address", "1 Sim Street");
            }
            if (optional.contains("item_list")) {
                ArrayNode items = n.putArray("item_list");
                for (SimulatedOrder.Line l : o.lines()) {
                    ObjectNode i = items.addObject();
                    i.set("item_id", id(l.productId()));
                    i.put("item_name", l.name());
                    i.put("item_sku", l.variantId() == null && l.sku() != null ? l.sku() : "");
                    i.set("model_id", id(l.variantId() == null ? "0" : l.variantId()));
                    i.put("model_name", l.variantId() == null ? "" : "Option " + l.variantId());
                    i.put("model_sku", l.variantId() != null && l.sku() != null ? l.sku() : "");
                    i.put("model_quantity_purchased", l.quantity());
                    i.put("model_original_price", l.unitPrice());
                    i.put("model_discounted_price", l.unitPrice());
                    i.set("order_item_id", id(l.id()));
                }
            }
        }
        return ok(out);
    }

    // ---- lost pushes -----------------------------------------------------------------------------------------------

    private Response lostPushes() {
        long upTo = confirmedUpTo;
        long cutoff = clock.instant().minus(Duration.ofDays(3)).getEpochSecond();
        List<LostMessage> pending = lost.stream().filter(m -> m.id() > upTo && m.timestamp() >= cutoff)
                .sorted(Comparator.comparingLong(LostMessage::id)).toList();
        List<LostMessage> page = pending.subList(0, Math.min(100, pending.size()));
        ObjectNode out = envelope();
        ObjectNode r = out.putObject("response");
        ArrayNode list = r.putArray("push_message_list");
        for (LostMessage m : page) {
            ObjectNode n = list.addObject();
            n.set("shop_id", id(m.shopId()));
            n.put("code", m.code());
            n.put("timestamp", m.timestamp());
            n.put("data", m.data());
        }
        r.put("has_next_page", pending.size() > page.size());
        r.put("last_message_id", page.isEmpty() ? "" : Long.toString(page.get(page.size() - 1).id()));
        return ok(out);
    }

    private Response confirmLost(JsonNode body) {
        String last = text(body.get("last_message_id"));
        Long id = longParam(last);
        if (id == null) return error(400, "error_param", "last_message_id is required");
        synchronized (lost) {
            if (id > confirmedUpTo) confirmedUpTo = id;
        }
        return ok(envelope());
    }

    // ---- faults and envelope ---------------------------------------------------------------------------------------

    @Override
    protected Response faultResponse(Fault fault, FaultPlan plan) {
        return switch (fault) {
            case RATE_LIMITED -> {
                ObjectNode e = envelope();
                e.put("error", "error_rate_limit");
                e.put("message", "Too many requests. You have reached the rate limit.");
                yield Response.json(429, bytes(e)).withHeader("Retry-After", Long.toString(plan.retryAfter().toSeconds()));
            }
            case SERVER_ERROR -> error(500, "error_server", "Something wrong. Please try later.");
            case MALFORMED_BODY -> Response.json(200, "{\"request_id\":\"x\",\"error\":\"\",\"response\":{\"item\":[{\"item_"
                    .getBytes(StandardCharsets.UTF_8));
            case EXPIRED_CREDENTIALS -> error(403, "error_auth", "Invalid access_token.");
            case SLOW -> throw new IllegalStateException("SLOW is served normally");
        };
    }

    private ObjectNode envelope() {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("request_id", "sim-" + Long.toHexString(requestIds.incrementAndGet()) + Long.toHexString(random.nextLong()));
        e.put("error", "");
        e.put("message", "");
        e.put("warning", "");
        return e;
    }

    private Response ok(ObjectNode body) {
        return Response.json(200, bytes(body));
    }

    private Response error(int status, String code, String message) {
        ObjectNode e = envelope();
        e.put("error", code);
        e.put("message", message);
        return Response.json(status, bytes(e));
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** Lower-case hex HMAC-SHA256 under the partner key: this simulator's own code, {@code javax.crypto} only. */
    private String hmacHex(byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(partnerKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] raw = mac.doFinal(message);
            StringBuilder s = new StringBuilder(64);
            for (byte b : raw) {
                s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return s.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private String token() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }

    private static JsonNode id(String value) {
        return DIGITS.matcher(value).matches() ? JsonNodeFactory.instance.numberNode(new BigInteger(value))
                : JsonNodeFactory.instance.textNode(value);
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        if (node == null || node.isNull() || !node.isValueNode()) return null;
        String s = node.isIntegralNumber() ? node.bigIntegerValue().toString() : node.asText();
        return s.isBlank() ? null : s;
    }

    private static Map<String, String> query(@Nullable String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    /** Every value of a repeated parameter, in order. */
    private static List<String> repeated(@Nullable String raw, String name) {
        List<String> out = new ArrayList<>();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) continue;
            if (URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                out.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** An id list sent comma-joined, as repeated keys, or as {@code [1,2]} (all three are seen in the wild). */
    private static List<String> idList(@Nullable String raw, String name) {
        List<String> out = new ArrayList<>();
        for (String value : repeated(raw, name)) {
            for (String part : value.replace("[", "").replace("]", "").split(",")) {
                if (!part.isBlank()) out.add(part.trim());
            }
        }
        return out;
    }

    private static @Nullable Integer integer(@Nullable String value) {
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static @Nullable Long longParam(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "ShopeeSimulator[" + baseUri() + "]";
    }
}
