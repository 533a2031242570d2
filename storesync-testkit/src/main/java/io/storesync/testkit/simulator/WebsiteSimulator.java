package io.storesync.testkit.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.storesync.api.Secret;
import io.storesync.api.store.StoreCredentials;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * A seller's website implementing the StoreSync custom-website contract ({@code docs/custom-website.md}), in process.
 * Each shop is served under {@code <baseUri>/<shopId>/storesync/v1}; {@link #credentials} gives what to connect it with.
 *
 * <p>It checks request authentication itself — the API key in constant time, and when
 * {@link #requireRequestSigning} was called the {@code X-StoreSync-Signature} HMAC with its timestamp — and signs
 * webhooks per Standard Webhooks, all with {@code javax.crypto} directly and none of the connector's code. It
 * enforces the contract's caps (page size, batch size, order window) with a 400, so a connector that exceeds them fails.
 * Options mimic real sites: {@link #numericIds} sends all-digit ids as JSON numbers (WooCommerce does).
 *
 * <p>Thread-safe.
 */
public final class WebsiteSimulator extends MarketplaceSimulator {
    /** The contract's caps. */
    public static final int MAX_PAGE = 100;
    /** Items per stock or price batch. */
    public static final int MAX_BATCH = 100;
    /** The widest order window. */
    public static final Duration MAX_WINDOW = Duration.ofDays(7);
    private static final Duration SIGNATURE_TOLERANCE = Duration.ofMinutes(5);
    private static final String PREFIX = "/storesync/v1";

    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Keys> keys = new ConcurrentHashMap<>();
    private volatile boolean numericIds;
    private volatile int pageSize = MAX_PAGE;

    /** One shop's keys. */
    private record Keys(String apiKey, String webhookSecret, @Nullable String signingSecret) {}

    private WebsiteSimulator(Clock clock) {
        super(clock);
    }

    /** A simulator on the system clock. */
    public static WebsiteSimulator start() {
        return new WebsiteSimulator(Clock.systemUTC());
    }

    /** A simulator on {@code clock}. */
    public static WebsiteSimulator start(Clock clock) {
        return new WebsiteSimulator(clock);
    }

    @Override
    public String platform() {
        return "custom_website";
    }

    /** Sends ids made of digits only as JSON numbers, as some shop systems do. */
    public WebsiteSimulator numericIds(boolean value) {
        this.numericIds = value;
        return this;
    }

    /** Serves pages of at most {@code value} items (the contract allows up to 100). */
    public WebsiteSimulator pageSize(int value) {
        if (value < 1 || value > MAX_PAGE) throw new IllegalArgumentException("page size 1.." + MAX_PAGE);
        this.pageSize = value;
        return this;
    }

    /** From now on the shop also requires HMAC-signed requests. */
    public WebsiteSimulator requireRequestSigning(String shopId) {
        keys.compute(shopId, (id, k) -> {
            Keys current = k != null ? k : newKeys();
            return new Keys(current.apiKey(), current.webhookSecret(), randomToken());
        });
        return this;
    }

    @Override
    public StoreCredentials credentials(String shopId) {
        shop(shopId);
        Keys k = keys.computeIfAbsent(shopId, id -> newKeys());
        Map<String, Secret> extra = new LinkedHashMap<>();
        extra.put("base_url", Secret.of(baseUri() + "/" + shopId + PREFIX));
        extra.put("webhook_secret", Secret.of(k.webhookSecret()));
        if (k.signingSecret() != null) extra.put("request_signing_secret", Secret.of(k.signingSecret()));
        return new StoreCredentials(Secret.of(k.apiKey()), null, null, extra);
    }

    @Override
    public void revokeCredentials(String shopId) {
        // the webhook secret stays: a revoked API key does not stop the site from signing what it sends
        keys.computeIfPresent(shopId, (id, k) -> new Keys(randomToken(), k.webhookSecret(), k.signingSecret()));
    }

    @Override
    public SignedDelivery orderWebhook(String shopId, String eventId, String orderId, Instant signedAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        Optional<SimulatedOrder> order = shop(shopId).order(orderId);
        if (order.isPresent()) data.put("order", orderJson(order.get()));
        else data.put("order_id", id(orderId));
        return signedEvent(shopId, eventId, "order.updated", data, signedAt);
    }

    /** A webhook naming the order only, so the receiver must fetch it. */
    public SignedDelivery orderIdWebhook(String shopId, String eventId, String orderId, Instant signedAt) {
        return signedEvent(shopId, eventId, "order.updated", Map.of("order_id", id(orderId)), signedAt);
    }

    @Override
    public SignedDelivery webhookOfSize(String shopId, String eventId, int bytes) {
        byte[] empty = write(event("ping", Map.of("padding", ""), clock.instant()));
        int padding = Math.max(0, bytes - empty.length);
        return signedEvent(shopId, eventId, "ping", Map.of("padding", "x".repeat(padding)), clock.instant());
    }

    /** Any event, signed at {@code at}. */
    public SignedDelivery signedEvent(String shopId, String eventId, String type, Map<String, Object> data, Instant at) {
        byte[] body = write(event(type, data, at));
        return sign(shopId, eventId, body, at);
    }

    /** Signs a body per Standard Webhooks with the shop's webhook secret: {@code v1,base64(HMAC(id.ts.body))}. */
    public SignedDelivery sign(String shopId, String eventId, byte[] body, Instant at) {
        Keys k = keys.computeIfAbsent(shopId, id -> newKeys());
        String ts = Long.toString(at.getEpochSecond());
        byte[] key = Base64.getDecoder().decode(k.webhookSecret().substring("whsec_".length()));
        byte[] mac = hmac(key, (eventId + "." + ts + ".").getBytes(StandardCharsets.UTF_8), body);
        return new SignedDelivery(Map.of(
                "webhook-id", List.of(eventId),
                "webhook-timestamp", List.of(ts),
                "webhook-signature", List.of("v1," + Base64.getEncoder().encodeToString(mac)),
                "Content-Type", List.of("application/json")), body);
    }

    private Map<String, Object> event(String type, Map<String, Object> data, Instant at) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("timestamp", at.toString());
        event.put("data", data);
        return event;
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Override
    protected Response faultResponse(Fault fault, FaultPlan plan) {
        return switch (fault) {
            case RATE_LIMITED -> new Response(429, Map.of("Content-Type", "application/json",
                    "Retry-After", Long.toString(Math.max(0, plan.retryAfter().toSeconds()))),
                    error("rate_limited", "slow down"));
            case SERVER_ERROR -> new Response(503, Map.of("Content-Type", "text/html"),
                    "<html><body>503 Service Unavailable</body></html>".getBytes(StandardCharsets.UTF_8));
            case MALFORMED_BODY -> Response.json(200, "{\"items\": [{\"product_id\": \"1".getBytes(StandardCharsets.UTF_8));
            case EXPIRED_CREDENTIALS -> Response.json(401, error("expired_credentials", "API key expired"));
            case SLOW -> throw new IllegalArgumentException("SLOW is served normally, late");
        };
    }

    @Override
    protected Response handle(Request request) {
        String path = request.path();
        int slash = path.indexOf('/', 1);
        if (slash < 0) return Response.json(404, error("not_found", "no such path"));
        String shopId = path.substring(1, slash);
        String rest = path.substring(slash);
        if (!rest.startsWith(PREFIX + "/") || !hasShop(shopId)) return Response.json(404, error("not_found", "no such shop"));
        String route = request.method() + " " + rest.substring(PREFIX.length());
        Keys k = keys.get(shopId);
        if (k == null || !authenticated(request, k)) return Response.json(401, error("invalid_credentials", "bad API key or signature"));
        SimulatedShop shop = shop(shopId);
        return switch (route) {
            case "GET /products" -> products(request, shop);
            case "GET /orders" -> orders(request, shop);
            case "POST /orders/lookup" -> lookup(request, shop);
            case "POST /stock" -> writes(request, shop, true);
            case "POST /prices" -> writes(request, shop, false);
            default -> Response.json(404, error("not_found", "no such route"));
        };
    }

    private boolean authenticated(Request request, Keys k) {
        String auth = request.header("authorization");
        if (auth == null || !auth.startsWith("Bearer ")) return false;
        if (!MessageDigest.isEqual(auth.substring(7).getBytes(StandardCharsets.UTF_8),
                k.apiKey().getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        if (k.signingSecret() == null) return true;
        String ts = request.header("x-storesync-timestamp");
        String sig = request.header("x-storesync-signature");
        if (ts == null || sig == null || !sig.startsWith("v1=")) return false;
        long seconds;
        try {
            seconds = Long.parseLong(ts);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(clock.instant().getEpochSecond() - seconds) > SIGNATURE_TOLERANCE.toSeconds()) return false;
        String target = request.path() + (request.query() == null ? "" : "?" + request.query());
        byte[] expected = hmac(k.signingSecret().getBytes(StandardCharsets.UTF_8),
                (ts + "\n" + request.method() + "\n" + target + "\n").getBytes(StandardCharsets.UTF_8), request.body());
        byte[] given;
        try {
            given = HexFormat.of().parseHex(sig.substring(3));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }

    private Response products(Request request, SimulatedShop shop) {
        int limit = limit(request);
        if (limit < 0) return Response.json(400, error("invalid_limit", "limit must be 1.." + MAX_PAGE));
        String after = null;
        String cursor = request.param("cursor");
        if (cursor != null) {
            try {
                after = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Response.json(400, error("invalid_cursor", "unknown cursor"));
            }
        }
        List<SimulatedListing> all = shop.listings();
        List<Map<String, Object>> items = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (SimulatedListing l : all) {
            if (after != null && l.key().compareTo(after) <= 0) continue;
            if (items.size() == limit) {
                more = true;
                break;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("product_id", id(l.productId()));
            item.put("variant_id", l.variantId() == null ? null : id(l.variantId()));
            item.put("sku", l.sku());
            item.put("price", l.price());
            item.put("stock", l.stock());
            item.put("active", l.active());
            items.add(item);
            last = l.key();
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items);
        page.put("next_cursor", more && last != null
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8)) : null);
        page.put("total", all.size());
        return Response.json(200, write(page));
    }

    private Response orders(Request request, SimulatedShop shop) {
        int limit = limit(request);
        if (limit < 0) return Response.json(400, error("invalid_limit", "limit must be 1.." + MAX_PAGE));
        Instant from;
        Instant to;
        try {
            from = OffsetDateTime.parse(String.valueOf(request.param("updated_from"))).toInstant();
            to = OffsetDateTime.parse(String.valueOf(request.param("updated_to"))).toInstant();
        } catch (DateTimeParseException e) {
            return Response.json(400, error("invalid_window", "updated_from and updated_to must be RFC 3339"));
        }
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            return Response.json(400, error("invalid_window", "the window must be positive and at most 7 days"));
        }
        int offset = 0;
        String cursor = request.param("cursor");
        if (cursor != null) {
            try {
                offset = Integer.parseInt(cursor.substring(cursor.indexOf(':') + 1));
            } catch (NumberFormatException e) {
                return Response.json(400, error("invalid_cursor", "unknown cursor"));
            }
        }
        List<SimulatedOrder> window = shop.ordersChanged(from, to);
        int end = Math.min(window.size(), offset + limit);
        List<Map<String, Object>> orders = new ArrayList<>();
        for (SimulatedOrder o : window.subList(Math.min(offset, end), end)) orders.add(orderJson(o));
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("orders", orders);
        page.put("next_cursor", end < window.size() ? "o:" + end : null);
        return Response.json(200, write(page));
    }

    private Response lookup(Request request, SimulatedShop shop) {
        JsonNode body = read(request.body());
        if (body == null || !body.path("ids").isArray()) return Response.json(400, error("invalid_body", "ids expected"));
        if (body.path("ids").size() > MAX_PAGE) return Response.json(400, error("batch_too_large", "at most 100 ids"));
        List<Map<String, Object>> orders = new ArrayList<>();
        for (JsonNode id : body.path("ids")) shop.order(id.asText()).ifPresent(o -> orders.add(orderJson(o)));
        return Response.json(200, write(Map.of("orders", orders)));
    }

    private Response writes(Request request, SimulatedShop shop, boolean stock) {
        JsonNode body = read(request.body());
        if (body == null || !body.path("items").isArray()) return Response.json(400, error("invalid_body", "items expected"));
        if (body.path("items").size() > MAX_BATCH) return Response.json(400, error("batch_too_large", "at most 100 items"));
        List<Map<String, Object>> results = new ArrayList<>();
        Instant now = clock.instant();
        for (JsonNode item : body.path("items")) {
            String productId = item.path("product_id").asText();
            JsonNode v = item.path("variant_id");
            String variantId = v.isNull() || v.isMissingNode() ? null : v.asText();
            String refusal;
            if (stock) {
                refusal = item.path("quantity").canConvertToInt()
                        ? shop.writeStock(productId, variantId, item.path("quantity").asInt(), now) : "quantity expected";
            } else {
                refusal = item.path("price").isNumber() || item.path("price").isTextual()
                        ? writePrice(shop, productId, variantId, item.path("price"), now) : "price expected";
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("product_id", productId);
            result.put("variant_id", variantId);
            result.put("ok", refusal == null);
            result.put("error", refusal);
            results.add(result);
        }
        return Response.json(200, write(Map.of("results", results)));
    }

    private static @Nullable String writePrice(SimulatedShop shop, String productId, @Nullable String variantId,
            JsonNode price, Instant now) {
        try {
            return shop.writePrice(productId, variantId, new BigDecimal(price.asText()), now);
        } catch (NumberFormatException e) {
            return "price is not a decimal";
        }
    }

    private int limit(Request request) {
        String value = request.param("limit");
        if (value == null) return pageSize;
        try {
            int n = Integer.parseInt(value);
            return n < 1 || n > MAX_PAGE ? -1 : Math.min(n, pageSize);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Map<String, Object> orderJson(SimulatedOrder o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id(o.id()));
        m.put("number", o.number());
        m.put("status", o.status());
        m.put("currency", o.currency());
        m.put("subtotal", o.total());
        m.put("tax", new BigDecimal("0.00"));
        m.put("shipping", new BigDecimal("0.00"));
        m.put("discount", new BigDecimal("0.00"));
        m.put("total", o.total());
        m.put("customer", o.customer());
        m.put("created_at", o.createdAt().toString());
        m.put("updated_at", o.updatedAt().toString());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (SimulatedOrder.Line l : o.lines()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", l.id());
            line.put("product_id", id(l.productId()));
            line.put("variant_id", l.variantId() == null ? null : id(l.variantId()));
            line.put("sku", l.sku());
            line.put("name", l.name());
            line.put("quantity", l.quantity());
            line.put("unit_price", l.unitPrice());
            line.put("total", l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())));
            lines.add(line);
        }
        m.put("lines", lines);
        return m;
    }

    /** An id as the site writes it: a JSON number when {@link #numericIds} is on and it is all digits. */
    private Object id(String value) {
        return numericIds && value.matches("[0-9]{1,40}") ? new BigInteger(value) : value;
    }

    private byte[] error(String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("request_id", "sim-" + Long.toHexString(random.nextLong()));
        return write(Map.of("error", error));
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("the simulator cannot write its own JSON", e);
        }
    }

    private @Nullable JsonNode read(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private Keys newKeys() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return new Keys(randomToken(), "whsec_" + Base64.getEncoder().encodeToString(secret), null);
    }

    private String randomToken() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return "sk_sim_" + HexFormat.of().formatHex(b);
    }

    private static byte[] hmac(byte[] key, byte[] head, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(head);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "WebsiteSimulator[" + baseUri() + "]";
    }
}
