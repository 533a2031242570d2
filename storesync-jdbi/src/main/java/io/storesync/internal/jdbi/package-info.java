/** The JDBI implementation of the persistence SPI. Internal: no compatibility promise. */
@NullMarked
package io.storesync.internal.jdbi;

import org.jspecify.annotations.NullMarked;
