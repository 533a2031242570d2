/** Organizations (tenants), their members and roles. */
@NullMarked
package io.storesync.api.organization;

import org.jspecify.annotations.NullMarked;
