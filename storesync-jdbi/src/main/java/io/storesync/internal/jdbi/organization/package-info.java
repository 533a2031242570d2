/** Organizations and members in PostgreSQL. */
@NullMarked
package io.storesync.internal.jdbi.organization;

import org.jspecify.annotations.NullMarked;
