package io.storesync.api;

import io.storesync.api.organization.UserId;
import io.storesync.internal.api.Check;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is doing the work: a member of the organization, or StoreSync itself (job workers, webhook processing).
 * The actor is written to the ledger and checked against the member's role.
 */
public sealed interface Actor {

    /** A human (or API client) acting as one of the organization's members. */
    static Actor user(UserId id) {
        return new Member(id);
    }

    /**
     * The host's own trusted code (a scheduled import, an integration, an operator console), acting with administrator
     * rights in whichever organization it names, with no user attribution and no membership check. StoreSync's own
     * workers do not use it. Whoever can call this already holds the {@code StoreSync} instance and so the pool:
     * treat it like the pool's credentials, and never build one from anything a user sent (a header, a form field).
     * Work done on behalf of a user goes through {@link #user(UserId)}, which is checked against the membership.
     */
    static Actor system(String name) {
        return new System(name);
    }

    /** The member behind the work, if a member is. */
    Optional<UserId> userId();

    /** A member of the organization. */
    record Member(UserId id) implements Actor {
        public Member {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public Optional<UserId> userId() {
            return Optional.of(id);
        }
    }

    /** StoreSync itself, named for logs (for example {@code "worker"}). */
    record System(String name) implements Actor {
        public System {
            Check.text(name, "name", 100);
        }

        @Override
        public Optional<UserId> userId() {
            return Optional.empty();
        }
    }
}
