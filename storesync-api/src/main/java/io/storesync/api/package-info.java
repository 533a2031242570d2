/**
 * StoreSync's public API: typed ids, immutable values, service interfaces and the exception hierarchy.
 *
 * <p>Stability: experimental until 1.0; changes are listed in the release notes.
 */
@NullMarked
package io.storesync.api;

import org.jspecify.annotations.NullMarked;
