/** Orders and their lines in PostgreSQL. */
@NullMarked
package io.storesync.internal.jdbi.order;

import org.jspecify.annotations.NullMarked;
