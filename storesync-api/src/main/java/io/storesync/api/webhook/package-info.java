/** Webhooks: deliveries received from platforms, their endpoints and receipts. */
@NullMarked
package io.storesync.api.webhook;

import org.jspecify.annotations.NullMarked;
