package io.storesync.internal.jdbi.organization;

import io.storesync.api.ConflictException;
import io.storesync.api.organization.Member;
import io.storesync.api.organization.NewMember;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.organization.Role;
import io.storesync.api.organization.UserId;
import io.storesync.internal.jdbi.DbCodes;
import io.storesync.internal.jdbi.JdbiMappings;
import io.storesync.internal.jdbi.SqlErrors;
import io.storesync.spi.persistence.MemberRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

public final class JdbiMemberRepository implements MemberRepository {
    private static final String COLUMNS =
            "id, organization_id, email, full_name, role, is_active, last_active_at, created_at, updated_at";
    private static final RowMapper<Member> MAPPER = (rs, ctx) -> member(rs);
    /** One member by organization and user id (positional parameters, in that order), for plain JDBC callers. */
    public static final String FIND = "SELECT " + COLUMNS + " FROM users WHERE organization_id = ? AND id = ?";

    private final Handle handle;
    private final OrganizationId organizationId;

    public JdbiMemberRepository(Handle handle, OrganizationId organizationId) {
        this.handle = handle;
        this.organizationId = organizationId;
    }

    /** The member on the result set's current row, selected with this repository's columns. */
    public static Member member(ResultSet rs) throws SQLException {
        return new Member(
                new UserId(rs.getObject("id", UUID.class)), new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getString("email"), rs.getString("full_name"), DbCodes.parse(Role.class, rs.getString("role")),
                rs.getBoolean("is_active"), JdbiMappings.nullableInstant(rs, "last_active_at"),
                JdbiMappings.instant(rs, "created_at"), JdbiMappings.instant(rs, "updated_at"));
    }

    @Override
    public Member insert(NewMember member) {
        try {
            return handle.createQuery("INSERT INTO users (id, organization_id, email, full_name, role)"
                            + " VALUES (:id, :org, :email, :fullName, :role) RETURNING " + COLUMNS)
                    .bind("id", member.id().value()).bind("org", organizationId.value())
                    .bind("email", member.email()).bind("fullName", member.fullName())
                    .bind("role", DbCodes.code(member.role()))
                    .map(MAPPER).one();
        } catch (RuntimeException e) {
            // Emails and user ids are unique across every organization (the seed's rule), and the clashing row is
            // usually invisible to this tenant. One phrasing for every clash, naming no value, so the answer tells the
            // caller nothing about who is a member where.
            String constraint = SqlErrors.constraint(e);
            if ("users_email_key".equals(constraint) || "users_email_lower_key".equals(constraint)) {
                throw SqlErrors.instead(new ConflictException("could not add member: the email cannot be used"), e);
            }
            if ("users_pkey".equals(constraint)) {
                throw SqlErrors.instead(new ConflictException("could not add member: the user id cannot be used"), e);
            }
            throw e;
        }
    }

    @Override
    public Optional<Member> find(UserId id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE organization_id = :org AND id = :id")
                .bind("org", organizationId.value()).bind("id", id.value())
                .map(MAPPER).findOne();
    }

    @Override
    public List<Member> list() {
        return handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE organization_id = :org ORDER BY email")
                .bind("org", organizationId.value())
                .map(MAPPER).list();
    }

    @Override
    public int countActive(Role role) {
        // FOR UPDATE: two admins demoting the last two owners at once must not both succeed
        return handle.createQuery("SELECT id FROM users WHERE organization_id = :org AND role = :role AND is_active"
                        + " FOR UPDATE")
                .bind("org", organizationId.value()).bind("role", DbCodes.code(role))
                .mapTo(UUID.class).list().size();
    }

    @Override
    public Optional<Member> update(UserId id, Role role, boolean active) {
        return handle.createQuery("UPDATE users SET role = :role, is_active = :active"
                        + " WHERE organization_id = :org AND id = :id RETURNING " + COLUMNS)
                .bind("org", organizationId.value()).bind("id", id.value())
                .bind("role", DbCodes.code(role)).bind("active", active)
                .map(MAPPER).findOne();
    }

    @Override
    public void touch(UserId id, Instant at) {
        handle.createUpdate("UPDATE users SET last_active_at = :at WHERE organization_id = :org AND id = :id")
                .bind("org", organizationId.value()).bind("id", id.value()).bind("at", at)
                .execute();
    }
}
