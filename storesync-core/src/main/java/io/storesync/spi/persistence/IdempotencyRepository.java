package io.storesync.spi.persistence;

import io.storesync.api.inventory.StockResult;
import java.util.Optional;

/**
 * Idempotency keys of stock operations. {@link #claim} inserts the key in the caller's transaction; a concurrent
 * claim of the same key waits for that transaction and then sees the stored result, so a key applies once. Same
 * contract as {@link ProductRepository}: the transaction's thread only, may block, only the transaction's organization,
 * failures are StoreSync exceptions.
 */
public interface IdempotencyRepository {

    /**
     * Claims {@code key} for a request with this fingerprint.
     *
     * @return empty when the key is new (go ahead, then {@link #complete}); the stored first result otherwise
     * @throws io.storesync.api.ConflictException when the key was used for a different request
     */
    Optional<StockResult> claim(String key, String fingerprint);

    /** Stores the result of the request that claimed {@code key}. */
    void complete(String key, StockResult result);
}
