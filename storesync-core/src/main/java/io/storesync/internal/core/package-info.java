/** The engine's implementation. Internal: no compatibility promise. */
@NullMarked
package io.storesync.internal.core;

import org.jspecify.annotations.NullMarked;
