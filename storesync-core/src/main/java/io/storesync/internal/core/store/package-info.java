/** Stores, their connectors, encrypted credentials and per-store rate limits. */
@NullMarked
package io.storesync.internal.core.store;

import org.jspecify.annotations.NullMarked;
