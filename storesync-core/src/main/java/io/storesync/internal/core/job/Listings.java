package io.storesync.internal.core.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** What the push handlers share: batching to a platform's limit and matching a platform's answer to its listing. */
final class Listings {
    private Listings() {}

    /**
     * Batches of at most {@code size} in which every item of one product travels together (unless a product alone has
     * more than {@code size}), products in the order they first appear: a platform that takes one call per product
     * (Shopee's item with its models) then makes one call per product per push, not one per batch it fell into.
     */
    static <T> List<List<T>> batchesByProduct(List<T> items, int size, Function<T, String> product) {
        Map<String, List<T>> byProduct = new LinkedHashMap<>();
        for (T item : items) byProduct.computeIfAbsent(product.apply(item), k -> new ArrayList<>()).add(item);
        List<List<T>> out = new ArrayList<>();
        List<T> current = new ArrayList<>();
        for (List<T> group : byProduct.values()) {
            if (!current.isEmpty() && current.size() + group.size() > size) {
                out.add(current);
                current = new ArrayList<>();
            }
            if (group.size() > size) {
                out.addAll(batches(group, size));
            } else {
                current.addAll(group);
            }
        }
        if (!current.isEmpty()) out.add(current);
        return out;
    }

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
