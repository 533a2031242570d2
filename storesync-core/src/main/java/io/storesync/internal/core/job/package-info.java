/** The job runner: worker pool, handlers and the tenant-facing jobs service. */
@NullMarked
package io.storesync.internal.core.job;

import org.jspecify.annotations.NullMarked;
