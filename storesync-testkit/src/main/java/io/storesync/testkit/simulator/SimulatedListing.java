package io.storesync.testkit.simulator;

import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One listing of a simulated shop: product, optional variant, SKU, price, the stock the shop shows, active or not. */
public record SimulatedListing(String productId, @Nullable String variantId, @Nullable String sku, BigDecimal price,
        int stock, boolean active) {
    public SimulatedListing {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(price, "price");
    }

    /** An active listing without variants. */
    public static SimulatedListing of(String productId, String sku, String price, int stock) {
        return new SimulatedListing(productId, null, sku, new BigDecimal(price), stock, true);
    }

    /** The key a shop files it under: product and variant. */
    public String key() {
        return key(productId, variantId);
    }

    static String key(String productId, @Nullable String variantId) {
        return productId + "/" + (variantId == null ? "" : variantId);
    }

    SimulatedListing withStock(int value) {
        return new SimulatedListing(productId, variantId, sku, price, value, active);
    }

    SimulatedListing withPrice(BigDecimal value) {
        return new SimulatedListing(productId, variantId, sku, value, stock, active);
    }
}
