package io.storesync.api;

/** The change collides with existing data, such as a duplicate SKU or slug; nothing was changed. */
public class ConflictException extends StoreSyncException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(ErrorCode.CONFLICT, message);
    }

    public ConflictException(String message, Throwable cause) {
        super(ErrorCode.CONFLICT, message, cause);
    }
}
