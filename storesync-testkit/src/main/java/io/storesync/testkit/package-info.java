/**
 * What a host application or connector author needs to test against StoreSync: a migrated PostgreSQL (embedded,
 * external or Testcontainers), connected as a role that row-level security really applies to.
 */
@NullMarked
package io.storesync.testkit;

import org.jspecify.annotations.NullMarked;
