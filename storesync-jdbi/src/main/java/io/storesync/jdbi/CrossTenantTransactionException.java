package io.storesync.jdbi;

import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;

/**
 * A host transaction already acts for one organization and a StoreSync call asked for another. Row-level security is
 * scoped to the transaction, so one transaction can never touch two tenants; nothing of the refused call was done (the
 * host's transaction itself is left as it was, to commit or roll back).
 */
public final class CrossTenantTransactionException extends StoreSyncException {
    private static final long serialVersionUID = 1L;

    public CrossTenantTransactionException() {
        super(ErrorCode.CONFLICT, "this transaction already acts for another organization; one transaction serves one"
                + " organization: run the second organization's work in a transaction of its own");
    }
}
