/** Order ingestion and the orders service. */
@NullMarked
package io.storesync.internal.core.order;

import org.jspecify.annotations.NullMarked;
