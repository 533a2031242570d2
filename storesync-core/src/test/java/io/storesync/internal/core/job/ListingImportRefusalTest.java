package io.storesync.internal.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.spi.connector.ConnectorListing;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Issue 10 item 2 for listings: what the database could not store is found before the page touches it. */
class ListingImportRefusalTest {

    @Test
    void aStorableListingHasNoProblem() {
        assertThat(ListingImport.problem(new ConnectorListing("L-1", "V-1", "SKU-1", new BigDecimal("9.50"), 1, true)))
                .isNull();
    }

    @Test
    void aProductIdLongerThan255CharactersIsAProblemNamedWithoutEchoingIt() {
        ConnectorListing l = new ConnectorListing("P".repeat(10_000), null, "SKU-1", null, null, true);
        assertThat(ListingImport.problem(l)).contains("platformProductId").contains("255").hasSizeLessThan(200);
        assertThat(ListingImport.describe(l)).hasSizeLessThan(100);
    }

    @Test
    void aNulInTheSkuIsAProblem() {
        assertThat(ListingImport.problem(new ConnectorListing("L-1", null, "A\u0000B", null, null, true)))
                .contains("sku").contains("NUL");
    }

    @Test
    void halfASurrogatePairInTheVariantIdIsAProblem() {
        assertThat(ListingImport.problem(new ConnectorListing("L-1", "V\uDC00", "SKU", null, null, true)))
                .contains("platformVariantId").contains("surrogate");
    }

    @Test
    void aPriceBeyondDecimal12Comma2IsAProblem() {
        assertThat(ListingImport.problem(new ConnectorListing("L-1", null, "SKU", new BigDecimal("1E+40"), null, true)))
                .contains("price");
    }
}
