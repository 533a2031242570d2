package io.storesync.api.inventory;

import io.storesync.internal.api.Check;
import java.util.Objects;

/** Units of an operation taken from (or put into) one location. */
public record Allocation(LocationId locationId, int quantity) {
    public Allocation {
        Objects.requireNonNull(locationId, "locationId");
        Check.positive(quantity, "quantity");
    }
}
