package io.storesync.api.store;

import io.storesync.api.ConflictException;
import io.storesync.api.NotFoundException;
import io.storesync.api.StoreSyncException;
import io.storesync.api.ValidationException;
import java.util.List;
import java.util.Optional;

/**
 * The organization's connected stores. Everyone may read; only owners and admins connect, change, flag or deactivate
 * stores. Credentials are encrypted (AES-GCM, keys from {@code StoreSync.Builder.credentialKeys}) before they reach
 * the database and are never returned.
 */
public interface Stores {

    /**
     * Connects a store, schedules its first catalogue import and order poll.
     *
     * @throws ValidationException when no connector is registered for the platform
     * @throws NotFoundException when the platform is unknown
     * @throws ConflictException when this shop is already connected to the organization
     * @throws StoreSyncException with {@code CONFIGURATION} when no credential keys are configured
     */
    Store connect(NewStore store);

    /** Every store, active or not, ordered by name. */
    List<Store> list();

    /** One store, if it belongs to this organization. */
    Optional<Store> find(StoreId id);

    /** Replaces a store's settings. */
    Store updateSettings(StoreId id, StoreSettings settings);

    /**
     * Replaces a store's credentials (after re-authorisation) and, if it was flagged, makes it active again and
     * checks its stock against the platform.
     */
    Store updateCredentials(StoreId id, StoreCredentials credentials);

    /** Flags a store for re-authorisation: nothing is scheduled for it until {@link #updateCredentials}. */
    Store flagForReauthorization(StoreId id, String reason);

    /** Deactivates a store: nothing is scheduled for it and its webhook endpoints are turned off. */
    Store deactivate(StoreId id);

    /**
     * Re-encrypts the stored credentials of every store of the organization that are not under the current
     * credential key ({@code CredentialKeys.currentKeyId()}), after the host rotated keys: configure the new key as
     * current and the old one beside it, call this for each organization, then the old key may be removed. Stores
     * whose credentials the configured keys cannot open are left as they are and counted in
     * {@link CredentialRotation#unreadable()}. Idempotent; a store whose credentials change meanwhile (a refresh) is
     * skipped, being under the current key already. Owners and admins only.
     *
     * @throws io.storesync.api.AccessDeniedException when the actor is neither owner nor admin
     */
    default CredentialRotation reencryptCredentials() {
        throw new UnsupportedOperationException("reencryptCredentials");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Connecting by the seller's consent (platforms whose connector supports it: Shopee, TikTok Shop).

    /**
     * Starts connecting stores by consent: builds the platform's consent URL with a fresh random {@code state}. The
     * host keeps the state with the seller's session and redirects the seller to the URL; the platform redirects back
     * to {@code redirectUri} with a code and the state. Owners and admins only. No platform call is made.
     *
     * @throws ValidationException when no connector is registered for the platform or it does not authorise by consent
     * @throws io.storesync.api.AccessDeniedException when the actor is neither owner nor admin
     */
    default AuthorizationStart startAuthorization(String platform, java.net.URI redirectUri) {
        throw new UnsupportedOperationException("startAuthorization");
    }

    /**
     * Completes a consent: checks the returned state against the one issued (constant time), exchanges the code for
     * credentials through the connector (a platform call), then in one transaction creates a store for every shop
     * granted that is not connected to this organization yet (queuing its catalogue import) and re-authorises those
     * that are (new credentials, active again). Owners and admins only.
     *
     * @throws ValidationException when the states differ (nothing is exchanged) or the connector cannot authorise
     * @throws io.storesync.spi.connector.CredentialsRejectedException when the platform refuses the code
     * @throws io.storesync.api.AccessDeniedException when the actor is neither owner nor admin
     */
    default AuthorizationResult completeAuthorization(String platform, String issuedState, String returnedState,
            String code, java.net.URI redirectUri) {
        throw new UnsupportedOperationException("completeAuthorization");
    }

    /**
     * Completes a consent from the whole callback: {@code callbackQuery} is the redirect's query parameters as the
     * platform sent them (decoded; {@code state}, {@code code} and whatever else, e.g. Shopee's {@code shop_id} or
     * {@code main_account_id}). The returned state is its {@code state}; everything but the state reaches the
     * connector with the code. Otherwise as {@link #completeAuthorization(String, String, String, String, java.net.URI)}.
     *
     * @throws ValidationException when the states differ or there is no {@code code} (nothing is exchanged; a
     *     platform's {@code error} parameter, a refused consent, is named), or the connector cannot authorise
     * @throws io.storesync.spi.connector.CredentialsRejectedException when the platform refuses the code
     * @throws io.storesync.api.AccessDeniedException when the actor is neither owner nor admin
     */
    default AuthorizationResult completeAuthorization(String platform, String issuedState,
            java.util.Map<String, String> callbackQuery, java.net.URI redirectUri) {
        throw new UnsupportedOperationException("completeAuthorization");
    }

    /**
     * When the store's authorisation (the seller's consent) lapses, as the platform reported it when the store was
     * last authorised by {@link #completeAuthorization}; empty when the platform reported none (it does not lapse, or
     * the store was connected with credentials given directly). Everyone may read.
     *
     * @throws io.storesync.api.NotFoundException when the store is not in this organization
     */
    default java.util.Optional<java.time.Instant> authorizationExpiry(StoreId id) {
        throw new UnsupportedOperationException("authorizationExpiry");
    }

    /**
     * The active stores whose authorisation lapses within {@code within} from now, or has lapsed already, soonest
     * first (at most 1,000): the stores whose seller a host should ask to give consent again. Everyone may read.
     *
     * @throws ValidationException when {@code within} is negative or longer than ten years
     */
    default List<AuthorizationExpiry> authorizationsExpiringWithin(java.time.Duration within) {
        throw new UnsupportedOperationException("authorizationsExpiringWithin");
    }
}
