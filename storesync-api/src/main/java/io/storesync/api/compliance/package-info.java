/** Retention of each data class, purges, and the archive of what a purge removes. Stable from 0.x. */
@NullMarked
package io.storesync.api.compliance;

import org.jspecify.annotations.NullMarked;
