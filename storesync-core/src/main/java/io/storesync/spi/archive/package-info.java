/** Where purged orders go before they leave the database ("cold storage"). Evolves by {@code default} methods only. */
@NullMarked
package io.storesync.spi.archive;

import org.jspecify.annotations.NullMarked;
