/**
 * A read-only Jakarta Persistence (Hibernate) model of StoreSync's schema, bound to one tenant per transaction.
 *
 * <p>Start with {@link io.storesync.jpa.StoreSyncJpa}: it builds an {@code EntityManagerFactory} (or the settings for
 * one the host builds) and runs work in a tenant. The entities are in {@code io.storesync.jpa.model}. See
 * {@code docs/jpa.md}.
 */
@NullMarked
package io.storesync.jpa;

import org.jspecify.annotations.NullMarked;
