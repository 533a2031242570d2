package io.storesync.spring.boot;

import io.storesync.connector.kit.ConnectorCall;
import io.storesync.connector.kit.ConnectorEventListener;
import io.storesync.spi.connector.ConnectorException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every {@link ConnectorEventListener} bean of the context (meters, spans), in order; one listener's exception never
 * reaches the next. Handed to the connectors by the {@code StoreSync} bean.
 */
final class CompositeConnectorEventListener implements ConnectorEventListener {
    private final List<ConnectorEventListener> listeners;

    CompositeConnectorEventListener(List<ConnectorEventListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    static ConnectorEventListener of(List<ConnectorEventListener> listeners) {
        return listeners.size() == 1 ? listeners.get(0) : new CompositeConnectorEventListener(listeners);
    }

    private void each(String event, Consumer<ConnectorEventListener> call) {
        EachListener.call(listeners, event, call);
    }

    @Override
    public void callStart(ConnectorCall call) {
        each("callStart", l -> l.callStart(call));
    }

    @Override
    public void responseReceived(ConnectorCall call, int status, Duration elapsed) {
        each("responseReceived", l -> l.responseReceived(call, status, elapsed));
    }

    @Override
    public void callEnd(ConnectorCall call, int status, Duration elapsed) {
        each("callEnd", l -> l.callEnd(call, status, elapsed));
    }

    @Override
    public void callFailed(ConnectorCall call, Duration elapsed, ConnectorException failure) {
        each("callFailed", l -> l.callFailed(call, elapsed, failure));
    }
}
