package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.Secret;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.Tenant;
import io.storesync.api.job.WorkerOptions;
import io.storesync.api.job.Workers;
import io.storesync.api.order.IngestResult;
import io.storesync.api.order.OrderLineSnapshot;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.order.OrderStatusMapping;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.Platform;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreSettings;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.SyncFixture;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An order poll reads the next page while it ingests the last one (issue 13: the TikTok Shop benchmark's poll was
 * ingestion plus calls, one after the other). The marketplace serves one order a page; as each page's ingestion
 * ends, the listener looks whether the next page has already been asked for (waiting up to ten seconds for it).
 * Read one after the other, it never has: the next read starts only after the listener returns.
 */
@SuppressWarnings("try")
@ExtendWith(StoreSyncDatabaseExtension.class)
class OrderPagePrefetchIT {
    private static final int ORDERS = 4;

    @Test
    void theNextPageIsReadWhileThisOneIsIngestedAndEveryOrderIsStored(TestDatabase db) throws Exception {
        FakeMarketplace shopee = FakeMarketplace.create(Platform.SHOPEE).pageSize(1);
        List<Boolean> nextAskedDuringIngestion = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger ingested = new java.util.concurrent.atomic.AtomicInteger();
        StoreSyncListener listener = new StoreSyncListener() {
            @Override
            public void ordersIngested(String platform, List<IngestResult> results) {
                if (results.isEmpty()) return;
                int page = ingested.addAndGet(results.size());
                if (page >= ORDERS) return;
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                // page n was asked for by the first poll call and n more: the next one is call n + 1
                while (shopee.calls(FakeMarketplace.Operation.ORDERS_CHANGED) < page + 1 && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                nextAskedDuringIngestion.add(shopee.calls(FakeMarketplace.Operation.ORDERS_CHANGED) >= page + 1);
            }
        };
        StoreSync sync = db.storeSyncBuilder().credentialKeys(SyncFixture.KEYS).discoverConnectors(false)
                .connector(shopee.provider()).listener(listener).build();
        UserId ownerId = UserId.random();
        Organization org = sync.createOrganization(NewOrganization.of("Prefetch", "prefetch-poll", ownerId, "p@x.example", "P"));
        Tenant owner = sync.tenant(org.id(), Actor.user(ownerId));
        Store store = owner.stores().connect(new NewStore(Platform.SHOPEE, "Pages", "shop-prefetch",
                StoreCredentials.of(Secret.of(SyncFixture.ACCESS_TOKEN), Secret.of("refresh"), Instant.now().plus(Duration.ofDays(30))),
                StoreSettings.DEFAULTS.withOrderPollInterval(Duration.ofHours(1))));
        Instant base = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        List<OrderSnapshot> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) orders.add(order(store, "P" + i, base.plusSeconds(i)));
        shopee.putOrders("shop-prefetch", orders);

        try (Workers workers = sync.startWorkers(WorkerOptions.defaults(2)
                .withIntervals(Duration.ofMillis(100), Duration.ofMillis(200)).withShutdownTimeout(Duration.ofSeconds(5)))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (ingested.get() < ORDERS && System.nanoTime() < deadline) Thread.sleep(50);
        }
        assertThat(ingested).as("orders ingested, one a page").hasValue(ORDERS);
        assertThat(nextAskedDuringIngestion).as("whether the next page was asked for while each page was ingested")
                .hasSize(ORDERS - 1).containsOnly(true);
        for (OrderSnapshot o : orders) {
            assertThat(owner.orders().findByPlatformId(store.id(), o.platformOrderId())).isPresent();
        }
    }

    private static OrderSnapshot order(Store store, String id, Instant at) {
        BigDecimal price = new BigDecimal("25000.00");
        return new OrderSnapshot(store.id(), id, "#" + id, "READY_TO_SHIP", OrderStatusMapping.map(Platform.SHOPEE, "READY_TO_SHIP"),
                null, null, price, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, price, "IDR", Map.of("name", "Budi"),
                List.of(), null, at, at, Map.of(), List.of(new OrderLineSnapshot("l-" + id, "1001", null, "KOPI", "Kopi", 1,
                price, price)));
    }
}
