package io.storesync.jdbi;

import static io.storesync.testkit.tck.Snapshots.line;
import static io.storesync.testkit.tck.Snapshots.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storesync.api.AccessDeniedException;
import io.storesync.api.ValidationException;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.compliance.Discrepancy;
import io.storesync.api.compliance.Discrepancy.Kind;
import io.storesync.api.compliance.IntegrityReport;
import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.store.Platform;
import io.storesync.api.store.StoreId;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.Shop;
import io.storesync.testkit.tck.Sql;
import io.storesync.testkit.tck.StoreSyncCompatibilityKit;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 14 (integrity check): each kind of discrepancy, planted by the owner role behind the engine's back, is found;
 * the repair writes correcting ledger rows with the reason (counters untouched) and marks missing pushes; what needs a
 * person's decision is reported and left alone.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class IntegrityCheckIT {
    private TestDatabase db;
    private Shop shop;
    private VariantId kopi;
    private VariantId teh;
    private Location main;
    private StoreId store;

    @BeforeEach
    void open(TestDatabase db) throws Exception {
        this.db = db;
        shop = new Shop(StoreSyncCompatibilityKit.withFakeMarketplaces(db.storeSyncBuilder()).build(), db.appDataSource(),
                db.schema());
        main = shop.location("Main");
        kopi = shop.variant("KOPI");
        teh = shop.variant("TEH");
        store = shop.store(Platform.SHOPEE, true);
        shop.listing(store, kopi, "1001", null);
        shop.listing(store, teh, "1002", null);
        shop.owner().inventory().receive(kopi, main.id(), 20, StockContext.none());
        shop.owner().orders().ingest(order(store, Platform.SHOPEE, "SN1", "READY_TO_SHIP", 0, List.of(line("a", "1001", null, "KOPI", 3))));
        shop.owner().orders().ingest(order(store, Platform.SHOPEE, "SN2", "READY_TO_SHIP", 0, List.of(line("a", "1001", null, "KOPI", 1))));
    }

    /** As the owner, with the tenant set: what an operator with a psql prompt (or a bad restore) can do. */
    private void asOwner(String sql, Object... args) throws SQLException {
        try (Connection c = Sql.tenant(db.ownerDataSource(), db.schema(), shop.org.id().value())) {
            Sql.exec(c, sql, args);
            c.commit();
        }
    }

    @Test
    void eachPlantedDiscrepancyIsFoundAndTheRepairableOnesAreRepairedThroughTheLedger() throws Exception {
        assertThat(shop.owner().compliance().verify().discrepancies()).isEmpty();
        UUID item = UUID.fromString(idOf("SELECT id FROM inventory_items WHERE product_variant_id = '" + kopi.value() + "'"));

        asOwner("INSERT INTO inventory_transactions (organization_id, inventory_item_id, transaction_type, quantity_change)"
                + " VALUES (?, ?, 'receive', 5)", shop.org.id().value(), item);
        asOwner("UPDATE inventory_items SET quantity_reserved = 1 WHERE id = ?", item);
        asOwner("UPDATE product_variants SET is_active = false WHERE id = ?", teh.value());
        asOwner("UPDATE order_items SET shortfall_quantity = quantity + 2 WHERE order_id = (SELECT id FROM orders WHERE platform_order_id = 'SN2')");
        asOwner("DELETE FROM stock_changes");
        asOwner("DELETE FROM stock_push_pending");
        // a negative counter cannot even be planted: the database's constraints refuse it, for the owner too
        int refused = 0;
        for (String bad : List.of("UPDATE inventory_items SET quantity_on_hand = -1 WHERE id = ?",
                "UPDATE inventory_items SET quantity_reserved = quantity_on_hand + 1 WHERE id = ?")) {
            try {
                asOwner(bad, item);
            } catch (SQLException e) {
                assertThat(e.getSQLState()).isEqualTo("23514");
                refused++;
            }
        }
        assertThat(refused).isEqualTo(2);

        IntegrityReport found = shop.owner().compliance().verify();

        assertThat(found.discrepancies()).extracting(Discrepancy::kind).containsExactlyInAnyOrder(Kind.LEDGER_ON_HAND,
                Kind.LEDGER_RESERVED, Kind.RESERVED_BELOW_ORDERS, Kind.LISTING_INACTIVE_VARIANT, Kind.LINE_OVER_RESERVED,
                Kind.PUSH_MISSING);
        assertThat(found.discrepancies()).filteredOn(d -> d.kind() == Kind.LEDGER_ON_HAND).first()
                .satisfies(d -> assertThat(d.detail()).contains("on hand 20, ledger sums to 25").contains("-5"));
        assertThat(shop.ledgerProblems()).isNotEmpty();
        assertThat(shop.scalar("SELECT count(*) FROM audit_events WHERE action LIKE 'compliance.%'")).isZero();

        assertThatThrownBy(() -> shop.owner().compliance().repair(" ")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> shop.member().compliance().verify()).isInstanceOf(AccessDeniedException.class);
        IntegrityReport repaired = shop.owner().compliance().repair("restore drill 2026-12-01");

        assertThat(repaired.repaired()).isEqualTo(3);
        assertThat(shop.ledgerProblems()).isEmpty();
        assertThat(shop.scalar("SELECT quantity_on_hand FROM inventory_items WHERE id = ?", item)).isEqualTo(20);
        assertThat(shop.scalar("SELECT quantity_reserved FROM inventory_items WHERE id = ?", item)).isEqualTo(1);
        assertThat(shop.scalar("SELECT count(*) FROM inventory_transactions WHERE reference_type = 'integrity_repair'"
                + " AND notes = 'integrity repair: restore drill 2026-12-01'")).isEqualTo(2);
        assertThat(shop.scalar("SELECT count(*) FROM stock_changes WHERE product_variant_id = ?", kopi.value())).isEqualTo(1);
        assertThat(shop.scalar("SELECT count(*) FROM audit_events WHERE action = 'compliance.repair'")).isEqualTo(1);
        assertThat(shop.owner().compliance().verify().discrepancies()).extracting(Discrepancy::kind)
                .containsExactlyInAnyOrder(Kind.RESERVED_BELOW_ORDERS, Kind.LISTING_INACTIVE_VARIANT, Kind.LINE_OVER_RESERVED);
    }

    private String idOf(String sql) throws SQLException {
        try (Connection c = Sql.tenant(db.appDataSource(), db.schema(), shop.org.id().value())) {
            UUID id = Sql.id(c, sql);
            c.commit();
            return id.toString();
        }
    }
}
