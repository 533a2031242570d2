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
 * A variant of a product as stored: the unit stock is counted in and listings are mapped to. The fields are described
 * on {@link NewVariant}; {@code costPrice} is an amount without a currency.
 */
public record Variant(VariantId id, ProductId productId, String sku, @Nullable String name,
        Map<String, @Nullable Object> attributes, @Nullable BigDecimal costPrice, @Nullable BigDecimal weight,
        List<String> images, boolean active, Instant createdAt, Instant updatedAt) {
    public Variant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(sku, "sku");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        images = List.copyOf(images);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * The editable fields, as a starting point for {@link Catalogue#updateVariant}.
     *
     * @throws ValidationException when the stored variant breaks a rule, for example when it was written by other
     *     means than StoreSync
     */
    public NewVariant details() {
        return new NewVariant(sku, name, attributes, costPrice, weight, images);
    }
}
