package io.storesync.api.organization;

/** A member's role in an organization; each role can do everything the roles after it can. */
public enum Role {
    /** Owns the organization: everything an admin can, and cannot be removed by an admin. */
    OWNER,
    /** Manages members, stores and locations. */
    ADMIN,
    /** Works the back office: catalogue, stock, orders. */
    MEMBER,
    /** Reads only. */
    VIEWER;

    /** Whether this role may change business data (catalogue, stock, orders). */
    public boolean canWrite() {
        return this != VIEWER;
    }

    /** Whether this role may manage members, stores and locations. */
    public boolean canAdminister() {
        return this == OWNER || this == ADMIN;
    }
}
