/**
 * The entities of StoreSync's read model, one per table; read-only (see {@link io.storesync.jpa.ReadModelEntity}).
 * Nullable columns have {@code @Nullable} getters.
 */
@NullMarked
package io.storesync.jpa.model;

import org.jspecify.annotations.NullMarked;
