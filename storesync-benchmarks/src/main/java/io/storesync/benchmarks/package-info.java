/** Benchmarks of StoreSync against plain JDBC on the same database; run with the {@code bench} Maven profile. */
@NullMarked
package io.storesync.benchmarks;

import org.jspecify.annotations.NullMarked;
