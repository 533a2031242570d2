package io.storesync.api.order;

import io.storesync.api.store.StoreId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Sales of one day in one store, per currency; with a SKU, of that SKU only (lines without a variant count under
 * their platform SKU). Cancelled orders do not count.
 */
public record DailySales(LocalDate day, StoreId storeId, @Nullable String sku, String currency, long orders, long units,
        BigDecimal revenue) {
    public DailySales {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(revenue, "revenue");
    }
}
