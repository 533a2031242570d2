/**
 * The persistence SPI the engine is written against; {@code storesync-jdbi} implements it for PostgreSQL.
 *
 * <p>Implementations translate every database failure into a {@link io.storesync.api.StoreSyncException}; no
 * {@code SQLException} or driver exception crosses this boundary. Evolves by {@code default} methods only.
 */
@NullMarked
package io.storesync.spi.persistence;

import org.jspecify.annotations.NullMarked;
