/**
 * StoreSync's compatibility kit: abstract test classes that state, through the public API, what every persistence
 * implementation must do; an implementation extends each one and supplies a {@code StoreSync} builder.
 */
@NullMarked
package io.storesync.testkit.tck;

import org.jspecify.annotations.NullMarked;
