/**
 * What every caller of StoreSync needs: the tenant handle, actors, paging, secrets, the listener and the exception
 * hierarchy. Each domain has a package of its own beside this one (organization, catalogue, inventory, order, store,
 * job, webhook).
 *
 * <p>Stability: experimental until 1.0; changes are listed in the release notes.
 */
@NullMarked
package io.storesync.api;

import org.jspecify.annotations.NullMarked;
