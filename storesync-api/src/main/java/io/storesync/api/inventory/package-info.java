/** Inventory: stock per variant and location, the ledger of movements, locations and allocation. */
@NullMarked
package io.storesync.api.inventory;

import org.jspecify.annotations.NullMarked;
