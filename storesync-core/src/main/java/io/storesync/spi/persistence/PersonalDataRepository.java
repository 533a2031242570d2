package io.storesync.spi.persistence;

import io.storesync.api.compliance.ErasureResult;
import java.util.List;

/**
 * A buyer's personal data in one organization, found by identifiers (lower-cased). Same contract as
 * {@link ProductRepository}: the transaction's thread only, may block, only the transaction's organization, failures
 * are StoreSync exceptions.
 */
public interface PersonalDataRepository {

    /** The buyer's orders with lines, and the webhook deliveries and log lines that mention an identifier, as JSON. */
    String export(List<String> identifiers);

    /**
     * Anonymises the buyer's orders (every value of their customer details is erased everywhere it appears in the
     * tenant's orders, webhook deliveries and logs); with {@code remember}, stores a hash of each identifier so later
     * orders are anonymised on arrival.
     */
    ErasureResult erase(List<String> identifiers, boolean remember);
}
