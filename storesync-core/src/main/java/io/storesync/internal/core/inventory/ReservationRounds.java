package io.storesync.internal.core.inventory;

import io.storesync.api.Actor;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.StockResult;
import io.storesync.api.organization.OrganizationId;
import io.storesync.spi.persistence.LedgerNote;

/**
 * The engine's one place where concurrent reservations of one item by one actor are combined into rounds (see
 * {@link InventoryService#reserve} and docs/design.md, "Hot SKU: reservations in rounds"). One per engine, so only
 * calls on the same storage are ever combined.
 */
public final class ReservationRounds {
    /** Requests one round takes at most; the rest wait for the next round. */
    static final int MAX_ROUND = 64;

    /** Whose reservations may share a transaction: one organization, one actor, one item. */
    record Key(OrganizationId organization, Actor actor, VariantId variant, LocationId location) {}

    /** One caller's reservation in a round. */
    record Request(int quantity, LedgerNote note) {}

    final Combiner<Key, Request, StockResult> combiner = new Combiner<>(MAX_ROUND);
}
