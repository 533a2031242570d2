/**
 * The TikTok Shop Open API (202309) connector. A skeleton until its own issue lands; adding this artifact to the
 * classpath will be all it takes to enable TikTok Shop.
 */
@NullMarked
package io.storesync.tiktok;

import org.jspecify.annotations.NullMarked;
