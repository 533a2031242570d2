package io.storesync.spi.persistence;

import io.storesync.api.compliance.Discrepancy;
import java.util.List;

/**
 * The integrity check's queries and repairs. Same contract as {@link ProductRepository}: the transaction's thread
 * only, may block, only the transaction's organization, failures are StoreSync exceptions.
 */
public interface IntegrityRepository {

    /** Every discrepancy of the organization, at most {@code limit}. */
    List<Discrepancy> find(int limit);

    /**
     * Fixes one repairable discrepancy found by {@link #find} (a correcting ledger row noting {@code reason}, or a
     * stock change mark); returns false when it no longer applies.
     */
    boolean repair(Discrepancy discrepancy, String reason);
}
