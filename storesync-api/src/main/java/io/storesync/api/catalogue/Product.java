package io.storesync.api.catalogue;

import io.storesync.api.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A product of the master catalogue as stored; the fields are described on {@link NewProduct}. {@code costPrice}
 * is an amount without a currency, because the schema stores none. An inactive product is kept with its variants and
 * history but no longer offered.
 */
public record Product(ProductId id, String sku, String name, @Nullable String description, @Nullable String category,
        @Nullable String brand, @Nullable BigDecimal costPrice, @Nullable BigDecimal weight,
        @Nullable Map<String, @Nullable Object> dimensions, List<String> images, Map<String, @Nullable Object> attributes,
        boolean active, Instant createdAt, Instant updatedAt) {
    public Product {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        dimensions = dimensions == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
        images = List.copyOf(images);
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * The editable fields, as a starting point for {@link Catalogue#updateProduct}.
     *
     * @throws ValidationException when the stored product breaks a rule, for example when it was written by other
     *     means than StoreSync
     */
    public NewProduct details() {
        return new NewProduct(sku, name, description, category, brand, costPrice, weight, dimensions, images,
                attributes);
    }
}
