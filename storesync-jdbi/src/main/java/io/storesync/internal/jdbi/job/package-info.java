/** The job queue, job records and sync state in PostgreSQL. */
@NullMarked
package io.storesync.internal.jdbi.job;

import org.jspecify.annotations.NullMarked;
