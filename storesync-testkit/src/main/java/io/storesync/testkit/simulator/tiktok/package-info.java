/**
 * A TikTok Shop Open API simulator for tests ({@link io.storesync.testkit.simulator.tiktok.TikTokShopSimulator}): the
 * 202309 endpoints in TikTok's envelope, with TikTok's signature, timestamp, token and shop-cipher checks written
 * independently of any connector.
 *
 * <p>Stability: experimental.
 */
@NullMarked
package io.storesync.testkit.simulator.tiktok;

import org.jspecify.annotations.NullMarked;
