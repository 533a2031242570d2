package io.storesync.testkit.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.order.OrderStatus;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreId;
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
import io.storesync.testkit.simulator.Fault;
import io.storesync.testkit.simulator.FaultPlan;
import io.storesync.testkit.simulator.MarketplaceSimulator;
import io.storesync.testkit.simulator.RecordedRequest;
import io.storesync.testkit.simulator.SignedDelivery;
import io.storesync.testkit.simulator.SimulatedListing;
import io.storesync.testkit.simulator.SimulatedOrder;
import io.storesync.testkit.simulator.SimulatedShop;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every connector must show against its platform's simulator, in the manner of Micrometer's
 * {@code MeterRegistryCompatibilityKit}: extend it, say how to start the simulator and build the connector, and every
 * check runs against your connector. No database is needed.
 *
 * <pre>{@code
 * class WebsiteConnectorKitTest extends ConnectorCompatibilityKit {
 *     protected MarketplaceSimulator newSimulator() { return WebsiteSimulator.start(); }
 *     protected Connector newConnector(MarketplaceSimulator sim, Duration timeout) { ... }
 * }
 * }</pre>
 *
 * <p>What it checks: listings paged to the end; order windows and page sizes within the declared limits; stock and
 * price batches of the declared size with per-item refusals reported; HTTP 429 → {@link RateLimitedException} with
 * the retry-after; refused or expired credentials → {@link CredentialsRejectedException}; 5xx and timeouts → retryable;
 * malformed bodies → a {@link ConnectorException}, never a Jackson exception or an NPE; 64-bit ids kept to the digit;
 * money exact; unknown statuses kept verbatim; webhooks good, tampered, stale, from the future, oversize, unsigned and
 * signed with several signatures; token refresh (and, where refresh tokens rotate, that the presented one is spent);
 * the consent URL carrying the state and a consent code exchanged once. The simulator refuses (HTTP 400) calls beyond the platform's caps, so a connector that
 * exceeds them fails here.
 */
public abstract class ConnectorCompatibilityKit {
    /** The shop every check uses. */
    protected static final String SHOP = "kit-shop";

    /** The simulator of the current check; started before each check, closed after. */
    protected MarketplaceSimulator simulator;
    /** The connector under test, calling {@link #simulator}. */
    protected Connector connector;
    /** The store a check's calls are for. */
    protected StoreAccess store;

    /** Starts a fresh simulator of the connector's platform. */
    protected abstract MarketplaceSimulator newSimulator();

    /**
     * Builds the connector under test, pointed at {@code simulator}, giving up on a call after {@code requestTimeout}
     * (the timeout check uses a short one).
     */
    protected abstract Connector newConnector(MarketplaceSimulator simulator, Duration requestTimeout);

    /** Makes the simulator send all-digit ids as JSON numbers, when its platform ever does; no-op by default. */
    protected void sendIdsAsNumbers(MarketplaceSimulator simulator) {}

    /** A status text the platform does not document, to check it is kept verbatim. */
    protected String undocumentedStatus() {
        return "Awaiting-Pickup_v2";
    }

    /** A copy of {@code good} carrying a second, wrong signature beside the right one, if the platform allows several. */
    protected Optional<SignedDelivery> withExtraSignature(SignedDelivery good) {
        return Optional.empty();
    }

    /**
     * Credentials for {@link #SHOP} whose refresh token the simulator (or the platform's token service it stands for)
     * accepts, for the token refresh checks; empty by default, and then those checks are skipped. Override it when
     * the platform refreshes tokens: with {@link Connector#rotatesRefreshTokens()} the checks also require that a
     * refresh returns a new refresh token and that the one presented is refused afterwards.
     */
    protected Optional<StoreCredentials> refreshableCredentials(MarketplaceSimulator simulator) {
        return Optional.empty();
    }

    /**
     * A code the simulator accepts once, as if the seller of {@link #SHOP} had consented at the connector's consent
     * URL and been sent back to {@code redirectUri}; empty by default, and then the code exchange check is skipped.
     * Override it when the connector {@linkplain Connector#supportsConsent() supports consent}.
     */
    protected Optional<String> consentCode(MarketplaceSimulator simulator, java.net.URI redirectUri) {
        return Optional.empty();
    }

