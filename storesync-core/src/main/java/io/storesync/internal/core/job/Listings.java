package io.storesync.internal.core.job;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the push handlers share: batching to a platform's limit and matching a platform's answer to its listing. */
final class Listings {
    private Listings() {}

    static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) out.add(items.subList(i, Math.min(items.size(), i + size)));
        return out;
    }

    /** A platform identifies a listing by product id and, for multi-variant products, variant id. */
    static String key(String productId, @Nullable String variantId) {
        return productId + "\u0000" + (variantId == null ? "" : variantId);
    }
}
