package io.storesync.internal.core.inventory;

import io.storesync.api.ConflictException;
import io.storesync.api.NotFoundException;
import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.Locations;
import io.storesync.api.inventory.NewLocation;
import io.storesync.internal.api.Check;
import io.storesync.internal.core.TenantHandle;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Location management; keeps exactly one active default location once there is any. */
public final class LocationsService implements Locations {
    private final TenantHandle tenant;

    public LocationsService(TenantHandle tenant) {
        this.tenant = tenant;
    }

    @Override
    public Location create(NewLocation location) {
        Check.present(location, "location");
        return tenant.administer("manage locations", tx -> {
            tx.locations().lockCreation();
            boolean first = !tx.locations().any();
            LocationId id = LocationId.random();
            Location created = tx.locations().insert(id, location.name(), location.address(), first);
            return location.makeDefault() && !first ? tx.locations().makeDefault(id).orElseThrow() : created;
        });
    }

    @Override
    public Location update(LocationId id, String name, @Nullable Map<String, Object> address) {
        Check.present(id, "id");
        NewLocation checked = new NewLocation(name, address, false);
        return tenant.administer("manage locations", tx -> tx.locations().update(id, checked.name(), checked.address())
                .orElseThrow(() -> notFound(id)));
    }

    @Override
    public Location makeDefault(LocationId id) {
        Check.present(id, "id");
        return tenant.administer("manage locations", tx -> {
            Location l = tx.locations().find(id).orElseThrow(() -> notFound(id));
            if (!l.active()) throw new ConflictException("location '" + l.name() + "' is inactive; reactivate it first");
            return tx.locations().makeDefault(id).orElseThrow(() -> notFound(id));
        });
    }

    @Override
    public Location deactivate(LocationId id) {
        Check.present(id, "id");
        return tenant.administer("manage locations", tx -> {
            // locked first: a reservation racing this one either commits before the count below or finds it inactive
            tx.locations().lockForChange(id);
            Location l = tx.locations().find(id).orElseThrow(() -> notFound(id));
            if (l.isDefault()) {
                throw new ConflictException("location '" + l.name() + "' is the default; make another location default first");
            }
            long reserved = tx.locations().reservedAt(id);
            if (reserved > 0) {
                throw new ConflictException("location '" + l.name() + "' still holds " + reserved
                        + " reserved units; ship or release them first");
            }
            return tx.locations().setActive(id, false).orElseThrow(() -> notFound(id));
        });
    }

    @Override
    public Location reactivate(LocationId id) {
        Check.present(id, "id");
        return tenant.administer("manage locations", tx -> tx.locations().setActive(id, true).orElseThrow(() -> notFound(id)));
    }

    @Override
    public Optional<Location> find(LocationId id) {
        Check.present(id, "id");
        return tenant.read(tx -> tx.locations().find(id));
    }

    @Override
    public List<Location> list() {
        return tenant.read(tx -> tx.locations().list());
    }

    static NotFoundException notFound(LocationId id) {
        return new NotFoundException("location " + id + " not found");
    }
}
