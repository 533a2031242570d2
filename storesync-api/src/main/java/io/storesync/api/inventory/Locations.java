package io.storesync.api.inventory;

import io.storesync.api.ConflictException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The organization's stock locations. Everyone reads; admins and owners manage. There is exactly one default
 * location once any exists; an inactive location takes no reservations and counts toward no store's available stock.
 */
public interface Locations {

    /** Creates a location; the first one becomes the default. */
    Location create(NewLocation location);

    /** Renames a location and replaces its address. */
    Location update(LocationId id, String name, @Nullable Map<String, Object> address);

    /** Makes {@code id} the default location (and the previous default an ordinary one). */
    Location makeDefault(LocationId id);

    /**
     * Deactivates a location.
     *
     * @throws ConflictException when it is the default or still holds reserved stock
     */
    Location deactivate(LocationId id);

    /** Reactivates a location. */
    Location reactivate(LocationId id);

    Optional<Location> find(LocationId id);

    /** All locations, the default first, then by name. */
    List<Location> list();
}
