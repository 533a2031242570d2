package io.storesync.api;

/** The acting user's role does not permit the operation; nothing was changed. */
public class AccessDeniedException extends StoreSyncException {
    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(ErrorCode.ACCESS_DENIED, message);
    }

    public AccessDeniedException(String message, Throwable cause) {
        super(ErrorCode.ACCESS_DENIED, message, cause);
    }
}
