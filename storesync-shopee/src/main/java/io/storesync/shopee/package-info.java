/**
 * The Shopee Open Platform v2 connector, found by {@code ServiceLoader} as platform {@code shopee}: request signing
 * ({@link io.storesync.shopee.ShopeeSigner}), consent, catalogue, stock and price pushes, orders, push verification and
 * lost pushes, which the engine's missed-webhook sweep collects ({@code docs/shopee.md}).
 *
 * <p>Stability: experimental; the public types are {@link io.storesync.shopee.ShopeeConnectorProvider},
 * {@link io.storesync.shopee.ShopeeConnector}, {@link io.storesync.shopee.ShopeeSigner},
 * {@link io.storesync.shopee.ShopeeRegion} and, deprecated, {@link io.storesync.shopee.ShopeePushSweep}.
 */
@NullMarked
package io.storesync.shopee;

import org.jspecify.annotations.NullMarked;
