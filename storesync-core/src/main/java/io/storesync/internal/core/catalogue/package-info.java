/** Catalogue and listings services. */
@NullMarked
package io.storesync.internal.core.catalogue;

import org.jspecify.annotations.NullMarked;
