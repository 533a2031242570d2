/**
 * The Shopee Open Platform v2 connector: request signing, OAuth, products, stock, orders and push verification.
 * A skeleton until its own issue lands; adding this artifact to the classpath will be all it takes to enable Shopee.
 */
@NullMarked
package io.storesync.shopee;

import org.jspecify.annotations.NullMarked;