    @BeforeEach
    void startSimulator() {
        simulator = newSimulator();
        SimulatedShop shop = simulator.shop(SHOP);
        assertNotNull(shop);
        connector = newConnector(simulator, Duration.ofSeconds(10));
        store = access(simulator.credentials(SHOP));
    }

    @AfterEach
    void stopSimulator() {
        if (simulator != null) simulator.close();
    }

    /** The store access for {@link #SHOP} with these credentials. */
    protected static StoreAccess access(StoreCredentials credentials) {
        return new StoreAccess(new StoreId(java.util.UUID.nameUUIDFromBytes(SHOP.getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                SHOP, credentials);
    }

    // ---- reading -------------------------------------------------------------------------------------------------

    @Test
    public void listingsArePagedToTheEnd() {
        int count = 253;
        List<SimulatedListing> listings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            listings.add(SimulatedListing.of(String.format("P%04d", i), "SKU-" + i, "10.00", i));
        }
        simulator.shop(SHOP).add(listings);
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            ListingPage page = connector.listListings(store, cursor);
            for (ConnectorListing l : page.listings()) {
                assertTrue(seen.add(l.platformProductId() + "/" + l.platformVariantId()), "listing served twice: " + l);
            }
            cursor = page.nextCursor();
            if (++pages > count) fail("paging does not end");
        } while (cursor != null);
        assertEquals(count, seen.size(), "every listing, once");
        assertTrue(pages > 1, "a catalogue of " + count + " came in one page: paging was not exercised");
        assertNoCallRefused();
    }

    @Test
    public void listingsCarryStockPriceAndSku() {
        simulator.shop(SHOP).add(new SimulatedListing("P1", "V1", "KOPI-250", new BigDecimal("85000.50"), 17, true));
        ConnectorListing l = connector.listListings(store, null).listings().get(0);
        assertEquals("P1", l.platformProductId());
        assertEquals("V1", l.platformVariantId());
        assertEquals("KOPI-250", l.sku());
        assertEquals(Integer.valueOf(17), l.stock());
        assertNotNull(l.price());
        assertEquals("85000.50", l.price().toPlainString(), "money exact, scale kept");
    }

