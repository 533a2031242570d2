package io.storesync.testkit;

import io.storesync.api.Secret;
import io.storesync.api.ValidationException;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.webhook.WebhookSignatureException;
import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.ConnectorException;
import io.storesync.spi.connector.ConnectorLimits;
import io.storesync.spi.connector.ConnectorListing;
import io.storesync.spi.connector.CredentialsRejectedException;
import io.storesync.spi.connector.ListingPage;
import io.storesync.spi.connector.OrderPage;
import io.storesync.spi.connector.PriceUpdate;
import io.storesync.spi.connector.PushResult;
import io.storesync.spi.connector.RateLimitedException;
import io.storesync.spi.connector.StockUpdate;
import io.storesync.spi.connector.StoreAccess;
import io.storesync.spi.connector.VerifiedWebhook;
import io.storesync.spi.connector.WebhookDelivery;
import io.storesync.spi.connector.WebhookEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * An in-process marketplace for tests: serves listings and orders in pages, records every stock and price push, can
 * be told to fail (rate limited with a retry-after, credentials rejected, platform errors) or to hold pushes until
 * released, and verifies a real HMAC-SHA256 webhook signature.
 *
 * <p><b>Webhook wire format</b> (Stripe-like, so the tolerance check is real): header {@value #TIMESTAMP_HEADER} is
 * the Unix time in seconds, header {@value #SIGNATURE_HEADER} is lower-case hex
 * {@code HMAC-SHA256(key = webhook secret, message = timestamp + "." + raw body)}; deliveries older than five minutes
 * are refused. The body is a flat JSON object: {@code {"event_id": "...", "type": "order.updated", "order_id": "..."}}
 * ({@code listing.updated} with {@code product_id}, {@code auth.revoked}, anything else is ignored).
 *
 * <p>Poses as platform {@code custom_website} unless told otherwise, because that row is seeded and a host's tests
 * should not need the schema owner to add a platform. Thread-safe.
 */
public final class FakeMarketplace {
    /** The signature header. */
    public static final String SIGNATURE_HEADER = "X-Fake-Signature";
    /** The timestamp header. */
    public static final String TIMESTAMP_HEADER = "X-Fake-Timestamp";
    /** How old a delivery may be. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    /** The operations failures can be scripted for. */
    public enum Operation { LIST_LISTINGS, ORDERS_CHANGED, ORDERS_BY_ID, PUSH_STOCK, PUSH_PRICES, REFRESH_CREDENTIALS }

    /** One listing's stock push as the marketplace received it. */
    public record StockPush(String platformStoreId, String platformProductId, @Nullable String platformVariantId,
            int quantity, long receivedNanos, int call) {}

    /** One listing's price push as the marketplace received it. */
    public record PricePush(String platformStoreId, String platformProductId, @Nullable String platformVariantId,
            BigDecimal price) {}

    private final String platform;
    private final Secret webhookSecret;
    private final Clock clock;
    private volatile ConnectorLimits limits = ConnectorLimits.DEFAULT;
    private volatile int pageSize = 50;
    private volatile Duration refreshedTokenLifetime = Duration.ofDays(7);
    private final Map<String, List<ConnectorListing>> listings = new ConcurrentHashMap<>();
    private final Map<String, List<OrderSnapshot>> orders = new ConcurrentHashMap<>();
    private final List<StockPush> stockPushes = new CopyOnWriteArrayList<>();
    private final List<PricePush> pricePushes = new CopyOnWriteArrayList<>();
    private final Map<Operation, ConcurrentLinkedDeque<RuntimeException>> failures = new ConcurrentHashMap<>();
    private final Map<Operation, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicInteger pushCalls = new AtomicInteger();
    private final AtomicReference<CountDownLatch> pushGate = new AtomicReference<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private final Map<String, String> refusedStock = new ConcurrentHashMap<>();

    private FakeMarketplace(String platform, Secret webhookSecret, Clock clock) {
        this.platform = platform;
        this.webhookSecret = webhookSecret;
        this.clock = clock;
        for (Operation op : Operation.values()) {
            failures.put(op, new ConcurrentLinkedDeque<>());
            calls.put(op, new AtomicInteger());
        }
    }

    /** A marketplace posing as {@code custom_website}, with a random webhook secret. */
    public static FakeMarketplace create() {
        return create("custom_website");
    }

    /** A marketplace posing as {@code platform} (which must be a row of {@code platforms} to connect stores). */
    public static FakeMarketplace create(String platform) {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        return new FakeMarketplace(platform, Secret.of(HexFormat.of().formatHex(secret)), Clock.systemUTC());
    }

    /** The provider to register on the builder: {@code StoreSync.builder().connector(fake.provider())}. */
    public FakeConnectorProvider provider() {
        return new FakeConnectorProvider(this);
    }

    /** The platform name. */
    public String platform() {
        return platform;
    }

    /** Sets the limits the connector declares. */
    public FakeMarketplace limits(ConnectorLimits value) {
        this.limits = value;
        return this;
    }

    /** Sets the page size of listing and order pages. */
    public FakeMarketplace pageSize(int value) {
        this.pageSize = value;
        return this;
    }

    /** Adds listings to a shop. */
    public FakeMarketplace addListings(String platformStoreId, List<ConnectorListing> items) {
        listings.computeIfAbsent(platformStoreId, k -> new CopyOnWriteArrayList<>()).addAll(items);
        return this;
    }

    /** Adds (or replaces, by id) orders of a shop. */
    public FakeMarketplace putOrders(String platformStoreId, List<OrderSnapshot> items) {
        List<OrderSnapshot> list = orders.computeIfAbsent(platformStoreId, k -> new CopyOnWriteArrayList<>());
        for (OrderSnapshot o : items) {
            list.removeIf(x -> x.platformOrderId().equals(o.platformOrderId()));
            list.add(o);
        }
        return this;
    }

    /** The next call of {@code op} throws {@code failure} (queued: several calls may be scripted). */
    public FakeMarketplace failNext(Operation op, RuntimeException failure) {
        failures.get(op).add(failure);
        return this;
    }

    /** The next call of {@code op} is rate limited, asking to wait {@code retryAfter}. */
    public FakeMarketplace rateLimitNext(Operation op, Duration retryAfter) {
        return failNext(op, new RateLimitedException(platform, "429", "too many requests", "req-rl", 429, retryAfter));
    }

    /** The next call of {@code op} is refused for bad credentials. */
    public FakeMarketplace rejectCredentialsNext(Operation op) {
        return failNext(op, new CredentialsRejectedException(platform, "invalid_token", "access token revoked", "req-cr", 401));
    }

    /** The next call of {@code op} fails with a retryable platform error (HTTP 503). */
    public FakeMarketplace platformErrorNext(Operation op) {
        return failNext(op, new ConnectorException(platform, "overloaded", "service unavailable", "req-pe", 503, true, null));
    }

    /** Stock pushes to the listing {@code platformProductId} are refused with {@code reason} until {@link #acceptStock}. */
    public FakeMarketplace refuseStock(String platformProductId, String reason) {
        refusedStock.put(platformProductId, reason);
        return this;
    }

    /** Stock pushes to the listing {@code platformProductId} are accepted again. */
    public FakeMarketplace acceptStock(String platformProductId) {
        refusedStock.remove(platformProductId);
        return this;
    }

    /** Holds every stock push until {@link #releasePushes()}. */
    public FakeMarketplace holdPushes() {
        pushGate.set(new CountDownLatch(1));
        return this;
    }

    /** Lets held pushes (and later ones) through. */
    public void releasePushes() {
        CountDownLatch gate = pushGate.getAndSet(null);
        if (gate != null) gate.countDown();
    }

    /** Every stock push received, in order. */
    public List<StockPush> stockPushes() {
        return Collections.unmodifiableList(new ArrayList<>(stockPushes));
    }

    /** Stock push calls received (each carries a batch). */
    public int stockPushCalls() {
        return pushCalls.get();
    }

    /** The last quantity pushed for a listing. */
    public Optional<Integer> lastPushed(String platformStoreId, String platformProductId) {
        List<StockPush> all = stockPushes();
        for (int i = all.size() - 1; i >= 0; i--) {
            StockPush p = all.get(i);
            if (p.platformStoreId().equals(platformStoreId) && p.platformProductId().equals(platformProductId)) {
                return Optional.of(p.quantity());
            }
        }
        return Optional.empty();
    }

    /** Every price push received, in order. */
    public List<PricePush> pricePushes() {
        return Collections.unmodifiableList(new ArrayList<>(pricePushes));
    }

    /** How often {@code op} was called. */
    public int calls(Operation op) {
        return calls.get(op).get();
    }

    /** Signs a webhook body as the marketplace would, now. */
    public Map<String, List<String>> sign(byte[] body) {
        return sign(body, clock.instant());
    }

    /** Signs a webhook body as the marketplace would at {@code at}. */
    public Map<String, List<String>> sign(byte[] body, Instant at) {
        String ts = Long.toString(at.getEpochSecond());
        return Map.of(TIMESTAMP_HEADER, List.of(ts), SIGNATURE_HEADER, List.of(hmac(ts, body)),
                "Content-Type", List.of("application/json"));
    }

    /** A webhook body saying an order changed. */
    public static byte[] orderEvent(String eventId, String orderId) {
        return ("{\"event_id\":\"" + eventId + "\",\"type\":\"order.updated\",\"order_id\":\"" + orderId + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private String hmac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(webhookSecret.revealBytes(), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", e);
        }
    }

    private void enter(Operation op) {
        calls.get(op).incrementAndGet();
        RuntimeException failure = failures.get(op).poll();
        if (failure != null) throw failure;
    }

    private static final Pattern FIELD = Pattern.compile("\"([a-z_]+)\"\\s*:\\s*\"([^\"\\\\]*)\"");

    private static Map<String, String> flatJson(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (!text.startsWith("{") || !text.endsWith("}")) throw new ValidationException("the body is not a JSON object");
        Map<String, String> fields = new java.util.HashMap<>();
        Matcher m = FIELD.matcher(text);
        while (m.find()) fields.put(m.group(1), m.group(2));
        return fields;
    }

    /** The connector: what StoreSync calls. */
    final class FakeConnector implements Connector {
        @Override
        public String platform() {
            return platform;
        }

        @Override
        public ConnectorLimits limits() {
            return limits;
        }

        @Override
        public ListingPage listListings(StoreAccess store, @Nullable String cursor) {
            enter(Operation.LIST_LISTINGS);
            List<ConnectorListing> all = listings.getOrDefault(store.platformStoreId(), List.of());
            int from = cursor == null ? 0 : Integer.parseInt(cursor);
            int to = Math.min(all.size(), from + pageSize);
            return new ListingPage(all.subList(from, to), to < all.size() ? Integer.toString(to) : null, all.size());
        }

        @Override
        public OrderPage ordersChanged(StoreAccess store, Instant from, Instant to, @Nullable String cursor) {
            enter(Operation.ORDERS_CHANGED);
            List<OrderSnapshot> window = orders.getOrDefault(store.platformStoreId(), List.of()).stream()
                    .filter(o -> !o.platformUpdatedAt().isBefore(from) && o.platformUpdatedAt().isBefore(to))
                    .sorted(java.util.Comparator.comparing(OrderSnapshot::platformUpdatedAt)).toList();
            int start = cursor == null ? 0 : Integer.parseInt(cursor);
            int end = Math.min(window.size(), start + pageSize);
            return new OrderPage(window.subList(start, end), end < window.size() ? Integer.toString(end) : null);
        }

        @Override
        public List<OrderSnapshot> ordersById(StoreAccess store, List<String> ids) {
            enter(Operation.ORDERS_BY_ID);
            return orders.getOrDefault(store.platformStoreId(), List.of()).stream()
                    .filter(o -> ids.contains(o.platformOrderId())).toList();
        }

        @Override
        public List<PushResult> pushStock(StoreAccess store, List<StockUpdate> updates) {
            enter(Operation.PUSH_STOCK);
            if (updates.size() > limits.maxStockBatch()) {
                throw new ConnectorException(platform, "batch_too_large", "at most " + limits.maxStockBatch()
                        + " listings per call, got " + updates.size(), null, 400, false, null);
            }
            CountDownLatch gate = pushGate.get();
            if (gate != null) {
                try {
                    if (!gate.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("pushes held for too long");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ConnectorException(platform, null, "interrupted", null, 0, true, null);
                }
            }
            int call = pushCalls.incrementAndGet();
            long now = System.nanoTime();
            List<PushResult> results = new ArrayList<>();
            for (StockUpdate u : updates) {
                String refusal = refusedStock.get(u.platformProductId());
                if (refusal != null) {
                    results.add(new PushResult(u.platformProductId(), u.platformVariantId(), false, refusal));
                    continue;
                }
                stockPushes.add(new StockPush(store.platformStoreId(), u.platformProductId(), u.platformVariantId(),
                        u.quantity(), now, call));
                List<ConnectorListing> shop = listings.get(store.platformStoreId());
                if (shop != null) {
                    shop.replaceAll(l -> l.platformProductId().equals(u.platformProductId())
                            && java.util.Objects.equals(l.platformVariantId(), u.platformVariantId())
                            ? new ConnectorListing(l.platformProductId(), l.platformVariantId(), l.sku(), l.price(), u.quantity(), l.active())
                            : l);
                }
                results.add(PushResult.ok(u.platformProductId(), u.platformVariantId()));
            }
            return results;
        }

        @Override
        public List<PushResult> pushPrices(StoreAccess store, List<PriceUpdate> updates) {
            enter(Operation.PUSH_PRICES);
            List<PushResult> results = new ArrayList<>();
            for (PriceUpdate u : updates) {
                pricePushes.add(new PricePush(store.platformStoreId(), u.platformProductId(), u.platformVariantId(), u.price()));
                results.add(PushResult.ok(u.platformProductId(), u.platformVariantId()));
            }
            return results;
        }

        @Override
        public VerifiedWebhook verifyWebhook(StoreAccess store, WebhookDelivery delivery) {
            String ts = delivery.header(TIMESTAMP_HEADER)
                    .orElseThrow(() -> new WebhookSignatureException("missing " + TIMESTAMP_HEADER + " header"));
            String signature = delivery.header(SIGNATURE_HEADER)
                    .orElseThrow(() -> new WebhookSignatureException("missing " + SIGNATURE_HEADER + " header"));
            long seconds;
            try {
                seconds = Long.parseLong(ts);
            } catch (NumberFormatException e) {
                throw new WebhookSignatureException("malformed " + TIMESTAMP_HEADER + " header");
            }
            if (Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs().compareTo(TOLERANCE) > 0) {
                throw new WebhookSignatureException("delivery timestamp is outside the " + TOLERANCE.toMinutes() + "-minute tolerance");
            }
            byte[] expected = hmac(ts, delivery.body()).getBytes(StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(expected, signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
                throw new WebhookSignatureException("signature does not match the body");
            }
            try {
                Map<String, String> fields = flatJson(delivery.body());
                return new VerifiedWebhook(fields.get("event_id"), fields.getOrDefault("type", "unknown"));
            } catch (ValidationException e) {
                // verified but unreadable: stored under its digest, and processing marks it failed
                return new VerifiedWebhook(null, "unknown");
            }
        }

        @Override
        public List<WebhookEvent> parseWebhook(StoreAccess store, WebhookDelivery delivery) {
            Map<String, String> f = flatJson(delivery.body());
            String type = f.get("type");
            if (type == null) throw new ValidationException("the event has no type");
            return switch (type) {
                case "order.updated" -> {
                    String order = f.get("order_id");
                    if (order == null) throw new ValidationException("order.updated without order_id");
                    yield List.of(new WebhookEvent(WebhookEvent.Kind.ORDER_CHANGED, order, null));
                }
                case "listing.updated" -> List.of(new WebhookEvent(WebhookEvent.Kind.LISTING_CHANGED, f.get("product_id"), null));
                case "auth.revoked" -> List.of(new WebhookEvent(WebhookEvent.Kind.AUTHORIZATION_REVOKED, null, null));
                default -> List.of(new WebhookEvent(WebhookEvent.Kind.OTHER, type, null));
            };
        }

        @Override
        public StoreCredentials refreshCredentials(StoreAccess store) {
            enter(Operation.REFRESH_CREDENTIALS);
            if (store.credentials().refreshToken() == null) {
                throw new CredentialsRejectedException(platform, "no_refresh_token", "no refresh token", null, 400);
            }
            int n = tokens.incrementAndGet();
            return StoreCredentials.of(Secret.of("fake-access-" + n), Secret.of("fake-refresh-" + n),
                    clock.instant().plus(refreshedTokenLifetime));
        }
    }
}
