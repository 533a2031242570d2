package io.storesync.spi.connector;

import io.storesync.api.ErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * A marketplace rejected the store's credentials (expired or revoked token, deauthorised shop). Never retryable: the
 * store is flagged for re-authorisation and stops being scheduled until new credentials are given.
 */
public class CredentialsRejectedException extends ConnectorException {
    private static final long serialVersionUID = 1L;

    public CredentialsRejectedException(String platform, @Nullable String platformCode, String message,
            @Nullable String requestId, int httpStatus) {
        super(ErrorCode.CREDENTIALS_REJECTED, platform, platformCode, message, requestId, httpStatus, false, null, null);
    }
}
