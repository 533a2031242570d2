package io.storesync.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Root of every exception StoreSync throws. Unchecked; {@link #code()} tells what kind of failure it is.
 *
 * <p>Messages never contain secrets (tokens, keys, passwords), so they are safe to log.
 */
public class StoreSyncException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public StoreSyncException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public StoreSyncException(ErrorCode code, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The machine-readable kind of this failure. */
    public ErrorCode code() {
        return code;
    }
}
