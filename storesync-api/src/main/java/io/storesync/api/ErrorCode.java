package io.storesync.api;

/**
 * Machine-readable reason carried by every {@link StoreSyncException}; stable across releases so hosts may switch on it.
 */
public enum ErrorCode {
    /** The input was rejected before anything was changed. */
    VALIDATION,
    /** The thing named does not exist in the current tenant. */
    NOT_FOUND,
    /** The change collides with existing data (duplicate SKU, slug, email...). */
    CONFLICT,
    /** A reservation or shipment asked for more stock than is available. */
    INSUFFICIENT_STOCK,
    /** The acting user's role does not allow the operation. */
    ACCESS_DENIED,
    /** Tenant-scoped work was attempted without a tenant. */
    TENANT_MISSING,
    /** A webhook's signature did not verify; nothing was stored. */
    WEBHOOK_SIGNATURE,
    /** A marketplace refused or failed a call. */
    CONNECTOR,
    /** A marketplace is throttling calls. */
    RATE_LIMITED,
    /** A marketplace rejected the store's credentials; the store needs re-authorisation. */
    CREDENTIALS_REJECTED,
    /** StoreSync or its configuration is wrong; not caused by the caller's input. */
    CONFIGURATION,
    /** The database or another dependency failed in a way the caller cannot fix. */
    INTERNAL,
    /**
     * A webhook's body was larger than the configured maximum; it was not read further and nothing was stored.
     * (Last, so that the earlier constants keep their ordinals.)
     */
    PAYLOAD_TOO_LARGE
}
