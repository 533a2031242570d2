/** Members service. */
@NullMarked
package io.storesync.internal.core.organization;

import org.jspecify.annotations.NullMarked;
