/** The webhook inbox: verify, store and deduplicate deliveries before any processing. */
@NullMarked
package io.storesync.internal.core.webhook;

import org.jspecify.annotations.NullMarked;
