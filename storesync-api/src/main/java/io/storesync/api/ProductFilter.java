package io.storesync.api;

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
public record ProductFilter(@Nullable String category, @Nullable String brand, @Nullable Boolean active,
        @Nullable String text) {
    public ProductFilter {
        Check.storableText(category, "category", 255);
        Check.storableText(brand, "brand", 255);
        Check.storableText(text, "text", 1000);
        if (text != null && text.isBlank()) text = null;
    }

    /** Every product. */
    public static ProductFilter all() {
        return new ProductFilter(null, null, null, null);
    }

    /** Products whose name or description matches {@code text} (see {@link ProductFilter}). */
    public static ProductFilter search(String text) {
        return new ProductFilter(null, null, null, Check.present(text, "text"));
    }

    /** This filter, restricted to a category. */
    public ProductFilter inCategory(@Nullable String category) {
        return new ProductFilter(category, brand, active, text);
    }

    /** This filter, restricted to a brand. */
    public ProductFilter ofBrand(@Nullable String brand) {
        return new ProductFilter(category, brand, active, text);
    }

    /** This filter, restricted to active or inactive products. */
    public ProductFilter onlyActive(@Nullable Boolean active) {
        return new ProductFilter(category, brand, active, text);
    }
}
