package io.storesync.internal.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.spi.connector.ConnectorListing;
import io.storesync.spi.persistence.MappedListing;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ListingImportTest {
    private final UUID red = UUID.randomUUID();
    private final UUID blue = UUID.randomUUID();
    private final UUID otherBlue = UUID.randomUUID();

    private static ConnectorListing listing(String product, String sku) {
        return new ConnectorListing(product, null, sku, new BigDecimal("9.90"), 3, true);
    }

    @Test
    void aListingMapsToTheOneActiveVariantWithItsSku() {
        ConnectorListing l = listing("p1", "TEE-RED");
        ListingImport.Matches m = ListingImport.match(List.of(l), Map.of("TEE-RED", List.of(red)));
        assertThat(m.mapped()).containsExactly(new MappedListing(l, red));
        assertThat(m.unmatched()).isEmpty();
    }

    @Test
    void aSkuNoVariantHasStaysUnmatched() {
        ListingImport.Matches m = ListingImport.match(List.of(listing("p1", "GHOST")), Map.of("TEE-RED", List.of(red)));
        assertThat(m.mapped()).isEmpty();
        assertThat(m.unmatched()).containsExactly("GHOST");
    }

    @Test
    void aSkuOfTwoVariantsIsAmbiguousAndLeftForAPerson() {
        ListingImport.Matches m = ListingImport.match(List.of(listing("p1", "TEE-BLUE")),
                Map.of("TEE-BLUE", List.of(blue, otherBlue)));
        assertThat(m.mapped()).isEmpty();
        assertThat(m.unmatched()).containsExactly("TEE-BLUE");
    }

    @Test
    void aListingWithoutSkuOrWithABlankOneIsReportedByProduct() {
        ConnectorListing none = new ConnectorListing("p7", "v1", null, null, null, true);
        ListingImport.Matches m = ListingImport.match(List.of(none, listing("p8", "  ")), Map.of("  ", List.of(red)));
        assertThat(m.mapped()).isEmpty();
        assertThat(m.unmatched()).containsExactly("(no SKU: product p7)", "(no SKU: product p8)");
    }

    @Test
    void skusMatchExactlyWithoutFoldingCase() {
        ListingImport.Matches m = ListingImport.match(List.of(listing("p1", "tee-red")), Map.of("TEE-RED", List.of(red)));
        assertThat(m.unmatched()).containsExactly("tee-red");
    }

    @Test
    void aPageKeepsItsOrderAndTwoListingsMayShareAVariant() {
        ConnectorListing a = listing("p1", "TEE-RED");
        ConnectorListing b = listing("p2", "GHOST");
        ConnectorListing c = listing("p3", "TEE-RED");
        ListingImport.Matches m = ListingImport.match(List.of(a, b, c), Map.of("TEE-RED", List.of(red)));
        assertThat(m.mapped()).containsExactly(new MappedListing(a, red), new MappedListing(c, red));
        assertThat(m.unmatched()).containsExactly("GHOST");
    }
}
