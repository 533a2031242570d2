/**
 * A Shopee Open Platform v2 simulator for hosts' and connectors' tests: {@link
 * io.storesync.testkit.simulator.shopee.ShopeeSimulator}. Stability: experimental.
 */
@NullMarked
package io.storesync.testkit.simulator.shopee;

import org.jspecify.annotations.NullMarked;
