package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import io.storesync.StoreSync;
import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import io.storesync.api.ValidationException;
import io.storesync.api.catalogue.NewProduct;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.inventory.StockTotals;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.internal.jdbi.JdbiPersistenceProvider;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.SyncFixture;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10 items 24, 25 and the last part of 21 through the public API: numbers past {@code int}, times past what
 * PostgreSQL or {@code java.time} hold and text past what PostgreSQL can index are either answered correctly or
 * refused with a typed error, never {@code INTERNAL}, a raw JDK exception, or a message about a negative quantity
 * nobody asked for.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class OutOfRangeInputsIT {
    private final StoreSync sync;
    private final SyncFixture fx;

    OutOfRangeInputsIT(TestDatabase db) {
        this.fx = new SyncFixture(db, FakeMarketplace.create(),
                (ds, schema) -> StoreSync.builder().dataSource(ds).schema(schema).persistence(new JdbiPersistenceProvider()));
        this.sync = db.storeSyncBuilder().credentialKeys(SyncFixture.KEYS).connector(fx.fake.provider()).build();
    }

    @Test
    void intMaxUnitsAtTwoLocationsGiveTotalsOrATypedRefusalAndAnUnplacedReservationStillWorks() {
        SyncFixture.Org org = fx.organization(sync);
        VariantId v = fx.variant(org, "BIG", 0);
        LocationId a = fx.mainLocation(org);
        LocationId b = org.owner().locations().create(NewLocation.named("B")).id();
        org.owner().inventory().receive(v, a, Integer.MAX_VALUE, StockContext.none());
        Throwable second = catchThrowable(() -> org.owner().inventory().receive(v, b, Integer.MAX_VALUE, StockContext.none()));
        typedOrNone(second);

        Throwable totals = catchThrowable(() -> org.owner().inventory().totals(v));
        typedOrNone(totals);
        if (totals == null && second == null) {
            StockTotals t = org.owner().inventory().totals(v);
            assertThat(t.levels()).hasSize(2);
            assertThat(t.onHand()).isPositive();
        }

        Throwable reserve = catchThrowable(() -> org.owner().inventory().reserve(v, null, 5, StockContext.none()));
        assertThat(reserve).as("5 units without a location, with billions on hand").isNull();
        assertThat(org.owner().inventory().level(v, a).reserved() + org.owner().inventory().level(v, b).reserved()).isEqualTo(5);
    }

    @Test
    void salesUpToTheLastDateJavaKnowsAreATypedRefusal() {
        SyncFixture.Org org = fx.organization(sync);
        ZoneId utc = ZoneId.of("UTC");
        typed(() -> org.owner().orders().dailySales(LocalDate.MAX, LocalDate.MAX, utc));
        typed(() -> org.owner().orders().dailySales(LocalDate.MAX.minusDays(3), LocalDate.MAX, utc));
        typed(() -> org.owner().orders().dailySales(LocalDate.MIN, LocalDate.MIN.plusDays(3), utc));
        typed(() -> org.owner().orders().dailySalesBySku(LocalDate.MAX, LocalDate.MAX, utc));
    }

    @Test
    void aJobDelayedThreeHundredYearsIsEnqueuedOrRefusedTyped() {
        SyncFixture.Org org = fx.organization(sync);
        Throwable t = catchThrowable(() -> org.owner().jobs().enqueue(
                NewJob.of(JobType.NO_OP, null).withDelay(Duration.ofDays(365L * 300))));
        typedOrNone(t);
        typedOrNone(catchThrowable(() -> org.owner().jobs().enqueue(
                NewJob.of(JobType.NO_OP, null).withDelay(Duration.ofSeconds(Long.MAX_VALUE)))));
    }

    /**
     * Item 21: a description whose words overflow the search document's tsvector (PostgreSQL's 1 MB limit, SQLSTATE
     * 54000) was INTERNAL on the single-product path; the bulk path already reported it per row.
     */
    @Test
    void aDescriptionTooLargeForTheSearchIndexIsAValidationErrorAndStoresNothing() {
        SyncFixture.Org org = fx.organization(sync);
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 300_000; i++) words.append("kata").append(Integer.toString(i, 36)).append(' ');
        Throwable t = catchThrowable(() -> org.owner().catalogue().createProduct(new NewProduct("LONG-1", "Kamus",
                words.toString(), null, null, null, null, null, List.of(), Map.of())));
        assertThat(t).isInstanceOf(ValidationException.class).hasMessageContaining("too large");
        assertThat(t.getMessage()).hasSizeLessThan(500);
        assertThat(org.owner().catalogue().findProductBySku("LONG-1")).isEmpty();
    }

    private static void typed(Supplier<?> call) {
        Throwable t = catchThrowable(call::get);
        assertThat(t).as("an answer for an impossible range").isNotNull();
        typedOrNone(t);
    }

    private static void typedOrNone(Throwable t) {
        if (t == null) return;
        assertThat(t).isInstanceOf(StoreSyncException.class);
        assertThat(((StoreSyncException) t).code()).as(t.getMessage()).isNotEqualTo(ErrorCode.INTERNAL);
        assertThat(t.getMessage()).doesNotContain("must be positive");
    }
}