    @Test
    public void orderWindowsAndPagesStayWithinTheDeclaredLimits() {
        ConnectorLimits limits = connector.limits();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        int count = 230;
        for (int i = 0; i < count; i++) {
            simulator.shop(SHOP).put(order(String.format("O%04d", i), "awaiting_shipment", "10.00",
                    now.minusSeconds(3_600).plusMillis(i * 10L)));
        }
        Instant to = now.plusSeconds(1);
        Instant from = to.minus(limits.maxOrderWindow());
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            OrderPage page = connector.ordersChanged(store, from, to, cursor);
            page.orders().forEach(o -> assertTrue(seen.add(o.platformOrderId()), "order served twice"));
            cursor = page.nextCursor();
            if (++pages > count) fail("paging does not end");
        } while (cursor != null);
        assertEquals(count, seen.size(), "every order changed in the window, once");
        assertNoCallRefused();
    }

    @Test
    public void ordersByIdLeaveOutUnknownIds() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        simulator.shop(SHOP).put(order("A1", "awaiting_shipment", "10.00", now));
        List<OrderSnapshot> found = connector.ordersById(store, List.of("A1", "NOPE"));
        assertEquals(1, found.size());
        assertEquals("A1", found.get(0).platformOrderId());
        assertEquals(store.storeId(), found.get(0).storeId());
    }

    @Test
    public void sixtyFourBitIdsKeepEveryDigit() {
        sendIdsAsNumbers(simulator);
        String big = "9223372036854775807";
        String bigger = "18446744073709551615";
        simulator.shop(SHOP).add(new SimulatedListing(big, bigger, "BIG", new BigDecimal("1.00"), 1, true));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        simulator.shop(SHOP).put(new SimulatedOrder("9007199254740993", null, "awaiting_shipment", "IDR",
                new BigDecimal("1.00"), Map.of(), now, now, List.of(new SimulatedOrder.Line("1", big, bigger, "BIG",
                "Big", 1, new BigDecimal("1.00")))));
        ConnectorListing l = connector.listListings(store, null).listings().get(0);
        assertEquals(big, l.platformProductId());
        assertEquals(bigger, l.platformVariantId());
        OrderSnapshot o = connector.ordersById(store, List.of("9007199254740993")).get(0);
        assertEquals("9007199254740993", o.platformOrderId(), "2^53 + 1 survives");
        assertEquals(big, o.lines().get(0).platformProductId());
    }

    @Test
    public void moneyIsExact() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        simulator.shop(SHOP).put(new SimulatedOrder("M1", null, "awaiting_shipment", "IDR", new BigDecimal("1234567.89"),
                Map.of(), now, now, List.of(new SimulatedOrder.Line("1", "P", null, "S", "Thing", 3,
                new BigDecimal("0.10")))));
        OrderSnapshot o = connector.ordersById(store, List.of("M1")).get(0);
        assertEquals(0, new BigDecimal("1234567.89").compareTo(o.totalAmount()), "total " + o.totalAmount());
        assertEquals(0, new BigDecimal("0.10").compareTo(o.lines().get(0).unitPrice()));
        assertEquals(0, new BigDecimal("0.30").compareTo(o.lines().get(0).lineTotal()), "no binary floating point");
    }

    @Test
    public void unknownStatusesAreKeptVerbatim() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        simulator.shop(SHOP).put(order("U1", undocumentedStatus(), "5.00", now));
        OrderSnapshot o = connector.ordersById(store, List.of("U1")).get(0);
        assertEquals(undocumentedStatus(), o.platformStatus());
        assertEquals(OrderStatus.UNKNOWN, o.status());
    }

    // ---- writing -------------------------------------------------------------------------------------------------

    @Test
    public void aFullStockBatchIsAcceptedItemByItemWithRefusalsReported() {
        int batch = connector.limits().maxStockBatch();
        List<StockUpdate> updates = new ArrayList<>();
        for (int i = 0; i < batch - 1; i++) {
            simulator.shop(SHOP).add(SimulatedListing.of("S" + i, "SKU-S" + i, "1.00", 0));
            updates.add(new StockUpdate("S" + i, null, i + 1));
        }
        simulator.shop(SHOP).refuseWritesTo("S0");
        updates.add(new StockUpdate("UNKNOWN", null, 5));
        List<PushResult> results = connector.pushStock(store, updates);
        assertEquals(updates.size(), results.size(), "one result per item");
        assertFalse(result(results, "S0").accepted(), "a refused item is reported");
        assertNotNull(result(results, "S0").error());
        assertFalse(result(results, "UNKNOWN").accepted(), "an unknown item is reported");
        for (int i = 1; i < batch - 1; i++) {
            assertTrue(result(results, "S" + i).accepted(), "S" + i);
            assertEquals(i + 1, simulator.shop(SHOP).stock("S" + i, null));
        }
        assertNoCallRefused();
    }

    @Test
    public void aFullPriceBatchIsExactWithRefusalsReported() {
        int batch = connector.limits().maxPriceBatch();
        List<PriceUpdate> updates = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            simulator.shop(SHOP).add(SimulatedListing.of("R" + i, "SKU-R" + i, "1.00", 0));
            updates.add(new PriceUpdate("R" + i, null, new BigDecimal("19.90").add(BigDecimal.valueOf(i))));
        }
        simulator.shop(SHOP).refuseWritesTo("R1");
        List<PushResult> results = connector.pushPrices(store, updates);
        assertEquals(batch, results.size());
        assertFalse(result(results, "R1").accepted());
        assertTrue(result(results, "R0").accepted());
        BigDecimal written = simulator.shop(SHOP).listing("R0", null).orElseThrow().price();
        assertEquals(0, new BigDecimal("19.90").compareTo(written), "price exact: " + written);
        assertNoCallRefused();
    }

    // ---- failures ------------------------------------------------------------------------------------------------

    @Test
    public void throttlingIsRateLimitedWithTheRetryAfter() {
        simulator.faults(FaultPlan.NONE.withRetryAfter(Duration.ofSeconds(7)));
        simulator.failNext(Fault.RATE_LIMITED);
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> connector.listListings(store, null));
        assertTrue(e.retryable());
        assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
        simulator.failNext(Fault.RATE_LIMITED);
        assertThrows(RateLimitedException.class, () -> connector.pushStock(store, List.of(new StockUpdate("X", null, 1))));
    }

    @Test
    public void revokedCredentialsAreRejected() {
        simulator.revokeCredentials(SHOP);
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> connector.listListings(store, null));
        assertFalse(e.retryable());
    }

    @Test
    public void expiredCredentialsAreRejected() {
        simulator.failNext(Fault.EXPIRED_CREDENTIALS);
        assertThrows(CredentialsRejectedException.class, () -> connector.ordersById(store, List.of("A")));
    }

    @Test
    public void serverErrorsAreRetryable() {
        simulator.failNext(Fault.SERVER_ERROR);
        ConnectorException e = assertThrows(ConnectorException.class, () -> connector.listListings(store, null));
        assertTrue(e.retryable(), "a 5xx may pass");
        assertFalse(e instanceof CredentialsRejectedException);
        assertTrue(e.httpStatus() >= 500, "status " + e.httpStatus());
    }

    @Test
    public void timeoutsAreRetryable() {
        Connector impatient = newConnector(simulator, Duration.ofMillis(300));
        simulator.faults(FaultPlan.NONE.withSlowDelay(Duration.ofSeconds(2)));
        simulator.failNext(Fault.SLOW);
        ConnectorException e = assertThrows(ConnectorException.class, () -> impatient.listListings(store, null));
        assertTrue(e.retryable(), "a timeout may pass");
        assertEquals(0, e.httpStatus(), "no response arrived");
    }

    @Test
    public void malformedBodiesAreTypedErrors() {
        simulator.failNext(Fault.MALFORMED_BODY);
        assertThrows(ConnectorException.class, () -> connector.listListings(store, null));
        simulator.failNext(Fault.MALFORMED_BODY);
        Instant now = Instant.now();
        assertThrows(ConnectorException.class, () -> connector.ordersChanged(store, now.minusSeconds(60), now, null));
        simulator.failNext(Fault.MALFORMED_BODY);
        assertThrows(ConnectorException.class, () -> connector.pushStock(store, List.of(new StockUpdate("X", null, 1))));
        simulator.failNext(Fault.MALFORMED_BODY);
        assertThrows(ConnectorException.class, () -> connector.pushPrices(store,
                List.of(new PriceUpdate("X", null, BigDecimal.ONE))));
    }

    @Test
    public void anOrderMissingRequiredFieldsIsATypedError() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // a negative total cannot be an order: the connector must say so as a platform error, not let a value check escape
        simulator.shop(SHOP).put(new SimulatedOrder("BAD", null, "awaiting_shipment", "IDR", new BigDecimal("-1.00"),
                Map.of(), now, now, List.of()));
        assertThrows(ConnectorException.class, () -> connector.ordersById(store, List.of("BAD")));
    }

    // ---- webhooks ------------------------------------------------------------------------------------------------

    @Test
    public void aSignedWebhookIsVerifiedAndParsed() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        simulator.shop(SHOP).put(order("W1", "awaiting_shipment", "12.00", now));
        SignedDelivery good = simulator.orderWebhook(SHOP, "evt-1", "W1", Instant.now());
        VerifiedWebhook verified = connector.verifyWebhook(store, delivery(good));
        assertEquals("evt-1", verified.platformEventId());
        List<WebhookEvent> events = connector.parseWebhook(store, delivery(good));
        assertEquals(1, events.size());
        assertEquals(WebhookEvent.Kind.ORDER_CHANGED, events.get(0).kind());
        assertEquals("W1", events.get(0).reference());
    }

    @Test
    public void aTamperedWebhookIsRefused() {
        SignedDelivery good = simulator.orderWebhook(SHOP, "evt-2", "W2", Instant.now());
        assertThrows(WebhookSignatureException.class, () -> connector.verifyWebhook(store, delivery(good.tampered())));
    }

    @Test
    public void aWebhookSignedWithAnotherShopsSecretIsRefused() {
        simulator.shop("other-shop");
        simulator.credentials("other-shop");
        SignedDelivery foreign = simulator.orderWebhook("other-shop", "evt-3", "W3", Instant.now());
        assertThrows(WebhookSignatureException.class, () -> connector.verifyWebhook(store, delivery(foreign)));
    }

    @Test
    public void staleAndFutureWebhooksAreRefused() {
        SignedDelivery stale = simulator.orderWebhook(SHOP, "evt-4", "W4", Instant.now().minus(Duration.ofMinutes(6)));
        assertThrows(WebhookSignatureException.class, () -> connector.verifyWebhook(store, delivery(stale)));
        SignedDelivery future = simulator.orderWebhook(SHOP, "evt-5", "W5", Instant.now().plus(Duration.ofMinutes(6)));
        assertThrows(WebhookSignatureException.class, () -> connector.verifyWebhook(store, delivery(future)));
        SignedDelivery recent = simulator.orderWebhook(SHOP, "evt-6", "W6", Instant.now().minus(Duration.ofMinutes(4)));
        assertEquals("evt-6", connector.verifyWebhook(store, delivery(recent)).platformEventId(), "within tolerance");
    }

    @Test
    public void anOversizeWebhookIsRefused() {
        SignedDelivery huge = simulator.webhookOfSize(SHOP, "evt-7", 2 * 1024 * 1024);
        assertThrows(WebhookSignatureException.class, () -> connector.verifyWebhook(store, delivery(huge)));
    }

    @Test
    public void anUnsignedWebhookIsRefused() {
        SignedDelivery good = simulator.orderWebhook(SHOP, "evt-8", "W8", Instant.now());
        assertThrows(WebhookSignatureException.class,
                () -> connector.verifyWebhook(store, new WebhookDelivery(Map.of("Content-Type", List.of("application/json")),
                        good.body())));
    }

    @Test
    public void aWebhookWithSeveralSignaturesIsVerifiedByAnyOfThem() {
        SignedDelivery good = simulator.orderWebhook(SHOP, "evt-9", "W9", Instant.now());
        Optional<SignedDelivery> rotated = withExtraSignature(good);
        Assumptions.assumeTrue(rotated.isPresent(), "the platform sends one signature only");
        assertEquals("evt-9", connector.verifyWebhook(store, delivery(rotated.get())).platformEventId());
    }

    // ---- authorisation -------------------------------------------------------------------------------------------

    @Test
    public void aRefreshReturnsCredentialsThatWork() {
        Optional<StoreCredentials> given = refreshableCredentials(simulator);
        Assumptions.assumeTrue(given.isPresent(), "the kit was given no refreshable credentials");
        StoreCredentials before = given.get();
        StoreCredentials after = connector.refreshCredentials(access(before));
        assertNotNull(after, "refreshCredentials returned null");
        if (after.expiresAt() != null) {
            assertTrue(after.expiresAt().isAfter(Instant.now()), "refreshed credentials that have already expired");
        }
        if (connector.rotatesRefreshTokens()) {
            assertNotNull(after.refreshToken(), "a rotating platform's refresh returned no refresh token");
            assertFalse(after.refreshToken().equals(before.refreshToken()),
                    "the connector says refresh tokens rotate but returned the one it presented");
        }
        connector.listListings(access(after), null);
        assertNoCallRefused();
    }

    @Test
    public void aRotatedRefreshTokenIsSpentAndTheNewOneRefreshesAgain() {
        Optional<StoreCredentials> given = refreshableCredentials(simulator);
        Assumptions.assumeTrue(given.isPresent(), "the kit was given no refreshable credentials");
        Assumptions.assumeTrue(connector.rotatesRefreshTokens(), "the platform does not rotate refresh tokens");
        StoreCredentials first = given.get();
        StoreCredentials second = connector.refreshCredentials(access(first));
        // the engine stores what a refresh returned and presents that next time: it must be the live token
        StoreCredentials third = connector.refreshCredentials(access(second));
        assertNotNull(third.refreshToken(), "no refresh token after the second refresh");
        assertFalse(third.refreshToken().equals(second.refreshToken()), "the second refresh did not rotate the token");
        // the spent token is refused as rejected credentials (the engine flags the store), not as a retryable error
        assertThrows(CredentialsRejectedException.class, () -> connector.refreshCredentials(access(first)),
                "a refresh token presented twice must be refused as CredentialsRejectedException");
        connector.listListings(access(third), null);
    }

    @Test
    public void aConnectorWithoutConsentSaysSo() {
        Assumptions.assumeFalse(connector.supportsConsent(), "the connector supports consent");
        java.net.URI redirect = java.net.URI.create("https://host.example/callback");
        assertThrows(UnsupportedOperationException.class, () -> connector.consentUrl("state-1", redirect));
        assertThrows(UnsupportedOperationException.class, () -> connector.exchangeCode("code-1", redirect));
    }

    @Test
    public void theConsentUrlCarriesTheStateUnchanged() {
        Assumptions.assumeTrue(connector.supportsConsent(), "the connector does not support consent");
        java.net.URI redirect = java.net.URI.create("https://host.example/storesync/callback");
        // base64url, as StoreSync issues states: it appears verbatim however the URL encodes it
        String state = "kit-state-Az09_-" + Long.toHexString(System.nanoTime());
        java.net.URI url = connector.consentUrl(state, redirect);
        assertTrue(url.isAbsolute(), "the consent URL is not absolute: " + url.getScheme());
        assertTrue(url.toString().contains(state), "the consent URL does not carry the state");
        assertFalse(url.equals(connector.consentUrl(state + "x", redirect)), "two states gave the same consent URL");
    }

    @Test
    public void aConsentCodeIsExchangedOnceForCredentialsAndTheShop() {
        Assumptions.assumeTrue(connector.supportsConsent(), "the connector does not support consent");
        java.net.URI redirect = java.net.URI.create("https://host.example/storesync/callback");
        Optional<String> code = consentCode(simulator, redirect);
        Assumptions.assumeTrue(code.isPresent(), "the kit was given no consent code");
        io.storesync.spi.connector.Authorization granted = connector.exchangeCode(code.get(), redirect);
        io.storesync.spi.connector.AuthorizedShop shop = granted.shops().stream()
                .filter(s -> s.platformStoreId().equals(SHOP)).findFirst().orElse(null);
        assertTrue(shop != null, "the consent's shops do not include the shop that consented: " + granted.shops());
        // the store's credentials, as StoreSync makes them: the consent's, with the shop's own entries
        connector.listListings(access(granted.credentialsFor(shop)), null);
        // codes are single-use: a replay is refused as rejected credentials, and so is a code never issued
        assertThrows(CredentialsRejectedException.class, () -> connector.exchangeCode(code.get(), redirect),
                "a consent code exchanged twice must be refused");
        assertThrows(CredentialsRejectedException.class, () -> connector.exchangeCode("never-issued", redirect));
        assertNoCallRefused();
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** A delivery as StoreSync would hand it to the connector. */
    protected static WebhookDelivery delivery(SignedDelivery d) {
        return new WebhookDelivery(d.headers(), d.body());
    }

    /** A one-line order of {@link #SHOP}'s listing {@code P}. */
    protected static SimulatedOrder order(String id, String status, String total, Instant updatedAt) {
        return new SimulatedOrder(id, "#" + id, status, "IDR", new BigDecimal(total), Map.of("name", "Dewi"),
                updatedAt.minusSeconds(60), updatedAt, List.of(new SimulatedOrder.Line("1", "P", null, "SKU-P", "Thing", 1,
                new BigDecimal(total))));
    }

    private static PushResult result(List<PushResult> results, String productId) {
        return results.stream().filter(r -> r.platformProductId().equals(productId)).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + productId));
    }

    /** The simulator refuses (400/413) calls beyond the platform's caps; none may have been. */
    private void assertNoCallRefused() {
        List<RecordedRequest> refused = simulator.requests().stream()
                .filter(r -> r.status() == 400 || r.status() == 413 || r.status() == 404).toList();
        assertTrue(refused.isEmpty(), "calls the platform refused: " + refused);
    }
}
