package io.storesync.website;

import com.fasterxml.jackson.databind.JsonNode;
import io.storesync.api.Secret;
import io.storesync.api.StoreSyncException;
import io.storesync.api.ValidationException;
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
import io.storesync.connector.kit.HmacSha256;
import io.storesync.connector.kit.PlatformError;
import io.storesync.connector.kit.Redactor;
import io.storesync.connector.kit.ResponseEnvelope;
import io.storesync.connector.kit.TimestampTolerance;
import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.ConnectorException;
import io.storesync.spi.connector.ConnectorLimits;
import io.storesync.spi.connector.ConnectorListing;
import io.storesync.spi.connector.ConnectorSettings;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The custom-website connector: speaks the StoreSync HTTP contract ({@code docs/custom-website.md}) to a seller's own
 * site. Each store's credentials carry the site's address and keys:
 * <ul>
 * <li>{@code accessToken} — the site's API key, sent as {@code Authorization: Bearer ...};</li>
 * <li>{@code extra["base_url"]} ({@link #BASE_URL}) — the contract's root, e.g. {@code https://shop.example/storesync/v1};</li>
 * <li>{@code extra["webhook_secret"]} ({@link #WEBHOOK_SECRET}) — the Standard Webhooks secret {@code whsec_<base64>};</li>
 * <li>{@code extra["request_signing_secret"]} ({@link #REQUEST_SIGNING_SECRET}), optional — when present every request
 *     is also HMAC-signed (headers {@code X-StoreSync-Timestamp}, {@code X-StoreSync-Signature}).</li>
 * </ul>
 * The base URL lives with the credentials, not in the connector settings, because every seller's site is elsewhere;
 * it must be {@code https} unless the host set {@code allow_http}.
 *
 * <p>Thread-safe; one instance serves every website store. Makes one attempt per call (the engine retries). Throws only
 * the SPI's exceptions: a body that is not what the contract says is a retryable {@link ConnectorException}, never a
 * Jackson exception or a {@code NullPointerException}.
 */
public final class WebsiteConnector implements Connector {
    /** The platform name, as seeded in {@code platforms}. */
    public static final String PLATFORM = "custom_website";
    /** Credentials key of the contract's base URL. */
    public static final String BASE_URL = "base_url";
    /** Credentials key of the Standard Webhooks secret ({@code whsec_} + base64). */
    public static final String WEBHOOK_SECRET = "webhook_secret";
    /** Credentials key of the optional request-signing secret. */
    public static final String REQUEST_SIGNING_SECRET = "request_signing_secret";
    /** Items asked for per page; the contract caps pages at this. */
    public static final int PAGE_SIZE = 100;
    /** The largest webhook body verified; larger deliveries are refused before any MAC is computed. */
    public static final int MAX_WEBHOOK_BYTES = 256 * 1024;
    /** How far a webhook's timestamp may be from now, either way (Standard Webhooks' recommendation). */
    public static final Duration WEBHOOK_TOLERANCE = Duration.ofMinutes(5);
    /**
     * Five calls a second with bursts of ten: a shared-hosting shop blocks clients far below what a marketplace
     * allows, and a merchant was blocked by their host after worker bursts. Batches of 100 and week-long windows are
     * the contract's caps.
     */
    static final ConnectorLimits LIMITS = new ConnectorLimits(5, 10, 100, 100, Duration.ofDays(7));

    private static final String SIGNATURE_HEADER = "X-StoreSync-Signature";
    private static final String TIMESTAMP_HEADER = "X-StoreSync-Timestamp";

    private final ConnectorHttp http;
    private final boolean allowHttp;
    private final Clock clock;
    private final TimestampTolerance tolerance;

    private WebsiteConnector(ConnectorHttp http, boolean allowHttp, Clock clock) {
        this.http = http;
        this.allowHttp = allowHttp;
        this.clock = clock;
        this.tolerance = TimestampTolerance.of(WEBHOOK_TOLERANCE, clock);
    }

    /** A connector with these settings and the system clock. */
    public static WebsiteConnector create(ConnectorSettings settings) {
        return create(settings, Clock.systemUTC());
    }

    /** A connector with these settings; {@code clock} dates request signatures and judges webhook timestamps. */
    public static WebsiteConnector create(ConnectorSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        ConnectorHttpConfig config = ConnectorHttpConfig.defaults().withTimeouts(
                Duration.ofMillis(longSetting(settings, "connect_timeout_ms", 5_000)),
                Duration.ofMillis(longSetting(settings, "request_timeout_ms", 30_000)));
        ConnectorHttp http = ConnectorHttp.builder(PLATFORM)
                .config(config)
                .clock(clock)
                .envelope(ENVELOPE)
                .classifier(ErrorClassifier.byCode(Map.of(
                        "rate_limited", Kind.RATE_LIMITED,
                        "invalid_credentials", Kind.CREDENTIALS_REJECTED,
                        "expired_credentials", Kind.CREDENTIALS_REJECTED)))
                .redactor(Redactor.defaults().with(SIGNATURE_HEADER, WEBHOOK_SECRET, REQUEST_SIGNING_SECRET))
                .eventListener(ConnectorEventListener.from(settings))
                .build();
        return new WebsiteConnector(http, settings.value("allow_http").map(Boolean::parseBoolean).orElse(false), clock);
    }

    private static long longSetting(ConnectorSettings settings, String key, long fallback) {
        String value = settings.value(key).orElse(null);
        if (value == null) return fallback;
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed <= 0) throw new NumberFormatException();
            return parsed;
        } catch (NumberFormatException e) {
            throw new StoreSyncException(io.storesync.api.ErrorCode.CONFIGURATION,
                    PLATFORM + " setting " + key + " must be a positive whole number of milliseconds");
        }
    }

    /**
     * Errors are the HTTP status plus, when the site says more, {@code {"error": {"code", "message", "request_id"}}}.
     * A success body must be a JSON object.
     */
    private static final ResponseEnvelope ENVELOPE = new ResponseEnvelope() {
        @Override
        public Optional<PlatformError> error(io.storesync.connector.kit.ConnectorResponse response, JsonNode body) {
            if (response.isSuccessful()) {
                if (!body.isObject()) throw new IllegalStateException("body is not a JSON object");
                return Optional.empty();
            }
            JsonNode error = body.path("error");
            return Optional.of(new PlatformError(response.status(), text(error, "code"), text(error, "message"),
                    requestId(body), null));
        }

        @Override
        public @Nullable String requestId(JsonNode body) {
            return text(body.path("error"), "request_id");
        }
    };

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
    }

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public ConnectorLimits limits() {
        return LIMITS;
    }

    /** A push this connector gave up on is taken as applied, if at all, within one more whole-call timeout. */
    @Override
    public Duration lateWriteWindow() {
        return http.config().requestTimeout();
    }

    /**
     * A website is its own stock system: it decrements on sale and restores on cancel itself, keeps one quantity per
     * listing and cannot compare-and-set. Its order search reads its own database, so there is no index lag.
     */
    @Override
    public StockSemantics stockSemantics() {
        return new StockSemantics(true, true, false, false, LIMITS.maxStockBatch(), Duration.ZERO);
    }

    /** API keys do not rotate; refreshing returns them unchanged. */
    @Override
    public boolean rotatesRefreshTokens() {
        return false;
    }

    @Override
    public ListingPage listListings(StoreAccess store, @Nullable String cursor) {
        StringBuilder query = new StringBuilder("limit=").append(PAGE_SIZE);
        if (cursor != null) query.append("&cursor=").append(encode(cursor));
        Wire.ProductPage page = call(store, "products.list", "GET", "/products", query.toString(), null,
                Wire.ProductPage.class);
        List<Wire.Product> items = required(page.items(), "items");
        List<ConnectorListing> listings = new ArrayList<>(items.size());
        for (Wire.Product p : items) {
            listings.add(wellFormed(() -> new ConnectorListing(required(blankToNull(p.productId()), "product_id"),
                    blankToNull(p.variantId()), blankToNull(p.sku()), p.price(), p.stock(),
                    p.active() == null || p.active())));
        }
        String next = nextCursor(page.nextCursor(), cursor);
        return new ListingPage(listings, next, page.total() == null ? -1 : page.total());
    }

    @Override
    public OrderPage ordersChanged(StoreAccess store, Instant from, Instant to, @Nullable String cursor) {
        if (!from.isBefore(to)) throw new IllegalArgumentException("from must be before to");
        if (Duration.between(from, to).compareTo(LIMITS.maxOrderWindow()) > 0) {
            throw new IllegalArgumentException("the window is wider than " + LIMITS.maxOrderWindow());
        }
        StringBuilder query = new StringBuilder("updated_from=").append(encode(from.toString()))
                .append("&updated_to=").append(encode(to.toString())).append("&limit=").append(PAGE_SIZE);
        if (cursor != null) query.append("&cursor=").append(encode(cursor));
        Wire.OrderPage page = call(store, "orders.changed", "GET", "/orders", query.toString(), null,
                Wire.OrderPage.class);
        List<OrderSnapshot> orders = new ArrayList<>();
        for (Wire.Order o : required(page.orders(), "orders")) orders.add(snapshot(store, o));
        return new OrderPage(orders, nextCursor(page.nextCursor(), cursor));
    }

    @Override
    public List<OrderSnapshot> ordersById(StoreAccess store, List<String> platformOrderIds) {
        if (platformOrderIds.isEmpty()) return List.of();
        Wire.OrderPage page = call(store, "orders.lookup", "POST", "/orders/lookup", null,
                new Wire.Lookup(List.copyOf(platformOrderIds)), Wire.OrderPage.class);
        List<OrderSnapshot> orders = new ArrayList<>();
        for (Wire.Order o : required(page.orders(), "orders")) orders.add(snapshot(store, o));
        return orders;
    }

    @Override
    public List<PushResult> pushStock(StoreAccess store, List<StockUpdate> updates) {
        if (updates.size() > LIMITS.maxStockBatch()) {
            throw new IllegalArgumentException("at most " + LIMITS.maxStockBatch() + " stock updates per call");
        }
        if (updates.isEmpty()) return List.of();
        List<Wire.StockItem> items = updates.stream()
                .map(u -> new Wire.StockItem(u.platformProductId(), u.platformVariantId(), u.quantity())).toList();
        Wire.Results results = call(store, "stock.set", "POST", "/stock", null, new Wire.Batch<>(items),
                Wire.Results.class);
        return matchResults(results, updates.stream().map(u -> key(u.platformProductId(), u.platformVariantId())).toList());
    }

    @Override
    public List<PushResult> pushPrices(StoreAccess store, List<PriceUpdate> updates) {
        if (updates.size() > LIMITS.maxPriceBatch()) {
            throw new IllegalArgumentException("at most " + LIMITS.maxPriceBatch() + " price updates per call");
        }
        if (updates.isEmpty()) return List.of();
        List<Wire.PriceItem> items = updates.stream()
                .map(u -> new Wire.PriceItem(u.platformProductId(), u.platformVariantId(), u.price())).toList();
        Wire.Results results = call(store, "prices.set", "POST", "/prices", null, new Wire.Batch<>(items),
                Wire.Results.class);
        return matchResults(results, updates.stream().map(u -> key(u.platformProductId(), u.platformVariantId())).toList());
    }

    /**
     * Verifies a Standard Webhooks signature: {@code webhook-signature} holds one or more space-separated
     * {@code v1,<base64>} values (several during a secret rotation), each an HMAC-SHA256 under the decoded
     * {@code whsec_} secret of {@code webhook-id "." webhook-timestamp "." body}, compared in constant time; the
     * timestamp must be within five minutes of now. No I/O.
     */
    @Override
    public VerifiedWebhook verifyWebhook(StoreAccess store, WebhookDelivery delivery) {
        byte[] body = delivery.body();
        if (body.length > MAX_WEBHOOK_BYTES) {
            throw new WebhookSignatureException("delivery of " + body.length + " bytes exceeds " + MAX_WEBHOOK_BYTES);
        }
        String id = delivery.header("webhook-id").orElseThrow(() -> new WebhookSignatureException("no webhook-id"));
        String timestamp = delivery.header("webhook-timestamp")
                .orElseThrow(() -> new WebhookSignatureException("no webhook-timestamp"));
        String signatures = delivery.header("webhook-signature")
                .orElseThrow(() -> new WebhookSignatureException("no webhook-signature"));
        if (id.isBlank() || id.length() > 255) throw new WebhookSignatureException("webhook-id is blank or too long");
        if (!tolerance.acceptsEpochSeconds(timestamp)) {
            throw new WebhookSignatureException("webhook-timestamp is outside the " + WEBHOOK_TOLERANCE.toMinutes()
                    + "-minute tolerance");
        }
        HmacSha256 hmac = HmacSha256.withKey(webhookKey(store));
        byte[] prefix = (id + "." + timestamp.trim() + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        boolean valid = false;
        for (String candidate : signatures.trim().split("\\s+")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !candidate.substring(0, comma).equals("v1")) continue;
            // no early exit: every candidate costs the same, whichever matches
            valid |= hmac.verifyBase64(signed, candidate.substring(comma + 1));
        }
        if (!valid) throw new WebhookSignatureException("webhook-signature does not match");
        return new VerifiedWebhook(id, eventType(body));
    }

    private static byte[] webhookKey(StoreAccess store) {
        Secret secret = store.credentials().extra().get(WEBHOOK_SECRET);
        if (secret == null) throw new WebhookSignatureException("the store has no " + WEBHOOK_SECRET);
        String value = secret.reveal().trim();
        if (value.startsWith("whsec_")) value = value.substring("whsec_".length());
        try {
            byte[] key = Base64.getDecoder().decode(value);
            if (key.length == 0) throw new IllegalArgumentException("empty");
            return key;
        } catch (IllegalArgumentException e) {
            throw new WebhookSignatureException("the store's " + WEBHOOK_SECRET + " is not whsec_<base64>");
        }
    }

    private String eventType(byte[] body) {
        try {
            JsonNode type = http.json().mapper().readTree(body).path("type");
            return type.isTextual() && !type.asText().isBlank() ? type.asText() : "unknown";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * {@code order.*} events carry the order whole in {@code data.order} or only {@code data.order_id} (then the engine
     * fetches it); {@code product.*} and {@code stock.*} name {@code data.product_id}; {@code app.uninstalled} and
     * {@code credentials.revoked} revoke access; anything else is {@code OTHER}.
     */
    @Override
    public List<WebhookEvent> parseWebhook(StoreAccess store, WebhookDelivery delivery) {
        Wire.Event event;
        try {
            event = http.json().mapper().readValue(delivery.body(), Wire.Event.class);
        } catch (IOException e) {
            throw new ValidationException("the webhook body is not the contract's JSON event");
        }
        if (event == null || event.type() == null) throw new ValidationException("the webhook body has no type");
        JsonNode data = event.data() == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : event.data();
        String type = event.type().toLowerCase(Locale.ROOT);
        try {
            if (type.startsWith("order.")) {
                JsonNode order = data.get("order");
                if (order != null && order.isObject()) {
                    OrderSnapshot snapshot = snapshot(store, http.json().convert(order, Wire.Order.class, 0, null));
                    return List.of(new WebhookEvent(WebhookEvent.Kind.ORDER_CHANGED, snapshot.platformOrderId(), snapshot));
                }
                String orderId = blankToNull(text(data, "order_id"));
                if (orderId == null) throw new ValidationException(type + " names no order");
                return List.of(new WebhookEvent(WebhookEvent.Kind.ORDER_CHANGED, orderId, null));
            }
            if (type.startsWith("product.") || type.startsWith("stock.")) {
                return List.of(new WebhookEvent(WebhookEvent.Kind.LISTING_CHANGED, blankToNull(text(data, "product_id")), null));
            }
            if (type.equals("app.uninstalled") || type.equals("credentials.revoked")) {
                return List.of(new WebhookEvent(WebhookEvent.Kind.AUTHORIZATION_REVOKED, null, null));
            }
            return List.of(new WebhookEvent(WebhookEvent.Kind.OTHER, null, null));
        } catch (ConnectorException malformed) {
            // a stored event whose body is wrong will be as wrong on every retry
            throw new ValidationException("the webhook's order is malformed: " + malformed.getMessage(), malformed);
        }
    }

    /** API keys do not expire: the credentials are returned as they are. */
    @Override
    public StoreCredentials refreshCredentials(StoreAccess store) {
        return store.credentials();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private <T> T call(StoreAccess store, String operation, String method, String path, @Nullable String query,
            @Nullable Object body, Class<T> type) {
        String base = baseUrl(store);
        URI uri = URI.create(base + path + (query == null ? "" : "?" + query));
        byte[] bytes = body == null ? new byte[0] : http.json().write(body);
        ConnectorRequest request = body == null ? ConnectorRequest.get(operation, uri)
                : ConnectorRequest.postJson(operation, uri, bytes);
        request = request.withHeader("Accept", "application/json")
                .withHeader("Authorization", "Bearer " + store.credentials().accessToken().reveal());
        Secret signing = store.credentials().extra().get(REQUEST_SIGNING_SECRET);
        if (signing != null) {
            String ts = Long.toString(clock.instant().getEpochSecond());
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            byte[] head = (ts + "\n" + method + "\n" + target + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] message = new byte[head.length + bytes.length];
            System.arraycopy(head, 0, message, 0, head.length);
            System.arraycopy(bytes, 0, message, head.length, bytes.length);
            request = request.withHeader(TIMESTAMP_HEADER, ts)
                    .withHeader(SIGNATURE_HEADER, "v1=" + HmacSha256.withUtf8Key(signing.reveal()).hex(message));
        }
        JsonNode reply = http.exchange(request);
        return http.json().convert(reply, type, 200, null);
    }

    private String baseUrl(StoreAccess store) {
        Secret secret = store.credentials().extra().get(BASE_URL);
        if (secret == null) throw configuration("the store's credentials have no " + BASE_URL);
        String value = secret.reveal().trim();
        URI uri;
        try {
            uri = new URI(value);
        } catch (java.net.URISyntaxException e) {
            throw configuration("the store's " + BASE_URL + " is not a URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && allowHttp)) {
            throw configuration("the store's " + BASE_URL + " must be an absolute https URL");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw configuration("the store's " + BASE_URL + " must have no query or fragment");
        }
        return value.replaceAll("/+$", "");
    }

    /** Not retryable: the store's setup is wrong and stays wrong until someone changes it. */
    private static ConnectorException configuration(String message) {
        return new ConnectorException(PLATFORM, "configuration", message, null, 0, false, null);
    }

    private OrderSnapshot snapshot(StoreAccess store, Wire.Order o) {
        return wellFormed(() -> {
            String id = required(blankToNull(o.id()), "order id");
            String status = required(blankToNull(o.status()), "status");
            BigDecimal total = required(o.total(), "total");
            List<OrderLineSnapshot> lines = new ArrayList<>();
            for (Wire.Line l : required(o.lines(), "lines")) {
                int quantity = required(l.quantity(), "quantity");
                BigDecimal unit = required(l.unitPrice(), "unit_price");
                String sku = blankToNull(l.sku());
                String name = blankToNull(l.name());
                lines.add(new OrderLineSnapshot(required(blankToNull(l.id()), "line id"), blankToNull(l.productId()),
                        blankToNull(l.variantId()), sku, name != null ? name : sku != null ? sku : "item", quantity, unit,
                        l.total() != null ? l.total() : unit.multiply(BigDecimal.valueOf(quantity))));
            }
            Map<String, Object> customer = new HashMap<>();
            if (o.customer() != null) o.customer().forEach((k, v) -> {
                if (k != null && v != null) customer.put(k, v);
            });
            // the site's status text is kept verbatim; a name it shares with the unified statuses maps, others are UNKNOWN
            return new OrderSnapshot(store.storeId(), id, blankToNull(o.number()), status,
                    OrderStatusMapping.map(PLATFORM, status), null, null,
                    o.subtotal() != null ? o.subtotal() : total, zeroIfNull(o.tax()), zeroIfNull(o.shipping()),
                    zeroIfNull(o.discount()), total, required(blankToNull(o.currency()), "currency"), customer, List.of(),
                    null, instant(o.createdAt(), "created_at"), instant(o.updatedAt(), "updated_at"), Map.of(), lines);
        });
    }

    private List<PushResult> matchResults(Wire.Results results, List<String> keys) {
        Map<String, Wire.Result> byKey = new LinkedHashMap<>();
        for (Wire.Result r : required(results.results(), "results")) {
            if (r != null && r.productId() != null) byKey.put(key(r.productId(), blankToNull(r.variantId())), r);
        }
        List<PushResult> out = new ArrayList<>(keys.size());
        for (String k : keys) {
            String[] ids = k.split("\u0000", -1);
            String variant = ids[1].isEmpty() ? null : ids[1];
            Wire.Result r = byKey.get(k);
            if (r == null) {
                out.add(new PushResult(ids[0], variant, false, "the site returned no result for this item"));
            } else if (Boolean.TRUE.equals(r.ok())) {
                out.add(PushResult.ok(ids[0], variant));
            } else {
                out.add(new PushResult(ids[0], variant, false, r.error() == null ? "refused" : r.error()));
            }
        }
        return out;
    }

    private static String key(String productId, @Nullable String variantId) {
        return productId + "\u0000" + (variantId == null ? "" : variantId);
    }

    /** Runs a mapping, turning any validation failure of the SPI's or api's values into a malformed-body error. */
    private <T> T wellFormed(Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (ConnectorException e) {
            throw e;
        } catch (RuntimeException e) {
            // NullPointerException, ValidationException, IllegalArgumentException from the value types' checks:
            // named by type only, since the message may quote content
            throw http.errors().malformedBody(200, null, "invalid value (" + e.getClass().getSimpleName() + ")");
        }
    }

    private <T> T required(@Nullable T value, String what) {
        if (value == null) throw http.errors().malformedBody(200, null, "missing " + what);
        return value;
    }

    private Instant instant(@Nullable String value, String what) {
        try {
            return OffsetDateTime.parse(required(value, what)).toInstant();
        } catch (DateTimeParseException e) {
            throw http.errors().malformedBody(200, null, what + " is not an RFC 3339 date-time");
        }
    }

    /** A cursor that repeats the one just used would page forever: that is a broken site, not the last page. */
    private @Nullable String nextCursor(@Nullable String next, @Nullable String current) {
        String value = blankToNull(next);
        if (value != null && value.equals(current)) {
            throw http.errors().malformedBody(200, null, "next_cursor repeats the cursor of the request");
        }
        return value;
    }

    private static BigDecimal zeroIfNull(@Nullable BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "WebsiteConnector[" + PLATFORM + "]";
    }
}
