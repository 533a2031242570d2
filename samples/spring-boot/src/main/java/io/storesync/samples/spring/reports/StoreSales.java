package io.storesync.samples.spring.reports;

import java.math.BigDecimal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One store's orders and their total in one currency, with the region the host files the store under (if any). */
public record StoreSales(UUID storeId, String store, @Nullable String region, String currency, long orders,
                         BigDecimal total) {}
