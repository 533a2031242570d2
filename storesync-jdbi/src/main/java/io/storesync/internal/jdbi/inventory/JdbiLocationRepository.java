package io.storesync.internal.jdbi.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.organization.OrganizationId;
import io.storesync.internal.jdbi.JdbiMappings;
import io.storesync.spi.persistence.LocationRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jspecify.annotations.Nullable;

public final class JdbiLocationRepository implements LocationRepository {
    private static final String COLUMNS = "id, name, address::text AS address, is_default, is_active, created_at";
    private static final RowMapper<Location> MAPPER = (rs, ctx) -> {
        String address = rs.getString("address");
        return new Location(new LocationId(rs.getObject("id", UUID.class)), rs.getString("name"),
                address == null ? null : JdbiMappings.readMap(address), rs.getBoolean("is_default"),
                rs.getBoolean("is_active"), JdbiMappings.instant(rs, "created_at"));
    };

    private final Handle handle;
    private final UUID org;

    public JdbiLocationRepository(Handle handle, OrganizationId organizationId) {
        this.handle = handle;
        this.org = organizationId.value();
    }

    @Override
    public Location insert(LocationId id, String name, @Nullable Map<String, Object> address, boolean isDefault) {
        return handle.createQuery("INSERT INTO inventory_locations (id, organization_id, name, address, is_default)"
                        + " VALUES (:id, :org, :name, :address, :isDefault) RETURNING " + COLUMNS)
                .bind("id", id.value()).bind("org", org).bind("name", name)
                .bindByType("address", json(address), JsonNode.class).bind("isDefault", isDefault)
                .map(MAPPER).one();
    }

    @Override
    public Optional<Location> update(LocationId id, String name, @Nullable Map<String, Object> address) {
        return handle.createQuery("UPDATE inventory_locations SET name = :name, address = :address"
                        + " WHERE organization_id = :org AND id = :id RETURNING " + COLUMNS)
                .bind("id", id.value()).bind("org", org).bind("name", name)
                .bindByType("address", json(address), JsonNode.class)
                .map(MAPPER).findOne();
    }

    @Override
    public Optional<Location> makeDefault(LocationId id) {
        // the partial unique index allows one default: clear the old one first, in the same transaction
        handle.createUpdate("UPDATE inventory_locations SET is_default = false"
                        + " WHERE organization_id = :org AND is_default AND id <> :id")
                .bind("org", org).bind("id", id.value()).execute();
        return handle.createQuery("UPDATE inventory_locations SET is_default = true"
                        + " WHERE organization_id = :org AND id = :id RETURNING " + COLUMNS)
                .bind("org", org).bind("id", id.value())
                .map(MAPPER).findOne();
    }

    @Override
    public Optional<Location> setActive(LocationId id, boolean active) {
        return handle.createQuery("UPDATE inventory_locations SET is_active = :active"
                        + " WHERE organization_id = :org AND id = :id RETURNING " + COLUMNS)
                .bind("org", org).bind("id", id.value()).bind("active", active)
                .map(MAPPER).findOne();
    }

    @Override
    public Optional<Location> find(LocationId id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM inventory_locations WHERE organization_id = :org AND id = :id")
                .bind("org", org).bind("id", id.value())
                .map(MAPPER).findOne();
    }

    @Override
    public List<Location> list() {
        return handle.createQuery("SELECT " + COLUMNS + " FROM inventory_locations WHERE organization_id = :org"
                        + " ORDER BY is_default DESC, name, id")
                .bind("org", org)
                .map(MAPPER).list();
    }

    @Override
    public void lockCreation() {
        // no row to lock before the first location exists: a transaction-scoped advisory lock keyed by the organization
        handle.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended('storesync.locations:' || :org, 0))) l")
                .bind("org", org.toString()).mapTo(Integer.class).one();
    }

    @Override
    public void lockForChange(LocationId id) {
        handle.createQuery("SELECT id FROM inventory_locations WHERE organization_id = :org AND id = :id FOR UPDATE")
                .bind("org", org).bind("id", id.value()).mapTo(UUID.class).findOne();
    }

    @Override
    public boolean any() {
        return handle.createQuery("SELECT EXISTS (SELECT 1 FROM inventory_locations WHERE organization_id = :org)")
                .bind("org", org).mapTo(Boolean.class).one();
    }

    @Override
    public long reservedAt(LocationId id) {
        return handle.createQuery("SELECT coalesce(sum(quantity_reserved), 0) FROM inventory_items"
                        + " WHERE organization_id = :org AND location_id = :id")
                .bind("org", org).bind("id", id.value()).mapTo(Long.class).one();
    }

    private static @Nullable JsonNode json(@Nullable Map<String, Object> value) {
        return value == null ? null : JdbiMappings.toTree(value);
    }
}
