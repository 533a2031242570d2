/** The quickstart demo: a seller's day with StoreSync, end to end. */
@NullMarked
package io.storesync.samples.quickstart;

import org.jspecify.annotations.NullMarked;
