/** Retention rules and purges, the order archive, and the audit trail's recording. */
@NullMarked
package io.storesync.internal.core.compliance;

import org.jspecify.annotations.NullMarked;
