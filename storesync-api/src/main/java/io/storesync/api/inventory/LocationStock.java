package io.storesync.api.inventory;

import java.util.Objects;

/** What an {@link AllocationStrategy} sees of one active location: whether it is the default, and what is available. */
public record LocationStock(LocationId locationId, boolean isDefault, int available) {
    public LocationStock {
        Objects.requireNonNull(locationId, "locationId");
    }
}
