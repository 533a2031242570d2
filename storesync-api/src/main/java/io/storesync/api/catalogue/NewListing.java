package io.storesync.api.catalogue;

import io.storesync.api.store.StoreId;
import io.storesync.internal.api.Check;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A variant as offered on one store: which platform product (and platform variant) it is, and its price there.
 *
 * <p>Prices are amounts in the store's currency (the schema keeps no currency on listings), normalised to two decimal
 * places; more places are refused, never rounded.
 *
 * @param variant the catalogue variant being sold
 * @param store the store it is sold on
 * @param platformProductId the platform's product (item) id, 1 to 255 characters
 * @param platformVariantId the platform's variant (model, SKU) id; null for a platform product without variants
 * @param platformSku the SKU shown on the platform, at most 255 characters
 * @param price the selling price, 0 to 9,999,999,999.99
 * @param compareAtPrice the struck-through "was" price, if any
 */
public record NewListing(VariantId variant, StoreId store, String platformProductId, @Nullable String platformVariantId,
        @Nullable String platformSku, BigDecimal price, @Nullable BigDecimal compareAtPrice) {
    public NewListing {
        Check.present(variant, "variant");
        Check.present(store, "store");
        platformProductId = Check.code(platformProductId, "platformProductId", 255);
        platformVariantId = platformVariantId == null ? null : Check.code(platformVariantId, "platformVariantId", 255);
        platformSku = Check.storableText(platformSku, "platformSku", 255);
        ListingPrice prices = new ListingPrice(price, compareAtPrice);
        price = prices.price();
        compareAtPrice = prices.compareAtPrice();
    }
}
