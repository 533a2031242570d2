package io.storesync.spi.persistence;

import io.storesync.api.organization.Member;
import io.storesync.api.organization.NewMember;
import io.storesync.api.organization.Role;
import io.storesync.api.organization.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage of the tenant's {@code users}. */
public interface MemberRepository {

    /** @throws io.storesync.api.ConflictException when the id or email is already in use */
    Member insert(NewMember member);

    Optional<Member> find(UserId id);

    List<Member> list();

    /** Active members holding {@code role}. */
    int countActive(Role role);

    /** @return the updated member, or empty when it is not in this organization */
    Optional<Member> update(UserId id, Role role, boolean active);

    void touch(UserId id, Instant at);
}
