package io.storesync.spi.connector;

import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.store.StoreCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One marketplace, as the engine sees it. Implementations speak the platform's wire protocol; they never touch the
 * database, and the engine never speaks to a platform except through them.
 *
 * <p><b>Threading:</b> one instance serves every store of its platform and is called from many worker threads at
 * once; implementations must be thread-safe. <b>Blocking:</b> every call that reaches the platform may block on
 * network I/O; the engine calls them from worker threads, never from a caller's request thread except
 * {@link #verifyWebhook} and {@link #verifyAppWebhook}, which must not do I/O. <b>Nullness:</b> nothing is null unless marked. <b>Errors:</b> a
 * throttled call throws {@link io.storesync.spi.connector.RateLimitedException}, rejected credentials throw
 * {@link io.storesync.spi.connector.CredentialsRejectedException}, any other platform failure throws
 * {@link io.storesync.spi.connector.ConnectorException} saying whether retrying may help. Rate limiting and retries are the
 * engine's job: connectors make one attempt per call.
 *
 * <p>Evolves by {@code default} methods only.
 */
public interface Connector {

    /** The platform name, equal to {@link ConnectorProvider#platform()}. */
    String platform();

    /** The platform's limits; the engine's rate limiter and batching follow them. */
    default ConnectorLimits limits() {
        return ConnectorLimits.DEFAULT;
    }

    /**
     * How late the platform may make a changed order visible to {@link #ordersChanged}: an order updated at time
     * {@code t} may first be returned by a query made at {@code t} plus this lag (search indexes trail writes; clocks
     * differ). Each order poll re-reads this much before the point the previous poll reached, so such orders are
     * read by the next poll; re-reading costs calls only, since ingestion is idempotent. Zero (no re-reading) unless
     * the connector declares its platform's lag; a marketplace with a search index behind its order list should
     * declare a few minutes (two is a safe start). More than a day is taken as a day.
     *
     * <p>Must not block or do I/O; may be called concurrently.
     */
    default Duration orderIndexLag() {
        return Duration.ZERO;
    }

    /**
     * How long after a write call whose answer never came (a timeout, a lost connection, a 5xx or an unreadable
     * answer) the platform may still apply that write. A stock push is such a write: sent with the quantity of its
     * moment, it may land after a later push of the current quantity and leave the listing showing a stale one. After
     * a push whose outcome is unknown, the engine pushes those listings again once this window has passed (and not
     * before, so the late write cannot land after the correction). Zero, the default, pushes them again at once, as
     * a retry would: right for a platform that never applies a request it did not answer. A connector on
     * {@code ConnectorHttp} declares its whole-call timeout, on the reading that a platform finishes or drops a
     * request within the time its client waits for it.
     *
     * <p>Must not block or do I/O; may be called concurrently.
     */
    default Duration lateWriteWindow() {
        return Duration.ZERO;
    }

    /**
     * One page of the store's listings.
     *
     * @param cursor null for the first page, else the previous page's {@link ListingPage#nextCursor()}
     */
    ListingPage listListings(StoreAccess store, @org.jspecify.annotations.Nullable String cursor);

    /**
     * One page of the orders created or changed in {@code [from, to)}; {@code to - from} is at most
     * {@link ConnectorLimits#maxOrderWindow()}.
     */
    OrderPage ordersChanged(StoreAccess store, Instant from, Instant to, @org.jspecify.annotations.Nullable String cursor);

    /** The orders with these platform ids; ids the platform does not know are left out. */
    List<OrderSnapshot> ordersById(StoreAccess store, List<String> platformOrderIds);

    /** Sets the quantity of a batch of listings (at most {@link ConnectorLimits#maxStockBatch()}). */
    List<PushResult> pushStock(StoreAccess store, List<StockUpdate> updates);

    /** Sets the price of a batch of listings (at most {@link ConnectorLimits#maxPriceBatch()}). */
    List<PushResult> pushPrices(StoreAccess store, List<PriceUpdate> updates);

    /**
     * Checks a webhook delivery's signature over its raw body, in constant time. Called on the host's request thread:
     * must not block on I/O.
     *
     * @throws io.storesync.api.webhook.WebhookSignatureException when the signature is missing, malformed or wrong, or the
     *     delivery is too old to trust; StoreSync then stores nothing
     */
    VerifiedWebhook verifyWebhook(StoreAccess store, WebhookDelivery delivery);

    /**
     * Whether this connector verifies webhooks with an app-level secret (given through {@link ConnectorSettings}) rather
     * than with anything of the store's. When true, StoreSync calls {@link #verifyAppWebhook} instead of
     * {@link #verifyWebhook}: before it reads the store's row or decrypts its credentials, and before it opens a tenant
     * transaction. Shopee and TikTok Shop sign this way. Must return the same answer on every call; called concurrently.
     */
    default boolean verifiesWithAppSecret() {
        return false;
    }

    /**
     * Checks a webhook delivery's signature with the app's own secret, in constant time, knowing nothing of the store:
     * StoreSync calls it before any tenant database work, so a forged delivery costs no decryption and no tenant
     * transaction. Called on the host's request thread, concurrently: must not block on I/O. Called only when
     * {@link #verifiesWithAppSecret()} is true.
     *
     * @throws io.storesync.api.webhook.WebhookSignatureException when the signature is missing, malformed or wrong, or the
     *     delivery is too old to trust; StoreSync then stores nothing
     * @throws UnsupportedOperationException by default: a connector that says it verifies with an app secret must
     *     override this
     */
    default VerifiedWebhook verifyAppWebhook(WebhookDelivery delivery) {
        throw new UnsupportedOperationException(platform() + " connector does not verify webhooks with an app secret");
    }

    /**
     * The platform's shop id named by an app-level delivery that {@link #verifyAppWebhook} has just verified: for
     * platforms that send every shop's events to one URL and name the shop only in the body (Shopee's
     * {@code shop_id}, TikTok Shop's {@code shop_id}). {@code StoreSync.receiveWebhook(platform, headers, body)} routes
     * the delivery to the active stores whose {@code platformStoreId} equals it, across tenants. Called only after
     * verification succeeded, on the request thread: must not do I/O; parse only what is needed. Return empty when the
     * delivery names no shop (StoreSync then refuses it as not found and stores nothing).
     *
     * @return the shop id exactly as the connector stores it in {@code platformStoreId}; empty by default
     */
    default Optional<String> webhookShopId(WebhookDelivery delivery) {
        return Optional.empty();
    }

    /**
     * Whether an app-level delivery that {@link #verifyAppWebhook} has just verified is addressed to the app itself and
     * to no shop: Shopee's code-0 push, which it sends when the push URL is set and which must be answered 2xx.
     * {@code StoreSync.receiveWebhook(platform, headers, body)} then acknowledges it (no receipt, nothing stored, no
     * store looked up) instead of refusing it as naming no shop. Called only after verification succeeded, on the
     * request thread: must not do I/O. False by default.
     */
    default boolean webhookForAppOnly(WebhookDelivery delivery) {
        return false;
    }

    /**
     * The names (case-insensitive) of the webhook request headers worth keeping with a stored delivery, for
     * {@link #parseWebhook} and for people reading the inbox later; every other header is dropped before storage.
     * Declare the platform's event id, event type and timestamp headers, never a credential. StoreSync drops
     * {@code Authorization}, {@code Cookie} and gateway key headers even when declared.
     *
     * <p>The default keeps {@code Content-Type} and the Standard Webhooks {@code webhook-id} and
     * {@code webhook-timestamp}. Called concurrently; must not block.
     */
    default Set<String> storedWebhookHeaders() {
        return Set.of("content-type", "webhook-id", "webhook-timestamp");
    }

    /**
     * Parses a verified delivery into events. Called later, on a worker thread, with the raw body and only the headers
     * named by {@link #storedWebhookHeaders()}.
     *
     * @throws io.storesync.api.ValidationException when the body is malformed; the stored event is marked failed and
     *     not retried
     */
    List<WebhookEvent> parseWebhook(StoreAccess store, WebhookDelivery delivery);

    /**
     * Exchanges the store's refresh token for new credentials.
     *
     * @throws io.storesync.spi.connector.CredentialsRejectedException when the refresh token is no longer accepted
     */
    StoreCredentials refreshCredentials(StoreAccess store);

    // ---------------------------------------------------------------------------------------------------------------
    // Added for real platforms (issue 11). Defaults keep older connectors compiling and describe a platform that
    // offers none of it.

    /**
     * How the platform treats pushed stock and how late its order index may lag. Pure: no I/O, callable from any
     * thread, never null. The default is {@link StockSemantics#marketplace(int)} with {@link ConnectorLimits#maxStockBatch()}.
     */
    default StockSemantics stockSemantics() {
        return StockSemantics.marketplace(limits().maxStockBatch());
    }

    /**
     * Whether the platform authorises stores through a seller's consent (OAuth-like): when false,
     * {@link #consentUrl} and {@link #exchangeCode} throw {@code UnsupportedOperationException} and the host connects
     * stores with credentials it collected itself (an API key pasted by the seller). Pure; callable from any thread.
     */
    default boolean supportsConsent() {
        return false;
    }

    /**
     * The URL to send the seller to so they grant StoreSync access. The platform redirects to {@code redirectUri}
     * with a code and {@code state} unchanged; the host must check {@code state} against what it issued (it is the
     * CSRF defence) before calling {@link #exchangeCode}. Pure: builds and signs the URL without I/O; callable from
     * any thread, including a host's request thread.
     *
     * @param state an unguessable value the host issued for this consent; never null or blank
     * @throws UnsupportedOperationException when {@link #supportsConsent()} is false
     */
    default java.net.URI consentUrl(String state, java.net.URI redirectUri) {
        throw new UnsupportedOperationException(platform() + " does not authorise stores by consent");
    }

    /**
     * Exchanges the code of a completed consent for credentials and the shops they open. Blocks on network I/O; may
     * be called concurrently. Codes are single-use: a replayed or expired code throws
     * {@link CredentialsRejectedException}.
     *
     * @throws UnsupportedOperationException when {@link #supportsConsent()} is false
     * @throws CredentialsRejectedException when the platform refuses the code
     * @throws ConnectorException for any other failure, saying whether retrying may help
     */
    default Authorization exchangeCode(String code, java.net.URI redirectUri) {
        throw new UnsupportedOperationException(platform() + " does not authorise stores by consent");
    }

    /**
     * Exchanges a completed consent, given the whole callback: its code and its other query parameters (Shopee names
     * the shop or main account the code is for there). As {@link #exchangeCode(String, java.net.URI)} otherwise, which
     * the default calls with the code alone: override this one when the platform needs more than the code.
     *
     * @throws UnsupportedOperationException when {@link #supportsConsent()} is false
     * @throws CredentialsRejectedException when the platform refuses the code
     * @throws ConnectorException for any other failure, saying whether retrying may help
     */
    default Authorization exchangeCode(ConsentCallback callback, java.net.URI redirectUri) {
        return exchangeCode(callback.code(), redirectUri);
    }

    /**
     * Whether {@link #refreshCredentials} returns a new refresh token each time and invalidates the old one (Shopee,
     * TikTok Shop). When true the engine serialises refreshes per store and stores the new credentials before any
     * other call uses them, because a refresh token presented twice is refused. The stores one consent created
     * ({@link #exchangeCode}) share its credentials: the engine refreshes them as one, under one lock, and stores the
     * refresh's answer for each of them (keeping each store's own {@link AuthorizedShop#credentials() entries}).
     * Pure; callable from any thread.
     */
    default boolean rotatesRefreshTokens() {
        return true;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Added for platforms that never redeliver a webhook (issue 12). The defaults describe a platform that redelivers
    // on its own, or keeps nothing for collection.

    /**
     * The oldest page of webhooks the platform failed to deliver and keeps for collection (Shopee's
     * {@code push/get_lost_push_message}, which holds them three days and never redelivers them). The engine's
     * missed-webhook sweep calls this on a schedule ({@code WorkerOptions.missedWebhookSweepInterval}) or on demand
     * ({@code StoreSync.sweepMissedWebhooks()}), routes each entry by its shop id as it routes an app-level delivery,
     * stores it as a delivery (deduplicated on its event id, so a webhook that also arrived live is stored once), and
     * then, only once every entry of the page is stored, calls {@link #confirmMissedWebhooks} with
     * {@link MissedWebhooks#confirmation()}. A page left unconfirmed (the database failed, the engine stopped) must
     * come back on the next call.
     *
     * <p><b>No signature.</b> These entries are not a request anyone on the internet could send: they are the answer
     * to a call the connector made itself, to the platform's own host over TLS, authenticated with the app's keys. The
     * platform vouches for them as it vouches for an order it returns, so they are not checked against
     * {@link #verifyAppWebhook} (the platform signs no such entry) and the connector builds their
     * {@link VerifiedWebhook} itself, with the event id and type the live delivery would have had.
     *
     * <p>Blocks on network I/O; called from one sweep thread at a time per engine, but engines on several JVMs may
     * call it at once, so two callers may be handed the same page (the engine's deduplication makes that harmless).
     * Throws as any platform call does ({@link RateLimitedException}, {@link ConnectorException}); the engine logs it
     * and tries again at the next interval. An entry that cannot be re-rendered goes in
     * {@link MissedWebhooks#unreadable()} rather than failing the page.
     *
     * @return {@link MissedWebhooks#NONE} by default, without I/O
     */
    default MissedWebhooks missedWebhooks() {
        return MissedWebhooks.NONE;
    }

    /**
     * Marks the entries of a page {@link #missedWebhooks()} returned as collected, so the platform hands out the next
     * page (Shopee's {@code push/confirm_consumed_lost_push_message}). Called only after every entry of the page was
     * stored. Must be harmless when called twice for the same page, or after a later page was confirmed (two engines
     * may sweep at once). Blocks on network I/O; throws as {@link #missedWebhooks()} does.
     *
     * @param confirmation {@link MissedWebhooks#confirmation()} of the page, never null
     */
    default void confirmMissedWebhooks(String confirmation) {
        // nothing was handed out, so nothing to confirm
    }
}
