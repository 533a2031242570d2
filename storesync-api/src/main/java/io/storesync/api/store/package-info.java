/** Stores: connected marketplace shops, their credentials, settings and platforms. */
@NullMarked
package io.storesync.api.store;

import org.jspecify.annotations.NullMarked;
