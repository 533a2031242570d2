/** PostgreSQL persistence for StoreSync: the migration entry point. */
@NullMarked
package io.storesync.jdbi;

import org.jspecify.annotations.NullMarked;
