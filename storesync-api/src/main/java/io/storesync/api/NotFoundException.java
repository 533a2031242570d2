package io.storesync.api;

/** The thing named does not exist, or is not visible to the current tenant. */
public class NotFoundException extends StoreSyncException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(ErrorCode.NOT_FOUND, message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(ErrorCode.NOT_FOUND, message, cause);
    }
}
