package io.storesync.spi;

import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One line of a platform order, as the connector normalised it. */
public record ConnectorOrderLine(@Nullable String platformProductId, @Nullable String platformVariantId,
        @Nullable String sku, String name, int quantity, BigDecimal price) {
    public ConnectorOrderLine {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(price, "price");
        if (quantity < 0) throw new IllegalArgumentException("quantity must not be negative");
    }
}
