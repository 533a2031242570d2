package io.storesync.internal.core.job;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Repeated failures of a background loop (the database is down) log once a minute, not once a poll. */
final class ThrottledLog {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    private final Map<String, Long> last = new ConcurrentHashMap<>();

    void warn(String what, Throwable e) {
        long now = System.nanoTime();
        Long previous = last.get(what);
        if (previous == null || now - previous > TimeUnit.MINUTES.toNanos(1)) {
            last.put(what, now);
            LOG.warn("{} (repeats are logged at debug for a minute)", what, e);
        } else {
            LOG.debug("{}", what, e);
        }
    }
}
