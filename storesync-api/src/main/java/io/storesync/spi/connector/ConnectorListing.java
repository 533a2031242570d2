package io.storesync.spi.connector;

import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One listing as the platform reports it.
 *
 * @param platformVariantId null for a product without variants
 * @param sku the seller's SKU on the platform, used to match the listing to a variant
 * @param price the listing's price, if the platform reported it
 * @param stock the quantity the platform shows, if it reported it (the drift check compares it)
 */
public record ConnectorListing(String platformProductId, @Nullable String platformVariantId, @Nullable String sku,
        @Nullable BigDecimal price, @Nullable Integer stock, boolean active) {
    public ConnectorListing {
        Objects.requireNonNull(platformProductId, "platformProductId");
    }
}
