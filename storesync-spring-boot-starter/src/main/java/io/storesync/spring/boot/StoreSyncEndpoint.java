package io.storesync.spring.boot;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * A read-only actuator endpoint, {@code /actuator/storesync}: queue depth by job type and status, the oldest due job's
 * age, and active stores by sync status, across every tenant as counts only (no tenant, store or job ids). Exposed only
 * when the host exposes it ({@code management.endpoints.web.exposure.include=storesync}).
 */
@Endpoint(id = "storesync")
public class StoreSyncEndpoint {
    private final StoreSyncOperations operations;

    public StoreSyncEndpoint(StoreSyncOperations operations) {
        this.operations = operations;
    }

    @ReadOperation
    public Map<String, Object> overview() throws SQLException {
        StoreSyncOperations.Overview o = operations.read();
        Map<String, Map<String, Long>> queue = new TreeMap<>();
        o.jobs().forEach((typeAndStatus, n) -> {
            int colon = typeAndStatus.lastIndexOf(':');
            queue.computeIfAbsent(typeAndStatus.substring(0, colon), k -> new TreeMap<>())
                    .put(typeAndStatus.substring(colon + 1), n);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("queue", queue);
        out.put("oldestDueJobAgeSeconds", o.oldestDueSeconds());
        out.put("stores", new TreeMap<>(o.stores()));
        return out;
    }
}
