/** Stock operations, locations and the allocation strategy. */
@NullMarked
package io.storesync.internal.core.inventory;

import org.jspecify.annotations.NullMarked;
