package io.storesync.spi.persistence;

import io.storesync.api.ErrorCode;
import io.storesync.api.OrganizationId;
import io.storesync.api.StoreSyncException;

/** The repositories of one tenant transaction. Valid only inside the callback that received it; not thread-safe. */
public interface TenantTransaction {

    /** The tenant this transaction is set to. */
    OrganizationId organizationId();

    /** The organization row. */
    OrganizationRepository organizations();

    /** The organization's users. */
    MemberRepository members();

    /**
     * The organization's products. A default so that implementations written before the catalogue keep compiling;
     * they refuse catalogue work with a {@code CONFIGURATION} error.
     */
    default ProductRepository products() {
        throw unsupported("products");
    }

    /** The organization's product variants; see {@link #products()} for the default. */
    default VariantRepository variants() {
        throw unsupported("variants");
    }

    /** The organization's store listings; see {@link #products()} for the default. */
    default ListingRepository listings() {
        throw unsupported("listings");
    }

    private static StoreSyncException unsupported(String what) {
        return new StoreSyncException(ErrorCode.CONFIGURATION, "this persistence implementation does not store " + what);
    }
}
