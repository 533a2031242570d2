package io.storesync.api.webhook;

import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;

/** A webhook delivery failed signature verification; nothing was stored. */
public class WebhookSignatureException extends StoreSyncException {
    private static final long serialVersionUID = 1L;

    public WebhookSignatureException(String message) {
        super(ErrorCode.WEBHOOK_SIGNATURE, message);
    }

    public WebhookSignatureException(String message, Throwable cause) {
        super(ErrorCode.WEBHOOK_SIGNATURE, message, cause);
    }
}
