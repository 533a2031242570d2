package io.storesync.api.catalogue;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Check;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a seller says about a product: used to create one and, in full, to update one (every field is replaced).
 *
 * <p>{@code costPrice} is an amount without a currency: the catalogue's schema has no currency column, so cost prices
 * are in whatever single currency the seller keeps their books in. Amounts are normalised to two decimal places
 * ({@code 10.5} becomes {@code 10.50}); more places than two are refused, never rounded.
 *
 * @param sku the seller's stock-keeping unit, unique in the organization; 1 to 255 characters, no leading or trailing
 *     spaces
 * @param name 1 to 500 characters
 * @param description free text, searched together with the name
 * @param category at most 255 characters
 * @param brand at most 255 characters
 * @param costPrice what one unit costs the seller, 0 to 9,999,999,999.99
 * @param weight 0 to 999,999.99, in the seller's unit
 * @param dimensions a JSON object such as {@code {"length": 10, "width": 5, "height": 2, "unit": "cm"}}
 * @param images image URLs, in display order
 * @param attributes a JSON object of further properties such as {@code {"material": "cotton"}}
 */
public record NewProduct(String sku, String name, @Nullable String description, @Nullable String category,
        @Nullable String brand, @Nullable BigDecimal costPrice, @Nullable BigDecimal weight,
        @Nullable Map<String, @Nullable Object> dimensions, List<String> images, Map<String, @Nullable Object> attributes) {

    /** Longest SKU the schema stores. */
    public static final int MAX_SKU_LENGTH = 255;
    /** Longest product name the schema stores. */
    public static final int MAX_NAME_LENGTH = 500;

    /** @throws ValidationException naming the first field that is invalid */
    public NewProduct {
        sku = Check.code(sku, "sku", MAX_SKU_LENGTH);
        name = Check.storableRequired(name, "name", MAX_NAME_LENGTH);
        description = Check.storableText(description, "description", Integer.MAX_VALUE);
        category = Check.storableText(category, "category", 255);
        brand = Check.storableText(brand, "brand", 255);
        costPrice = Check.decimal(costPrice, "costPrice", 12, 2);
        weight = Check.decimal(weight, "weight", 8, 2);
        dimensions = dimensions == null ? null : Check.jsonObject(dimensions, "dimensions");
        images = Check.textList(images, "images");
        attributes = Check.jsonObject(attributes, "attributes");
    }

    /** A product with only its SKU and name; everything else empty. */
    public static NewProduct of(String sku, String name) {
        return new NewProduct(sku, name, null, null, null, null, null, null, List.of(), Map.of());
    }
}
