/** The audit trail: one append-only row per change made through the API, queryable per entity and per actor. */
@NullMarked
package io.storesync.api.audit;

import org.jspecify.annotations.NullMarked;
