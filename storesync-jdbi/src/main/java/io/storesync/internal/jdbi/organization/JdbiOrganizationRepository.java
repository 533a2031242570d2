package io.storesync.internal.jdbi.organization;

import io.storesync.api.ConflictException;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.OrganizationId;
import io.storesync.internal.jdbi.JdbiMappings;
import io.storesync.internal.jdbi.SqlErrors;
import io.storesync.spi.persistence.OrganizationRepository;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

public final class JdbiOrganizationRepository implements OrganizationRepository {
    private static final String COLUMNS = "id, name, slug, settings::text AS settings, subscription_plan, created_at, updated_at";
    private static final RowMapper<Organization> MAPPER = (rs, ctx) -> new Organization(
            new OrganizationId(rs.getObject("id", UUID.class)), rs.getString("name"), rs.getString("slug"),
            JdbiMappings.readMap(rs.getString("settings")), rs.getString("subscription_plan"),
            JdbiMappings.instant(rs, "created_at"), JdbiMappings.instant(rs, "updated_at"));

    private final Handle handle;
    private final OrganizationId organizationId;

    public JdbiOrganizationRepository(Handle handle, OrganizationId organizationId) {
        this.handle = handle;
        this.organizationId = organizationId;
    }

    @Override
    public Organization insert(OrganizationId id, String name, String slug) {
        try {
            return handle.createQuery("INSERT INTO organizations (id, name, slug) VALUES (:id, :name, :slug)"
                            + " RETURNING " + COLUMNS)
                    .bind("id", id.value()).bind("name", name).bind("slug", slug)
                    .map(MAPPER).one();
        } catch (RuntimeException e) {
            if ("organizations_slug_key".equals(SqlErrors.constraint(e))) {
                throw SqlErrors.instead(new ConflictException("the slug '" + slug + "' is already taken"), e);
            }
            throw e;
        }
    }

    @Override
    public Optional<Organization> find() {
        return handle.createQuery("SELECT " + COLUMNS + " FROM organizations WHERE id = :id")
                .bind("id", organizationId.value())
                .map(MAPPER).findOne();
    }
}
