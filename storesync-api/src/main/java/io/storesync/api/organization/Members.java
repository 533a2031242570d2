package io.storesync.api.organization;

import io.storesync.api.ConflictException;
import java.util.List;
import java.util.Optional;

/**
 * The members of the current organization. Everyone may read; owners and admins manage members; only an owner may
 * make or unmake an owner, and the last active owner cannot be demoted or deactivated.
 */
public interface Members {

    /** Every member, active or not, ordered by email. */
    List<Member> list();

    /** One member, if it belongs to this organization. */
    Optional<Member> find(UserId id);

    /** Adds a member; a duplicate id or email is a {@link ConflictException}. */
    Member add(NewMember member);

    /** Changes a member's role. */
    Member changeRole(UserId id, Role role);

    /** Deactivates a member: they keep their history but can no longer act. */
    Member deactivate(UserId id);

    /** Reactivates a deactivated member. */
    Member reactivate(UserId id);

    /** Records that the acting member did something now (sets {@code last_active_at}). */
    void touchActivity();
}
