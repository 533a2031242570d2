/**
 * Service provider interfaces: what connector modules implement. Evolves by {@code default} methods only.
 */
@NullMarked
package io.storesync.spi;

import org.jspecify.annotations.NullMarked;
