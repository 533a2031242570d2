/**
 * Marketplace simulators for tests, shipped as a product: an in-process HTTP server holding shops' state (listings,
 * stock, orders), fault injection at a chosen rate, a request log, and signature checks written independently of any
 * connector's signing code. {@link io.storesync.testkit.simulator.MarketplaceSimulator} is the base;
 * {@link io.storesync.testkit.simulator.WebsiteSimulator} speaks the custom-website contract.
 *
 * <p>Stability: experimental.
 */
@NullMarked
package io.storesync.testkit.simulator;

import org.jspecify.annotations.NullMarked;
