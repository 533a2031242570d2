package io.storesync.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One variant as it comes from a file, inside a {@link ProductRow}; not validated until the upsert, which applies the
 * rules of {@link VariantDetails}.
 */
public record VariantRow(@Nullable String sku, @Nullable String name, @Nullable Map<String, @Nullable Object> attributes,
        @Nullable BigDecimal costPrice, @Nullable BigDecimal weight, @Nullable List<String> images) {

    /** A row with only a SKU. */
    public static VariantRow of(@Nullable String sku) {
        return new VariantRow(sku, null, null, null, null, null);
    }

    /**
     * The validated variant; missing images and attributes are empty.
     *
     * @throws ValidationException naming the first invalid field
     */
    public VariantDetails details() {
        return new VariantDetails(Check.present(sku, "sku"), name, attributes == null ? Map.of() : attributes,
                costPrice, weight, images == null ? List.of() : images);
    }
}
