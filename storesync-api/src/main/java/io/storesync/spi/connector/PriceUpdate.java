package io.storesync.spi.connector;

import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The price a listing should show, in the store's currency. */
public record PriceUpdate(String platformProductId, @Nullable String platformVariantId, BigDecimal price) {
    public PriceUpdate {
        Objects.requireNonNull(platformProductId, "platformProductId");
        Objects.requireNonNull(price, "price");
        if (price.signum() < 0) throw new IllegalArgumentException("price must not be negative");
    }
}
