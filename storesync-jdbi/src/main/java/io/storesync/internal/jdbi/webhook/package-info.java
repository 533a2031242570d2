/** Webhook events and endpoints in PostgreSQL. */
@NullMarked
package io.storesync.internal.jdbi.webhook;

import org.jspecify.annotations.NullMarked;
