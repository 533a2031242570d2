package io.storesync.spi.persistence;

import io.storesync.api.organization.Member;
import io.storesync.api.organization.NewMember;
import io.storesync.api.organization.Role;
import io.storesync.api.organization.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Storage of the tenant's {@code users}.
 *
 * <p>An instance is bound to one tenant transaction and used by one thread; every method may block on the database.
 */
public interface MemberRepository {

    /**
     * Inserts a member of this tenant.
     *
     * @throws io.storesync.api.ConflictException when the id or email is already in use
     */
    Member insert(NewMember member);

    /** The member, if the user belongs to this tenant. */
    Optional<Member> find(UserId id);

    /** Every member of this tenant, active or not. */
    List<Member> list();

    /** Active members holding {@code role}. */
    int countActive(Role role);

    /**
     * Sets a member's role and activity.
     *
     * @return the updated member, or empty when it is not in this organization
     */
    Optional<Member> update(UserId id, Role role, boolean active);

    /** Records that the member was active at {@code at}. */
    void touch(UserId id, Instant at);
}
