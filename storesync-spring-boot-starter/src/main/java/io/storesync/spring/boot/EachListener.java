package io.storesync.spring.boot;

import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls every listener bean in order for one event. A listener is the host's code run on StoreSync's threads: its
 * exception is logged by class name only (its message may carry what the host put there) and never reaches the next
 * listener or StoreSync.
 */
final class EachListener {
    private static final Logger LOG = LoggerFactory.getLogger(EachListener.class);

    private EachListener() {}

    static <L> void call(List<L> listeners, String event, Consumer<L> call) {
        for (L l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("listener {} failed in {}: {}", l.getClass().getName(), event, e.getClass().getName());
            }
        }
    }
}
