package io.storesync.api.catalogue;

import io.storesync.api.ValidationException;
import io.storesync.internal.api.Check;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One product with its variants as it comes from a file (a CSV export, a spreadsheet), for
 * {@link Catalogue#upsert(List)}. Unlike {@link NewProduct} it is not validated when built: a bad row is reported
 * by the upsert with its index and the reason, and the good rows are still saved. Any field may be null here; the
 * rules are those of {@link NewProduct} and {@link NewVariant}.
 */
public record ProductUpsert(@Nullable String sku, @Nullable String name, @Nullable String description,
        @Nullable String category, @Nullable String brand, @Nullable BigDecimal costPrice, @Nullable BigDecimal weight,
        @Nullable Map<String, @Nullable Object> dimensions, @Nullable List<String> images,
        @Nullable Map<String, @Nullable Object> attributes, List<VariantUpsert> variants) {

    public ProductUpsert {
        variants = variants == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(variants));
    }

    /** A row with only a SKU, a name and variants. */
    public static ProductUpsert of(@Nullable String sku, @Nullable String name, List<VariantUpsert> variants) {
        return new ProductUpsert(sku, name, null, null, null, null, null, null, null, null, variants);
    }

    /**
     * The validated product; missing images and attributes are empty.
     *
     * @throws ValidationException naming the first invalid field
     */
    public NewProduct details() {
        return new NewProduct(Check.present(sku, "sku"), Check.present(name, "name"), description, category, brand,
                costPrice, weight, dimensions, images == null ? List.of() : images,
                attributes == null ? Map.of() : attributes);
    }
}
