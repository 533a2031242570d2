package io.storesync.jdbi;

import static io.storesync.testkit.tck.Snapshots.line;
import static io.storesync.testkit.tck.Snapshots.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storesync.api.AccessDeniedException;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.compliance.BuyerQuery;
import io.storesync.api.compliance.ErasureResult;
import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.order.Order;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.store.Platform;
import io.storesync.api.store.StoreId;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.Shop;
import io.storesync.testkit.tck.Sql;
import io.storesync.testkit.tck.StoreSyncCompatibilityKit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 14 (data subject rights): a buyer's data is exported as one JSON document and erased everywhere in the
 * tenant (proven by scanning every text, JSON and byte column of every table through the catalog), while amounts,
 * lines, statuses and the ledger stay; later orders of an erased buyer are anonymised on arrival.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class BuyerErasureIT {
    private static final Map<String, Object> SITI = Map.of("name", "Siti Rahayu", "email", "Siti.Rahayu@mail.test",
            "phone", "+62811223344", "address", Map.of("line1", "Jl. Melati No. 7", "city", "Bandung"), "buyer_id", "siti_r88");
    private static final List<String> SITI_VALUES = List.of("Siti Rahayu", "siti.rahayu@mail.test", "+62811223344",
            "Jl. Melati No. 7", "siti_r88");
    private TestDatabase db;
    private Shop shop;
    private StoreId store;
    private VariantId kopi;

    @BeforeEach
    void open(TestDatabase db) throws Exception {
        this.db = db;
        shop = new Shop(StoreSyncCompatibilityKit.withFakeMarketplaces(db.storeSyncBuilder()).build(), db.appDataSource(),
                db.schema());
        Location main = shop.location("Main");
        kopi = shop.variant("KOPI");
        store = shop.store(Platform.SHOPEE, true);
        shop.listing(store, kopi, "1001", null);
        shop.owner().inventory().receive(kopi, main.id(), 50, StockContext.none());
    }

    private OrderSnapshot orderOf(String sn, Map<String, Object> customer, String notes) {
        OrderSnapshot s = order(store, Platform.SHOPEE, sn, "COMPLETED", 0, List.of(line("a", "1001", null, "KOPI", 2)));
        Map<String, Object> platformData = new LinkedHashMap<>(s.platformData());
        platformData.put("recipient", customer.get("name"));
        return new OrderSnapshot(s.storeId(), s.platformOrderId(), s.orderNumber(), s.platformStatus(), s.status(),
                s.financialStatus(), s.fulfillmentStatus(), s.subtotal(), s.taxAmount(), s.shippingAmount(),
                s.discountAmount(), s.totalAmount(), s.currency(), customer, s.tags(), notes, s.orderedAt(),
                s.platformUpdatedAt(), platformData, s.lines());
    }

    private void plantMentions() throws Exception {
        try (Connection c = Sql.tenant(db.appDataSource(), db.schema(), shop.org.id().value())) {
            Sql.exec(c, "INSERT INTO webhook_events (organization_id, event_type, payload, status, raw_body)"
                    + " VALUES (?, 'order', CAST(? AS jsonb), 'processed', convert_to(?, 'UTF8'))", shop.org.id().value(),
                    "{\"buyer\":{\"email\":\"Siti.Rahayu@mail.test\",\"name\":\"Siti Rahayu\"},\"order_sn\":\"SN-1\"}",
                    "{\"buyer\":{\"email\":\"Siti.Rahayu@mail.test\"}}");
            java.util.UUID job = Sql.id(c, "INSERT INTO sync_jobs (organization_id, job_type, status, error_message)"
                    + " VALUES (?, 'order.poll', 'failed', 'address rejected: Jl. Melati No. 7') RETURNING id", shop.org.id().value());
            Sql.exec(c, "INSERT INTO sync_logs (organization_id, sync_job_id, level, message, details) VALUES (?, ?, 'warn',"
                    + " 'order SN-1 for siti.rahayu@mail.test has no stock', CAST(? AS jsonb))", shop.org.id().value(), job,
                    "{\"phone\":\"+62811223344\"}");
            c.commit();
        }
    }

    @Test
    void theExportHoldsTheBuyersOrdersWithLinesAndWhatMentionsThem() throws Exception {
        shop.owner().orders().ingest(orderOf("SN-1", SITI, "leave at the gate"));
        shop.owner().orders().ingest(orderOf("SN-2", Map.of("name", "Andi", "email", "andi@mail.test"), null));
        plantMentions();

        String export = shop.owner().compliance().exportBuyer(BuyerQuery.email("SITI.RAHAYU@mail.test"));

        assertThat(export).contains("SN-1").contains("Siti Rahayu").contains("leave at the gate").contains("\"lines\"")
                .contains("Item KOPI").contains("has no stock").contains("order_sn").doesNotContain("SN-2").doesNotContain("andi@");
        assertThatThrownBy(() -> shop.member().compliance().exportBuyer(BuyerQuery.email("siti.rahayu@mail.test")))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(shop.scalar("SELECT count(*) FROM audit_events WHERE action = 'compliance.exportBuyer'")).isEqualTo(1);
        assertThat(shop.scalar("SELECT count(*) FROM audit_events WHERE lower(changes::text) LIKE '%siti%'")).isZero();
    }

    @Test
    void erasureLeavesNoIdentifyingValueAnywhereInTheTenantAndKeepsTheBooks() throws Exception {
        shop.owner().orders().ingest(orderOf("SN-1", SITI, "leave at the gate, Siti Rahayu"));
        shop.owner().orders().ingest(orderOf("SN-3", SITI, null));
        shop.owner().orders().ingest(orderOf("SN-2", Map.of("name", "Andi Wijaya", "email", "andi@mail.test"), null));
        plantMentions();
        Order before = shop.owner().orders().findByPlatformId(store, "SN-1").orElseThrow();
        long ledgerRows = shop.scalar("SELECT count(*) FROM inventory_transactions");
        assertThat(scan(SITI_VALUES)).isNotEmpty();

        ErasureResult r = shop.owner().compliance().eraseBuyer(new BuyerQuery(null, "+62811223344", null), true);

        assertThat(r.orders()).isEqualTo(2);
        assertThat(r.webhookEvents()).isEqualTo(1);
        assertThat(r.logLines()).isGreaterThanOrEqualTo(2);
        assertThat(scan(SITI_VALUES)).as("identifying values left in the tenant").isEmpty();
        Order after = shop.owner().orders().findByPlatformId(store, "SN-1").orElseThrow();
        assertThat(after.totalAmount()).isEqualByComparingTo(before.totalAmount());
        assertThat(after.status()).isEqualTo(before.status());
        assertThat(after.lines()).hasSameSizeAs(before.lines());
        assertThat(after.lines().get(0).quantity()).isEqualTo(before.lines().get(0).quantity());
        assertThat(after.customerInfo()).containsEntry("erased", true);
        assertThat(shop.scalar("SELECT count(*) FROM inventory_transactions")).isEqualTo(ledgerRows);
        assertThat(shop.ledgerProblems()).isEmpty();
        assertThat(shop.owner().orders().findByPlatformId(store, "SN-2").orElseThrow().customerInfo()).containsEntry("name", "Andi Wijaya");
        assertThat(shop.scalar("SELECT count(*) FROM audit_events WHERE action = 'compliance.eraseBuyer'")).isEqualTo(1);

        // a later order of the erased buyer is anonymised as it is stored
        shop.owner().orders().ingest(orderOf("SN-9", Map.of("name", "S. Rahayu", "phone", "+62811223344"), "call first"));
        Order later = shop.owner().orders().findByPlatformId(store, "SN-9").orElseThrow();
        assertThat(later.customerInfo()).isEqualTo(Map.of("erased", true));
        assertThat(later.notes()).isNull();
        assertThat(scan(List.of("S. Rahayu"))).isEmpty();
        assertThat(shop.scalar("SELECT count(*) FROM erased_buyers")).isEqualTo(1);
    }

    /**
     * Siti and Budi live at one address and share the household's phone. Erasing Siti (by her email) erases her
     * orders and every value of hers in the rows that are hers, shared ones included; rows that mention only the
     * shared values are Budi's and stay as they were, and so does his order.
     */
    @Test
    void erasureLeavesWhatAnotherBuyerSharesWithTheErasedOneIntact() throws Exception {
        Map<String, Object> budi = Map.of("name", "Budi Hartono", "email", "budi.h@mail.test", "phone", "+62811223344",
                "address", Map.of("line1", "Jl. Melati No. 7", "city", "Bandung"), "buyer_id", "budi_h12");
        shop.owner().orders().ingest(orderOf("SN-1", SITI, null));
        shop.owner().orders().ingest(orderOf("SN-4", budi, null));
        String budisPayload = "{\"buyer\": {\"email\": \"budi.h@mail.test\", \"phone\": \"+62811223344\", \"address\": \"Jl. Melati No. 7\"}}";
        try (Connection c = Sql.tenant(db.appDataSource(), db.schema(), shop.org.id().value())) {
            for (String payload : List.of(budisPayload,
                    "{\"buyer\": {\"email\": \"Siti.Rahayu@mail.test\", \"address\": \"Jl. Melati No. 7\"}}")) {
                Sql.exec(c, "INSERT INTO webhook_events (organization_id, event_type, payload, status, raw_body)"
                        + " VALUES (?, 'order', CAST(? AS jsonb), 'processed', convert_to(?, 'UTF8'))", shop.org.id().value(),
                        payload, payload);
            }
            java.util.UUID job = Sql.id(c, "INSERT INTO sync_jobs (organization_id, job_type, status, error_message)"
                    + " VALUES (?, 'order.poll', 'failed', 'courier could not reach +62811223344') RETURNING id", shop.org.id().value());
            Sql.exec(c, "INSERT INTO sync_logs (organization_id, sync_job_id, level, message) VALUES (?, ?, 'info', ?), (?, ?, 'info', ?)",
                    shop.org.id().value(), job, "courier called +62811223344 about SN-4 at Jl. Melati No. 7",
                    shop.org.id().value(), job, "order SN-1 for siti.rahayu@mail.test ships to Jl. Melati No. 7, +62811223344");
            c.commit();
        }

        ErasureResult r = shop.owner().compliance().eraseBuyer(BuyerQuery.email("siti.rahayu@mail.test"), false);

        assertThat(r.orders()).isEqualTo(1);
        assertThat(r.webhookEvents()).isEqualTo(1);
        assertThat(r.logLines()).isEqualTo(1);
        // nothing only Siti had is left anywhere
        assertThat(scan(List.of("Siti Rahayu", "siti.rahayu@mail.test", "siti_r88"))).isEmpty();
        // Budi's order, his webhook event (body and payload) and the lines about him are as they were
        assertThat(shop.owner().orders().findByPlatformId(store, "SN-4").orElseThrow().customerInfo()).isEqualTo(budi);
        assertThat(shop.scalar("SELECT count(*) FROM webhook_events WHERE payload = CAST(? AS jsonb)"
                + " AND convert_from(raw_body, 'UTF8') = ?", budisPayload, budisPayload)).isEqualTo(1);
        assertThat(shop.scalar("SELECT count(*) FROM sync_logs WHERE message = 'courier called +62811223344 about SN-4 at Jl. Melati No. 7'"))
                .isEqualTo(1);
        assertThat(shop.scalar("SELECT count(*) FROM sync_jobs WHERE error_message = 'courier could not reach +62811223344'"))
                .isEqualTo(1);
        // in Siti's own rows the shared values went with hers
        assertThat(shop.scalar("SELECT count(*) FROM sync_logs WHERE message = 'order SN-1 for [erased] ships to [erased], [erased]'"))
                .isEqualTo(1);
        assertThat(shop.scalar("SELECT count(*) FROM webhook_events WHERE payload::text LIKE '%[erased]%'"
                + " AND payload::text NOT LIKE '%Melati%' AND raw_body IS NULL")).isEqualTo(1);
    }

    /** Every text, character, JSON and byte column of every table the application role can read, in this tenant. */
    private List<String> scan(List<String> values) throws Exception {
        List<String> found = new ArrayList<>();
        List<String[]> columns = new ArrayList<>();
        try (Connection c = Sql.tenant(db.appDataSource(), db.schema(), shop.org.id().value());
             PreparedStatement ps = c.prepareStatement("SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c"
                     + " JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
                     + " WHERE c.table_schema = ? AND t.table_type = 'BASE TABLE' AND (c.data_type IN ('text', 'character varying',"
                     + " 'character', 'json', 'jsonb', 'bytea', 'ARRAY') OR c.udt_name = 'tsvector')"
                     + " AND has_table_privilege(quote_ident(c.table_schema) || '.' || quote_ident(c.table_name), 'SELECT')")) {
            ps.setString(1, db.schema());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
            assertThat(columns.size()).isGreaterThan(40);
            for (String[] col : columns) {
                String text = col[2].equals("bytea") ? "encode(" + col[1] + ", 'escape')" : col[1] + "::text";
                for (String v : values) {
                    long n = Sql.scalar(c, "SELECT count(*) FROM " + col[0] + " WHERE strpos(lower(" + text + "), lower(?)) > 0", v);
                    if (n > 0) found.add(col[0] + "." + col[1] + " holds '" + v + "' (" + n + " row(s))");
                }
            }
            c.commit();
        }
        return found;
    }
}
