package io.storesync.api.catalogue;

import io.storesync.internal.api.Check;
import org.jspecify.annotations.Nullable;

/**
 * Which products to list; every criterion left null matches everything.
 *
 * @param category exact category
 * @param brand exact brand
 * @param active only active ({@code true}) or only inactive ({@code false}) products
 * @param text words to find in the name or description, in web-search syntax: {@code kopi arabica} needs both words,
 *     {@code "kopi susu"} the phrase, {@code kopi or teh} either, {@code -decaf} excludes. Words are matched as written
 *     (the {@code simple} configuration, since catalogues mix languages), case-insensitively. Results are ordered
 *     by relevance, then SKU; without text, by SKU.
 */
public record ProductQuery(@Nullable String category, @Nullable String brand, @Nullable Boolean active,
        @Nullable String text) {
    public ProductQuery {
        Check.storableText(category, "category", 255);
        Check.storableText(brand, "brand", 255);
        Check.storableText(text, "text", 1000);
        if (text != null && text.isBlank()) text = null;
    }

    /** Every product. */
    public static ProductQuery all() {
        return new ProductQuery(null, null, null, null);
    }

    /** Products whose name or description matches {@code text} (see {@link ProductQuery}). */
    public static ProductQuery search(String text) {
        return new ProductQuery(null, null, null, Check.present(text, "text"));
    }

    /** This filter, restricted to a category. */
    public ProductQuery inCategory(@Nullable String category) {
        return new ProductQuery(category, brand, active, text);
    }

    /** This filter, restricted to a brand. */
    public ProductQuery ofBrand(@Nullable String brand) {
        return new ProductQuery(category, brand, active, text);
    }

    /** This filter, restricted to active or inactive products. */
    public ProductQuery onlyActive(@Nullable Boolean active) {
        return new ProductQuery(category, brand, active, text);
    }
}
