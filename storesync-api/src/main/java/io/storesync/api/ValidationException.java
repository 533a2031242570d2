package io.storesync.api;

/** The input was invalid; nothing was changed. */
public class ValidationException extends StoreSyncException {
    private static final long serialVersionUID = 1L;

    public ValidationException(String message) {
        super(ErrorCode.VALIDATION, message);
    }

    public ValidationException(String message, Throwable cause) {
        super(ErrorCode.VALIDATION, message, cause);
    }
}
