/** Stores and their credential envelopes in PostgreSQL. */
@NullMarked
package io.storesync.internal.jdbi.store;

import org.jspecify.annotations.NullMarked;
