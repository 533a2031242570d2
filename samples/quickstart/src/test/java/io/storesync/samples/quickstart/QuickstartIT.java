package io.storesync.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's demo command must keep working and keep telling the truth: run it end to end on its own embedded
 * server and check the figures it prints at each step, not only that it printed something.
 */
class QuickstartIT {

    @Test
    void theDemoWalksThroughEveryStepWithTheRightFigures() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            Quickstart.run(postgres.getPostgresDatabase(), postgres.getJdbcUrl("postgres", "postgres"), out);
        }
        String printed = buffer.toString(StandardCharsets.UTF_8);

        // tenancy and roles
        assertThat(printed).contains("migration(s) applied", "Created organization 'Toko Kopi Nusantara'",
                "ayu@tokokopi.example (owner, active just now)", "budi@tokokopi.example (member)",
                "citra@tokokopi.example (viewer)", "A viewer tried to add an admin and was refused: role viewer may not add members");
        // catalogue import reports the bad row and keeps the good ones; stock received in two locations
        assertThat(printed).contains("2 products and 3 variants created, 1 row refused",
                "row 2 (KOPI-LUWAK) refused: name must not be blank",
                "ARABICA-250G: on hand 30, reserved 0, available 30", "ROBUSTA-250G: on hand 3, reserved 0, available 3");
        // the seller's website, reached over real HTTP; the store and its encrypted credentials
        assertThat(printed).contains("serves the StoreSync HTTP contract at http://127.0.0.1:",
                "(4 products; API key and HMAC-signed requests required)", "product 101 ARABICA-250G: IDR 85000.00, stock 12",
                "Connected store 'Toko Kopi Web' (custom_website, shop toko-kopi-web), status active",
                "Credentials stored encrypted: alg=AES-GCM, key=demo-key-1, API key in the row: no");
        // the catalogue imported over HTTP and matched by SKU; the unknown SKU left for a person
        assertThat(printed).contains("The catalogue import read the site over HTTP: imported 4 listing(s): 3 matched, 1 unmatched, 3 showing other stock",
                "ARABICA-250G -> site product 101 at IDR 85000.00", "ARABICA-1KG -> site product 102 at IDR 310000.00",
                "ROBUSTA-250G -> site product 103 at IDR 75000.00", "Left for a person to map: 1 listing(s) match no variant by SKU");
        assertThat(section(printed, "\n11. ", "\n12. ")).doesNotContain("MUG-LOGO ->");
        // the site showed stale quantities: StoreSync pushed its own over HTTP, and the site shows them
        assertThat(section(printed, "\n12. ", "\n13. ")).contains("product 101 (ARABICA-250G) = 30, the site shows 30",
                "product 102 (ARABICA-1KG) = 5, the site shows 5", "product 103 (ROBUSTA-250G) = 3, the site shows 3");
        // a forged webhook refused; the signed one reserves, and the site gets the new availability
        assertThat(printed).contains("A webhook with a forged signature was refused: webhook-signature does not match",
                "The signed webhook for order WEB-1001 was accepted",
                "Order WEB-1001 ingested: awaiting_shipment, IDR 480000.00, lines [2 x ARABICA-250G reserved, 1 x ARABICA-1KG reserved]",
                "ARABICA-250G on hand 30, reserved 2, available 28; ARABICA-1KG on hand 5, reserved 1, available 4");
        assertThat(section(printed, "StoreSync pushed the new available quantities to the site", "\n14. "))
                .contains("product 101 (ARABICA-250G) = 28, the site shows 28", "product 102 (ARABICA-1KG) = 4, the site shows 4");
        // shipping commits: on hand and reserved both down
        assertThat(printed).contains("WEB-1001 shipped: shipped, lines [2 x ARABICA-250G committed, 1 x ARABICA-1KG committed]",
                "ARABICA-250G on hand 28, reserved 0, available 28; ARABICA-1KG on hand 4, reserved 0, available 4");
        // shortfall: reserved what there was, flagged, and the site shows zero
        assertThat(printed).contains("reserved what there was, shortfall 2; lines [5 x ROBUSTA-250G reserved (short 2)]",
                "ROBUSTA-250G on hand 3, reserved 3, available 0", "- WEB-1002: shortfall 2",
                "The site now shows product 103 (ROBUSTA-250G) = 0");
        assertThat(section(printed, "Orders needing attention", "The site now shows")).doesNotContain("WEB-1001");
        // the site's own request log: every call authenticated, the routes the contract names, the mug untouched
        assertThat(printed).containsPattern("The site received \\d+ HTTP request\\(s\\) from StoreSync, 0 refused");
        assertThat(section(printed, "\n16. ", "\n17. ")).contains("GET /products -> 200", "POST /stock -> 200",
                "POST /orders/lookup -> 200", "Product 104 (MUG-LOGO), which StoreSync does not sell, still shows 4");
        // the ledger, newest first, and the reports
        assertThat(printed).containsPattern(Pattern.compile(
                "commit +on hand +-2, reserved +-2 at Gudang Jakarta.*\\R.*reserve +on hand +\\+0, reserved +\\+2 at Gudang Jakarta.*"
                        + "\\R.*receive +on hand \\+10, reserved +\\+0 at Toko Bandung.*\\R.*receive +on hand \\+20, reserved +\\+0 at Gudang Jakarta"));
        assertThat(printed).contains("ROBUSTA-250G at Gudang Jakarta: available 0, reorder point 5 -> order 24",
                "ARABICA-1KG at Gudang Jakarta: available 4, reorder point 4 -> order 10");
        assertThat(printed).containsPattern("Toko Kopi Web: 2 orders, 8 units, IDR 855000\\.00");
        assertThat(printed).contains("Workers stopped; done in");
    }

    private static String section(String text, String from, String to) {
        int start = text.indexOf(from);
        int end = text.indexOf(to, start + from.length());
        assertThat(start).as("'%s' printed", from).isNotNegative();
        assertThat(end).as("'%s' printed after '%s'", to, from).isGreaterThan(start);
        return text.substring(start, end);
    }
}
