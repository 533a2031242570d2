/** The entry point: {@link io.storesync.StoreSync} and its builder. */
@NullMarked
package io.storesync;

import org.jspecify.annotations.NullMarked;
