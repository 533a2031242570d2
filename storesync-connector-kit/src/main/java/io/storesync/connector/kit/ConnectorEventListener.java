package io.storesync.connector.kit;

import io.storesync.spi.connector.ConnectorException;
import io.storesync.spi.connector.ConnectorSettings;
import java.time.Duration;

/**
 * Observes every call a {@link ConnectorHttp} makes — the hook a metrics or tracing module plugs into (modelled on
 * OkHttp's {@code EventListener}). For one call: {@link #callStart}, then {@link #responseReceived} when an HTTP
 * response arrived, then exactly one of {@link #callEnd} or {@link #callFailed}.
 *
 * <p>Methods run on the calling thread, must be fast and must not block; they may be called concurrently for different
 * calls. An exception thrown by a listener is logged and ignored: it never fails the call. All methods default to
 * doing nothing.
 */
public interface ConnectorEventListener {

    /** A listener that ignores every event. */
    ConnectorEventListener NONE = new ConnectorEventListener() { };

    /**
     * The listener the engine handed a connector in its settings (the builder's {@code connectorTag}), else
     * {@link #NONE}: how a connector built on this kit lets the host's metrics and tracing see its calls.
     */
    static ConnectorEventListener from(ConnectorSettings settings) {
        return settings.tag(ConnectorEventListener.class).orElse(NONE);
    }

    /** The request is about to be sent. */
    default void callStart(ConnectorCall call) { }

    /** An HTTP response (any status) was read in full after {@code elapsed}. */
    default void responseReceived(ConnectorCall call, int status, Duration elapsed) { }

    /** The call succeeded. */
    default void callEnd(ConnectorCall call, int status, Duration elapsed) { }

    /**
     * The call failed: transport error or timeout (HTTP status 0), platform error, malformed body. The exception carries
     * the HTTP status, the platform's error code and request id, whether it is retryable and the retry-after.
     */
    default void callFailed(ConnectorCall call, Duration elapsed, ConnectorException failure) { }
}
