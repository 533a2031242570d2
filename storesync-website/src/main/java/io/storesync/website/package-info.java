/**
 * The custom-website connector: a seller's own shop that implements the StoreSync HTTP contract
 * ({@code docs/custom-website.md}, {@code docs/custom-website.openapi.yaml}), found by {@code ServiceLoader} as platform
 * {@code custom_website}.
 *
 * <p>Stability: experimental; the public types are {@link io.storesync.website.WebsiteConnectorProvider} and the
 * credential key names on {@link io.storesync.website.WebsiteConnector}.
 */
@NullMarked
package io.storesync.website;

import org.jspecify.annotations.NullMarked;
