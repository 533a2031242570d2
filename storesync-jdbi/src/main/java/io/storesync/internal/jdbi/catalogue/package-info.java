/** Products, variants and listings in PostgreSQL. */
@NullMarked
package io.storesync.internal.jdbi.catalogue;

import org.jspecify.annotations.NullMarked;
