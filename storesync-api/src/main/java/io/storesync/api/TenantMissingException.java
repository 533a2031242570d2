package io.storesync.api;

/** Tenant-scoped work was attempted without an organization. */
public class TenantMissingException extends StoreSyncException {
    private static final long serialVersionUID = 1L;

    public TenantMissingException(String message) {
        super(ErrorCode.TENANT_MISSING, message);
    }

    public TenantMissingException(String message, Throwable cause) {
        super(ErrorCode.TENANT_MISSING, message, cause);
    }
}
