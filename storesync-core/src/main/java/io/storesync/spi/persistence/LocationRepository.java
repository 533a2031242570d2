package io.storesync.spi.persistence;

import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.LocationId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Storage of the tenant's {@code inventory_locations}. Same contract as {@link ProductRepository}: the transaction's thread only, may block, only the transaction's
 * organization, failures are StoreSync exceptions.
 */
public interface LocationRepository {

    Location insert(LocationId id, String name, @Nullable Map<String, Object> address, boolean isDefault);

    /** @return the updated location, empty when it is not in this organization */
    Optional<Location> update(LocationId id, String name, @Nullable Map<String, Object> address);

    /** Makes {@code id} the one default, clearing the previous default in the same statement sequence. */
    Optional<Location> makeDefault(LocationId id);

    Optional<Location> setActive(LocationId id, boolean active);

    Optional<Location> find(LocationId id);

    List<Location> list();

    /**
     * Serialises the organization's location creations until the transaction ends, so that two first locations made
     * at once do not both become the default. No-op by default (an implementation without it lets one of them fail).
     */
    default void lockCreation() {}

    /**
     * Locks the location's row until the transaction ends, against reservations there (which share-lock it), so the
     * reserved units counted next stay true until the location is deactivated. No-op by default.
     */
    default void lockForChange(LocationId id) {}

    /** Whether the organization has any location yet; locks nothing. */
    boolean any();

    /** Units reserved at the location, over all variants. */
    long reservedAt(LocationId id);
}
