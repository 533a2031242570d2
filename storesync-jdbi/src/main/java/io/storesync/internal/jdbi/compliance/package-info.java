/** Retention settings, bounded purges and the audit trail in PostgreSQL. */
@NullMarked
package io.storesync.internal.jdbi.compliance;

import org.jspecify.annotations.NullMarked;
