package io.storesync.api.webhook;

import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;

/**
 * A webhook delivery's body was larger than the configured maximum. It was refused before routing, verification or
 * any database work, and at most one byte beyond the maximum was read; nothing was stored. Hosts answer HTTP 413.
 */
public class WebhookPayloadTooLargeException extends StoreSyncException {
    private static final long serialVersionUID = 1L;
    private final int maxBytes;

    public WebhookPayloadTooLargeException(int maxBytes) {
        super(ErrorCode.PAYLOAD_TOO_LARGE, "webhook body is larger than the maximum of " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    /** The maximum body size in force, in bytes. */
    public int maxBytes() {
        return maxBytes;
    }
}
