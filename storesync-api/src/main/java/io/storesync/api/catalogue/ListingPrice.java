package io.storesync.api.catalogue;

import io.storesync.internal.api.Check;
import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A listing's prices, in the store's currency (listings carry no currency column); normalised to two decimal places,
 * and more places are refused, never rounded.
 *
 * @param price the selling price, 0 to 9,999,999,999.99
 * @param compareAtPrice the struck-through "was" price, if any, in the same range
 */
public record ListingPrice(BigDecimal price, @Nullable BigDecimal compareAtPrice) {
    public ListingPrice {
        price = Objects.requireNonNull(Check.decimal(Check.present(price, "price"), "price", 12, 2));
        compareAtPrice = Check.decimal(compareAtPrice, "compareAtPrice", 12, 2);
    }

    /** A price with no compare-at price. */
    public static ListingPrice of(BigDecimal price) {
        return new ListingPrice(price, null);
    }
}
