package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.ProductUpsert;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.catalogue.VariantUpsert;
import io.storesync.api.inventory.Allocation;
import io.storesync.api.inventory.InsufficientStockException;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.inventory.StockLevel;
import io.storesync.api.inventory.StockResult;
import io.storesync.api.organization.NewMember;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.Role;
import io.storesync.api.organization.UserId;
import io.storesync.api.inventory.MovementType;
import io.storesync.internal.jdbi.JdbiPersistenceProvider;
import io.storesync.spi.persistence.InventoryRepository;
import io.storesync.spi.persistence.InventoryRepository.Reservation;
import io.storesync.spi.persistence.LedgerNote;
import io.storesync.spi.persistence.Persistence;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.Sql;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 17, hot SKU: concurrent reservations of one item by one member are combined into rounds, one transaction
 * each (docs/design.md, "Hot SKU: reservations in rounds"). Whatever the rounds, every caller gets exactly its own
 * outcome, the ledger holds one row per applied call and sums to what is reserved, and nothing is oversold.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class HotSkuRoundsIT {
    private static final int THREADS = 16, CALLS = 25, STOCK = 200;

    private final TestDatabase db;

    HotSkuRoundsIT(TestDatabase db) {
        this.db = db;
    }

    /** What one call asked for and what it got back. */
    private record Call(UUID reference, int quantity, StockResult result, InsufficientStockException refusal) {}

    @Test
    void concurrentReservationsOfOneSkuEachGetTheirOwnOutcomeAndShareTransactions() throws Exception {
        DataSource pool = db.newAppPool(THREADS);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            StoreSync sync = db.storeSyncBuilder().dataSource(pool).build();
            UserId ownerId = UserId.random();
            Organization org = sync.createOrganization(NewOrganization.of("Hot", "hot-" + ownerId.value(), ownerId,
                    "owner-" + ownerId.value() + "@example.com", null));
            Tenant owner = sync.tenant(org.id(), Actor.user(ownerId));
            UserId memberId = UserId.random();
            owner.members().add(new NewMember(memberId, "member-" + memberId.value() + "@example.com", null, Role.MEMBER));
            LocationId location = owner.locations().create(NewLocation.named("Main")).id();
            owner.catalogue().upsert(List.of(ProductUpsert.of("HOT-1", "Hot", List.of(VariantUpsert.of("HOT-1-A")))));
            VariantId variant = owner.catalogue().findVariantsBySku("HOT-1-A").get(0).id();
            owner.inventory().receive(variant, location, STOCK, StockContext.none());
            Tenant member = sync.tenant(org.id(), Actor.user(memberId));

            Map<UUID, Call> calls = new ConcurrentHashMap<>();
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < CALLS; i++) {
                        int quantity = 1 + (thread + i) % 3; // 800 units asked for in all, 200 in stock
                        UUID reference = UUID.randomUUID();
                        StockContext context = new StockContext(null, "order", reference, "line " + thread + "/" + i);
                        try {
                            StockResult r = member.inventory().reserve(variant, location, quantity, context);
                            calls.put(reference, new Call(reference, quantity, r, null));
                        } catch (InsufficientStockException e) {
                            calls.put(reference, new Call(reference, quantity, null, e));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(120, TimeUnit.SECONDS);
            assertThat(calls).hasSize(THREADS * CALLS);

            // each applied call: its own allocation, a level that counts it; each refused one: its own numbers
            int applied = 0;
            for (Call c : calls.values()) {
                if (c.result() != null) {
                    applied += c.quantity();
                    assertThat(c.result().allocations()).containsExactly(new Allocation(location, c.quantity()));
                    StockLevel level = c.result().levels().get(0);
                    assertThat(level.onHand()).isEqualTo(STOCK);
                    assertThat(level.reserved()).isBetween(c.quantity(), STOCK);
                } else {
                    assertThat(c.refusal().requested()).isEqualTo(c.quantity());
                    assertThat(c.refusal().available()).isBetween(0, c.quantity() - 1);
                    assertThat(c.refusal().sku()).isEqualTo("HOT-1-A");
                }
            }
            StockLevel level = owner.inventory().level(variant, location);
            assertThat(level.onHand()).isEqualTo(STOCK);
            assertThat(level.reserved()).isEqualTo(applied).isLessThanOrEqualTo(STOCK);
            assertThat(level.available()).as("800 asked for, so the 200 are all taken").isZero();

            // the ledger: one row per applied call, with its own reference, quantity, note and actor; none for refused
            Map<UUID, Integer> ledger = new HashMap<>();
            Set<Long> transactions = new HashSet<>();
            int reservedInLedger = 0;
            try (Connection c = Sql.tenant(db.appDataSource(), db.schema(), org.id().value());
                    PreparedStatement ps = c.prepareStatement("SELECT t.reference_id, t.reserved_change, t.notes,"
                            + " t.created_by, t.xmin::text::bigint AS tx FROM inventory_transactions t"
                            + " JOIN inventory_items i ON i.id = t.inventory_item_id"
                            + " WHERE i.product_variant_id = ? AND i.location_id = ? AND t.transaction_type = 'reserve'")) {
                ps.setObject(1, variant.value());
                ps.setObject(2, location.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        UUID reference = rs.getObject(1, UUID.class);
                        assertThat(ledger.put(reference, rs.getInt(2))).as("one row per call").isNull();
                        Call call = calls.get(reference);
                        assertThat(call).isNotNull();
                        assertThat(rs.getString(3)).startsWith("line ");
                        assertThat(rs.getObject(4, UUID.class)).isEqualTo(memberId.value());
                        reservedInLedger += rs.getInt(2);
                        transactions.add(rs.getLong(5));
                    }
                }
                c.rollback();
            }
            for (Call call : calls.values()) {
                if (call.result() != null) assertThat(ledger).containsEntry(call.reference(), call.quantity());
                else assertThat(ledger).doesNotContainKey(call.reference());
            }
            assertThat(reservedInLedger).isEqualTo(level.reserved());
            int appliedCalls = ledger.size();
            System.out.println("hot SKU rounds: " + calls.size() + " calls, " + appliedCalls + " applied in "
                    + transactions.size() + " transactions");
            assertThat(transactions.size()).as("applied calls shared transactions").isLessThan(appliedCalls);
        } finally {
            threads.shutdownNow();
            ((HikariDataSource) pool).close();
        }
    }

    /**
     * The round's one statement decides as the SPI's default does (one conditional reservation after the other): a
     * refused large request does not stop a later small one, each applied one's level counts the ones before it.
     * Random rounds run through both, on two locations of one variant holding the same stock.
     */
    @Test
    void theRoundsStatementDecidesExactlyAsReservationsOneAfterTheOther() {
        StoreSync sync = db.storeSync();
        UserId ownerId = UserId.random();
        Organization org = sync.createOrganization(NewOrganization.of("Turns", "turns-" + ownerId.value(), ownerId,
                "owner-" + ownerId.value() + "@example.com", null));
        Tenant owner = sync.tenant(org.id(), Actor.user(ownerId));
        LocationId statement = owner.locations().create(NewLocation.named("Statement")).id();
        LocationId oneByOne = owner.locations().create(NewLocation.named("One by one")).id();
        owner.catalogue().upsert(List.of(ProductUpsert.of("TURN-1", "Turn", List.of(VariantUpsert.of("TURN-1-A")))));
        VariantId variant = owner.catalogue().findVariantsBySku("TURN-1-A").get(0).id();
        Persistence persistence = new JdbiPersistenceProvider().open(db.appDataSource(), db.schema());
        Random random = new Random(17);
        int applied = 0, refused = 0;
        for (int round = 0; round < 30; round++) {
            int stock = random.nextInt(12);
            if (stock > 0) {
                owner.inventory().receive(variant, statement, stock, StockContext.none());
                owner.inventory().receive(variant, oneByOne, stock, StockContext.none());
            }
            int n = 1 + random.nextInt(8);
            List<Integer> quantities = new ArrayList<>();
            for (int i = 0; i < n; i++) quantities.add(1 + random.nextInt(5));
            List<Optional<StockLevel>> mine = persistence.inTenant(org.id(),
                    tx -> tx.inventory().reserveInTurn(requests(variant, statement, quantities)));
            List<Optional<StockLevel>> theirs = persistence.inTenant(org.id(),
                    tx -> oneAfterTheOther(tx.inventory()).reserveInTurn(requests(variant, oneByOne, quantities)));
            assertThat(mine).hasSize(n);
            for (int i = 0; i < n; i++) {
                assertThat(mine.get(i).isPresent()).as("round %d request %d of %s", round, i, quantities)
                        .isEqualTo(theirs.get(i).isPresent());
                if (mine.get(i).isPresent()) {
                    applied++;
                    assertThat(mine.get(i).get().reserved()).isEqualTo(theirs.get(i).get().reserved());
                    assertThat(mine.get(i).get().onHand()).isEqualTo(theirs.get(i).get().onHand());
                } else {
                    refused++;
                }
            }
            StockLevel a = owner.inventory().level(variant, statement), b = owner.inventory().level(variant, oneByOne);
            assertThat(a.reserved()).isEqualTo(b.reserved()).isLessThanOrEqualTo(a.onHand());
            assertThat(owner.inventory().movements(variant, io.storesync.api.PageRequest.first(1000)).items().stream()
                    .filter(m -> m.locationId().equals(statement) && m.type() == MovementType.RESERVE)
                    .mapToInt(m -> m.reservedChange()).sum()).isEqualTo(a.reserved());
        }
        assertThat(applied).isPositive();
        assertThat(refused).isPositive();
    }

    private static List<Reservation> requests(VariantId variant, LocationId location, List<Integer> quantities) {
        List<Reservation> out = new ArrayList<>();
        for (int i = 0; i < quantities.size(); i++) {
            out.add(new Reservation(variant, location, quantities.get(i),
                    new LedgerNote(MovementType.RESERVE, "order", UUID.randomUUID(), "request " + i, null)));
        }
        return out;
    }

    /** {@code real}, except that reserveInTurn is the SPI's default: one conditional reservation after the other. */
    private static InventoryRepository oneAfterTheOther(InventoryRepository real) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("reserveInTurn")) return InvocationHandler.invokeDefault(proxy, method, args);
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (InventoryRepository) Proxy.newProxyInstance(HotSkuRoundsIT.class.getClassLoader(),
                new Class<?>[] {InventoryRepository.class}, handler);
    }
}
