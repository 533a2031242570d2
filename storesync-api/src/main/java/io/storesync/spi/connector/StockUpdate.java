package io.storesync.spi.connector;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The quantity a listing should show. Absolute, never a delta, so pushing it twice is harmless. */
public record StockUpdate(String platformProductId, @Nullable String platformVariantId, int quantity) {
    public StockUpdate {
        Objects.requireNonNull(platformProductId, "platformProductId");
        if (quantity < 0) throw new IllegalArgumentException("quantity must not be negative");
    }
}
