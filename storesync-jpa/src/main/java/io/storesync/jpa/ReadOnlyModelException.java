package io.storesync.jpa;

import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;

/**
 * A write was attempted through StoreSync's JPA read model (persist, merge, remove, or an insert, update or delete
 * statement on a StoreSync table). Nothing was written: StoreSync's data changes only through the StoreSync API,
 * which keeps the ledger, reservations and idempotency right. Code {@link ErrorCode#VALIDATION}.
 */
public class ReadOnlyModelException extends StoreSyncException {
    private static final long serialVersionUID = 1L;

    public ReadOnlyModelException(String message) {
        super(ErrorCode.VALIDATION, message);
    }
}
