package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.StoreSync;
import io.storesync.api.ValidationException;
import io.storesync.api.catalogue.ProductUpsert;
import io.storesync.api.catalogue.RowFailure;
import io.storesync.api.catalogue.UpsertResult;
import io.storesync.api.catalogue.VariantUpsert;
import io.storesync.internal.jdbi.JdbiPersistenceProvider;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.SyncFixture;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 10 item 19: reports and bulk calls stay bounded. */
@ExtendWith(StoreSyncDatabaseExtension.class)
class BoundedCallsIT {
    private final StoreSync sync;
    private final SyncFixture fx;
    private final AtomicInteger commits = new AtomicInteger();

    BoundedCallsIT(TestDatabase db) {
        this.fx = new SyncFixture(db, FakeMarketplace.create(),
                (ds, schema) -> StoreSync.builder().dataSource(ds).schema(schema).persistence(new JdbiPersistenceProvider()));
        this.sync = db.storeSyncBuilder().dataSource(countingCommits(db.appDataSource(), commits))
                .credentialKeys(SyncFixture.KEYS).build();
    }

    /** {@code pool}, counting the commits of the connections it hands out. */
    private static DataSource countingCommits(DataSource pool, AtomicInteger commits) {
        return (DataSource) Proxy.newProxyInstance(BoundedCallsIT.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(pool, method, args);
                    if (!(result instanceof Connection c)) return result;
                    return Proxy.newProxyInstance(BoundedCallsIT.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("commit")) commits.incrementAndGet();
                                return invoke(c, m, a);
                            });
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void salesBySkuCoverAQuarterAtMostWhileSalesPerStoreStillCoverAYear() {
        SyncFixture.Org org = fx.organization(sync);
        LocalDate from = LocalDate.of(2026, 1, 1);
        assertThat(org.owner().orders().dailySalesBySku(from, from.plusDays(92), ZoneId.of("UTC"))).isEmpty();
        assertThatThrownBy(() -> org.owner().orders().dailySalesBySku(from, from.plusDays(200), ZoneId.of("UTC")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("92 days");
        assertThat(org.owner().orders().dailySales(from, from.plusDays(365), ZoneId.of("UTC"))).isEmpty();
    }

    @Test
    void aBulkUpsertLargerThanOneTransactionChunkReportsEveryRowAgainstItsIndex() {
        SyncFixture.Org org = fx.organization(sync);
        List<ProductUpsert> rows = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            rows.add(ProductUpsert.of(String.format("CHUNK-%04d", i), "Product " + i, List.of(VariantUpsert.of(String.format("CHUNK-%04d-A", i)))));
        }
        rows.set(2_400, ProductUpsert.of("CHUNK-0007", "Repeated", List.of(VariantUpsert.of("CHUNK-0007-B"))));
        rows.set(1_500, ProductUpsert.of("CHUNK-1500", "", List.of()));
        int before = commits.get();
        UpsertResult result = org.owner().catalogue().upsert(rows);
        // 2,498 valid rows in transactions of at most 1,000, then the call's audit row in one of its own (a call
        // spanning several transactions is audited once it is over: compliance.md)
        assertThat(commits.get() - before).as("transactions the upsert committed, its audit row's included").isEqualTo(3 + 1);
        assertThat(result.failures()).extracting(RowFailure::index).containsExactly(1_500, 2_400);
        assertThat(result.productsInserted()).isEqualTo(2_498);
        assertThat(org.owner().catalogue().findProductBySku("CHUNK-2499")).isPresent();
    }
}
