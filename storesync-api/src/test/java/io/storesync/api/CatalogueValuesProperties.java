package io.storesync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.api.catalogue.NewProduct;
import io.storesync.api.catalogue.NewVariant;
import io.storesync.api.catalogue.ProductUpsert;
import io.storesync.api.catalogue.VariantUpsert;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** The catalogue's values accept exactly what DECIMAL(12,2), DECIMAL(8,2) and the VARCHAR limits store. */
class CatalogueValuesProperties {

    @Property
    void costPricesAreKeptExactlyOrRefused(@ForAll long unscaled, @ForAll @IntRange(min = 0, max = 5) int scale) {
        BigDecimal amount = BigDecimal.valueOf(unscaled, scale);
        BigDecimal stripped = amount.stripTrailingZeros();
        boolean fits = amount.signum() >= 0 && Math.max(stripped.scale(), 0) <= 2
                && amount.compareTo(new BigDecimal("9999999999.99")) <= 0;
        if (fits) {
            NewProduct details = withCost(amount);
            assertThat(details.costPrice()).isEqualByComparingTo(amount);
            assertThat(details.costPrice().scale()).isEqualTo(2);
        } else {
            assertThatThrownBy(() -> withCost(amount)).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("costPrice");
        }
    }

    private static NewProduct withCost(BigDecimal cost) {
        return new NewProduct("SKU", "Name", null, null, null, cost, null, null, List.of(), Map.of());
    }

    @Property
    void skusAreRefusedPastTheirColumnWidth(@ForAll @StringLength(min = 1, max = 300) String raw) {
        // whitespace and NUL have rules of their own, tested elsewhere; here only the length matters
        StringBuilder b = new StringBuilder("S");
        raw.chars().forEach(c -> b.append(Character.isWhitespace(c) || c == 0 ? 'x' : (char) c));
        String sku = b.toString();
        if (sku.length() <= NewProduct.MAX_SKU_LENGTH) {
            assertThat(NewProduct.of(sku, "Name").sku()).isEqualTo(sku);
            assertThat(NewVariant.of(sku).sku()).isEqualTo(sku);
        } else {
            assertThatThrownBy(() -> NewProduct.of(sku, "Name")).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("sku").hasMessageContaining("255");
        }
    }

    @Property
    void rowsValidateLikeTheDetailsTheyBecome(@ForAll @IntRange(min = -2, max = 2) int cost) {
        ProductUpsert row = ProductUpsert.of("SKU", "Name", List.of(new VariantUpsert("V", null, null, BigDecimal.valueOf(cost),
                null, null)));
        if (cost >= 0) {
            assertThat(row.variants().get(0).details().costPrice()).isEqualByComparingTo(BigDecimal.valueOf(cost));
            assertThat(row.details().images()).isEmpty();
        } else {
            assertThatThrownBy(() -> row.variants().get(0).details()).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("negative");
        }
    }
}
