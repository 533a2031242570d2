package io.storesync.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.api.ValidationException;
import io.storesync.api.catalogue.NewVariant;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckDecimalTest {
    private static void refusedFastWithAShortMessage(String text, String expected) {
        BigDecimal huge = new BigDecimal(text);
        long started = System.nanoTime();
        assertThatThrownBy(() -> Check.decimal(huge, "costPrice", 12, 2))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("costPrice").hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(100);
    }

    @Test
    void aHugeExponentIsRefusedBeforeAnyScalingWithAShortMessage() {
        refusedFastWithAShortMessage("1E+10000000", "too large");
        refusedFastWithAShortMessage("1E-10000000", "decimal places");
    }

    @Test
    void aHugeCostPriceOnAVariantIsRefusedFast() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> new NewVariant("SKU", null, Map.of(), new BigDecimal("1E+10000000"), null, List.of()))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(100);
    }

    @Test
    void ordinaryValuesAreNormalisedToTheScale() {
        assertThat(Check.decimal(new BigDecimal("12.5"), "price", 12, 2)).isEqualTo(new BigDecimal("12.50"));
        assertThat(Check.decimal(new BigDecimal("1.2E+3"), "price", 12, 2)).isEqualTo(new BigDecimal("1200.00"));
        assertThat(Check.decimal(new BigDecimal("0E+10000000"), "price", 12, 2)).isEqualTo(new BigDecimal("0.00"));
        assertThat(Check.decimal(new BigDecimal("9999999999.99"), "price", 12, 2)).isEqualTo(new BigDecimal("9999999999.99"));
        assertThat(Check.decimal(new BigDecimal("1.2300000"), "price", 12, 2)).isEqualTo(new BigDecimal("1.23"));
        assertThatThrownBy(() -> Check.decimal(new BigDecimal("10000000000"), "price", 12, 2))
                .isInstanceOf(ValidationException.class).hasMessageContaining("too large");
        assertThatThrownBy(() -> Check.decimal(new BigDecimal("1.234"), "price", 12, 2))
                .isInstanceOf(ValidationException.class).hasMessageContaining("decimal places");
    }
}
