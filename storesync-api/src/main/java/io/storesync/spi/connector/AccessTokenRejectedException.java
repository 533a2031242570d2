package io.storesync.spi.connector;

import org.jspecify.annotations.Nullable;

/**
 * The platform refused the store's <em>access token</em> on a call (Shopee's {@code error_auth} or
 * {@code invalid_access_token}, TikTok Shop's {@code 105002}): the token expired early or was replaced, while the refresh token may still work. The
 * engine refreshes the store's credentials once, under the store's credential lock and stored before use, and makes the
 * call again with the new token; when the call is refused again (or the refresh is), it is treated as any
 * {@link CredentialsRejectedException}: the store is flagged for re-authorisation.
 *
 * <p>Throw it only from calls made with the store's credentials, never from {@link Connector#refreshCredentials} or
 * {@link Connector#exchangeCode}, where no refresh can help.
 */
public class AccessTokenRejectedException extends CredentialsRejectedException {
    private static final long serialVersionUID = 1L;

    public AccessTokenRejectedException(String platform, @Nullable String platformCode, String message,
            @Nullable String requestId, int httpStatus) {
        super(platform, platformCode, message, requestId, httpStatus);
    }
}
