/** Stock, the ledger, locations and idempotency keys in PostgreSQL. */
@NullMarked
package io.storesync.internal.jdbi.inventory;

import org.jspecify.annotations.NullMarked;
