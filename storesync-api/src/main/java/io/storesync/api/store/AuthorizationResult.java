package io.storesync.api.store;

import java.util.List;

/**
 * What completing a consent did: the stores it created, and the stores already connected that it re-authorised with
 * the new credentials (one consent may cover several shops).
 */
public record AuthorizationResult(List<Store> created, List<Store> reauthorized) {
    public AuthorizationResult {
        created = List.copyOf(created);
        reauthorized = List.copyOf(reauthorized);
    }
}
