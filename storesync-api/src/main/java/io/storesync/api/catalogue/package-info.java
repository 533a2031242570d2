/** The catalogue: products, variants, bulk upserts, and listings that link variants to stores. */
@NullMarked
package io.storesync.api.catalogue;

import org.jspecify.annotations.NullMarked;
