package io.storesync.api.catalogue;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Check;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One variant as it comes from a file, inside a {@link ProductUpsert}; not validated until the upsert, which applies the
 * rules of {@link NewVariant}.
 */
public record VariantUpsert(@Nullable String sku, @Nullable String name, @Nullable Map<String, @Nullable Object> attributes,
        @Nullable BigDecimal costPrice, @Nullable BigDecimal weight, @Nullable List<String> images) {

    /** A row with only a SKU. */
    public static VariantUpsert of(@Nullable String sku) {
        return new VariantUpsert(sku, null, null, null, null, null);
    }

    /**
     * The validated variant; missing images and attributes are empty.
     *
     * @throws ValidationException naming the first invalid field
     */
    public NewVariant details() {
        return new NewVariant(Check.present(sku, "sku"), name, attributes == null ? Map.of() : attributes,
                costPrice, weight, images == null ? List.of() : images);
    }
}
