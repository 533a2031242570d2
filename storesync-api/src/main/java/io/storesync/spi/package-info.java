/**
 * Service provider interfaces: what connector modules implement ({@link io.storesync.spi.ConnectorProvider},
 * {@link io.storesync.spi.Connector}) and the values they exchange with the engine. Depends on the JDK only.
 * Evolves by {@code default} methods only.
 */
@NullMarked
package io.storesync.spi;

import org.jspecify.annotations.NullMarked;
