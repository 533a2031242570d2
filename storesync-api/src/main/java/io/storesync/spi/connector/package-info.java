/** The connector SPI: what a marketplace connector implements, found with ServiceLoader, and the errors it throws. */
@NullMarked
package io.storesync.spi.connector;

import org.jspecify.annotations.NullMarked;
