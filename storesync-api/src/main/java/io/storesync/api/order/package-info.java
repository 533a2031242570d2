/** Orders: unified orders from every platform, their lines, statuses, ingestion and sales reports. */
@NullMarked
package io.storesync.api.order;

import org.jspecify.annotations.NullMarked;
