/** Sync jobs and workers: the durable queue that imports, polls, pushes and processes webhooks. */
@NullMarked
package io.storesync.api.job;

import org.jspecify.annotations.NullMarked;
