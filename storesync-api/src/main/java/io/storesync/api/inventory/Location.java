package io.storesync.api.inventory;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A place stock is kept: a warehouse, a shop's back room, a fulfilment partner. */
public record Location(LocationId id, String name, @Nullable Map<String, Object> address, boolean isDefault,
        boolean active, Instant createdAt) {
    public Location {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        address = address == null ? null : Map.copyOf(address);
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
