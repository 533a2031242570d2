/**
 * The TikTok Shop Open API connector (202309+ versioned endpoints): request signing, consent with shop ciphers,
 * catalogue, per-warehouse stock, prices, orders and webhooks. Adding this artifact to the classpath enables the
 * {@code tiktok_shop} platform; see {@code docs/tiktok-shop.md}.
 */
@NullMarked
package io.storesync.tiktok;

import org.jspecify.annotations.NullMarked;
