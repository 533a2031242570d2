package io.storesync.samples.spring.reports;

import java.util.UUID;

/** A variant at a location whose available stock (on hand less reserved) is at or below its positive reorder point. */
public record LowStock(UUID variantId, String sku, String productName, String variantName, String location,
                       int onHand, int reserved, int available, int reorderPoint, int reorderQuantity) {
    /** JPQL's constructor expression: available is computed here, from the two columns. */
    public LowStock(UUID variantId, String sku, String productName, String variantName, String location, int onHand,
                    int reserved, int reorderPoint, int reorderQuantity) {
        this(variantId, sku, productName, variantName, location, onHand, reserved, onHand - reserved, reorderPoint,
                reorderQuantity);
    }
}
