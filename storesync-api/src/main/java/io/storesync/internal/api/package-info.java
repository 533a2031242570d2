/** Validation shared by the API's value records; no compatibility promise. */
@NullMarked
package io.storesync.internal.api;

import org.jspecify.annotations.NullMarked;
