package io.storesync.api.catalogue;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Check;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a seller says about one variant of a product (a size, a colour): used to add one and, in full, to update one.
 *
 * <p>{@code costPrice} is an amount without a currency, as for {@link NewProduct}; amounts are normalised to two
 * decimal places and more places are refused.
 *
 * @param sku the variant's SKU, unique within its product (two products may each have a variant "RED"); 1 to 255
 *     characters, no leading or trailing spaces
 * @param name at most 255 characters
 * @param attributes a JSON object such as {@code {"colour": "red", "size": "M"}}
 * @param costPrice what one unit costs the seller, 0 to 9,999,999,999.99
 * @param weight 0 to 999,999.99, in the seller's unit
 * @param images image URLs, in display order
 */
public record NewVariant(String sku, @Nullable String name, Map<String, @Nullable Object> attributes,
        @Nullable BigDecimal costPrice, @Nullable BigDecimal weight, List<String> images) {

    /** @throws ValidationException naming the first field that is invalid */
    public NewVariant {
        sku = Check.code(sku, "sku", 255);
        name = Check.storableText(name, "name", 255);
        attributes = Check.jsonObject(attributes, "attributes");
        costPrice = Check.decimal(costPrice, "costPrice", 12, 2);
        weight = Check.decimal(weight, "weight", 8, 2);
        images = Check.textList(images, "images");
    }

    /** A variant with only its SKU. */
    public static NewVariant of(String sku) {
        return new NewVariant(sku, null, Map.of(), null, null, List.of());
    }
}
