package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.ProductUpsert;
import io.storesync.api.catalogue.UpsertResult;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.catalogue.VariantUpsert;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.ReorderSuggestion;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.UserId;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.Sql;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10 item 19: the reorder report is bounded at {@link ReorderSuggestion#REPORT_LIMIT} however many items are
 * due, and what it leaves out is the least urgent, as {@code Inventory.reorderReport()} documents.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class ReorderReportLimitIT {
    private static final int OVER = 50;
    private static final int ITEMS = ReorderSuggestion.REPORT_LIMIT + OVER;
    private final TestDatabase db;

    ReorderReportLimitIT(TestDatabase db) {
        this.db = db;
    }

    private static String sku(int i) {
        return String.format("R-%05d", i);
    }

    @Test
    void moreItemsDueThanTheLimitGiveTheLimitMostUrgentFirst() throws Exception {
        StoreSync sync = db.storeSync();
        UserId ownerId = UserId.random();
        Organization org = sync.createOrganization(NewOrganization.of("Many due", "many-due", ownerId, "due@x.example", "O"));
        Tenant owner = sync.tenant(org.id(), Actor.user(ownerId));
        List<ProductUpsert> rows = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) rows.add(ProductUpsert.of("P-" + sku(i), "Item " + i, List.of(VariantUpsert.of(sku(i)))));
        UpsertResult saved = owner.catalogue().upsert(rows);
        assertThat(saved.failures()).isEmpty();
        assertThat(saved.variantsInserted()).isEqualTo(ITEMS);
        LocationId main = owner.locations().create(NewLocation.named("Reorder shelf")).id();

        // reorder points in one statement as the application role in the tenant (the API sets one item per call):
        // nothing on hand, point i + 1 for the i-th SKU, so the higher the point the more urgent
        try (Connection c = Sql.tenant(db.appDataSource(), db.schema(), org.id().value())) {
            Sql.exec(c, "INSERT INTO inventory_items (organization_id, product_variant_id, location_id, reorder_point,"
                    + " reorder_quantity) SELECT v.organization_id, v.id, ?, row_number() OVER (ORDER BY v.variant_sku), 5"
                    + " FROM product_variants v WHERE v.organization_id = ?", main.value(), org.id().value());
            c.commit();
        }
        // and one through the API: the least urgent SKU becomes the most urgent
        VariantId first = owner.catalogue().findVariantsBySku(sku(0)).get(0).id();
        owner.inventory().setReorderPoint(first, main, 2 * ITEMS, 5);

        List<ReorderSuggestion> report = owner.inventory().reorderReport();

        assertThat(report).hasSize(ReorderSuggestion.REPORT_LIMIT);
        assertThat(report.get(0).sku()).isEqualTo(sku(0));
        assertThat(report.get(0).suggestedQuantity()).isEqualTo(2 * ITEMS + 1);
        // lowest (available - point) first
        assertThat(report).extracting(s -> s.level().available() - s.level().reorderPoint()).isSorted();
        // left out: exactly the OVER least urgent, points 2 .. OVER + 1
        Set<String> expected = new HashSet<>();
        expected.add(sku(0));
        IntStream.range(OVER + 1, ITEMS).forEach(i -> expected.add(sku(i)));
        assertThat(report).extracting(ReorderSuggestion::sku).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    }
}
