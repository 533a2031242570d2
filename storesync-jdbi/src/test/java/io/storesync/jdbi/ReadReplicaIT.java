package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.ErrorCode;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.NewProduct;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.UserId;
import io.storesync.api.PageRequest;
import io.storesync.api.StoreSyncException;
import io.storesync.api.StoreSyncListener;
import io.storesync.api.catalogue.ProductQuery;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.order.OrderQuery;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreSettings;
import io.storesync.internal.jdbi.JdbiPersistenceProvider;
import io.storesync.testkit.CountingDataSource;
import io.storesync.testkit.FakeMarketplace;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.SyncFixture;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reports and searches on a read replica, played by a second pool on the same database whose sessions are read-only
 * ({@code default_transaction_read_only}, set by this test, not by StoreSync): each report takes a connection from
 * it, every write and every read that decides one (a reservation, an order's stock effect) takes none and succeeds,
 * which a read-only session would have refused; row-level security is the same there.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class ReadReplicaIT {
    private final TestDatabase db;
    private final CountingDataSource counting;
    private final DataSource replica;
    private final SyncFixture fx;
    private final StoreSync sync;

    ReadReplicaIT(TestDatabase db) {
        this.db = db;
        this.counting = CountingDataSource.readOnly(db.newAppPool(2));
        this.replica = counting.dataSource();
        this.fx = new SyncFixture(db, FakeMarketplace.create(), (ds, schema) -> StoreSync.builder().dataSource(ds)
                .schema(schema).persistence(new JdbiPersistenceProvider()).readReplica(replica));
        this.sync = fx.storeSync(db.appDataSource(), StoreSyncListener.NONE);
    }

    @Test
    void reportsAndSearchesGoToTheReplicaAndWritesNever() {
        SyncFixture.Org org = fx.organization(sync);
        Store store = fx.store(org, "replica-shop", StoreSettings.DEFAULTS);
        int afterSetup = counting.connections();
        // writes, and the stock reads that decide a reservation: all on the primary (a read-only session refuses them)
        VariantId kopi = fx.variant(org, "REP-KOPI", 10);
        fx.listing(org, store.id(), kopi, "REP-KOPI");
        org.owner().inventory().reserve(kopi, fx.mainLocation(org), 2, StockContext.none());
        org.owner().orders().ingest(SyncFixture.order(store.id(), "REP-1", "REP-KOPI", 3, Instant.now()));
        org.owner().inventory().setReorderPoint(kopi, fx.mainLocation(org), 20, 30);
        assertThat(SyncFixture.available(org, kopi)).isEqualTo(5);
        assertThat(counting.connections()).as("no write or deciding read reached the replica").isEqualTo(afterSetup);

        // each report or search: one connection from the replica, answers as the primary would give them
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int before = counting.connections();
        assertThat(org.owner().orders().dailySales(today.minusDays(1), today.plusDays(1), ZoneOffset.UTC))
                .singleElement().satisfies(d -> assertThat(d.units()).isEqualTo(3));
        assertThat(org.owner().orders().dailySalesBySku(today.minusDays(1), today.plusDays(1), ZoneOffset.UTC))
                .singleElement().satisfies(d -> assertThat(d.sku()).isEqualTo("REP-KOPI"));
        assertThat(org.owner().catalogue().listProducts(ProductQuery.search("REP-KOPI"), PageRequest.first(10)).items())
                .hasSize(1);
        assertThat(org.owner().orders().search(OrderQuery.all(), PageRequest.first(10)).items()).hasSize(1);
        assertThat(org.owner().inventory().movements(kopi, PageRequest.first(10)).items()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(org.owner().inventory().reorderReport()).singleElement()
                .satisfies(r -> assertThat(r.sku()).isEqualTo("REP-KOPI"));
        assertThat(counting.connections() - before).as("six reports, six replica transactions").isEqualTo(6);

        // the same rows seen by another organization through the replica: none (row-level security the same)
        SyncFixture.Org other = fx.organization(sync);
        assertThat(other.owner().orders().dailySales(today.minusDays(1), today.plusDays(1), ZoneOffset.UTC)).isEmpty();
        assertThat(other.owner().catalogue().listProducts(ProductQuery.search("REP-KOPI"), PageRequest.first(10)).items())
                .isEmpty();
        assertThat(other.owner().inventory().reorderReport()).isEmpty();
    }

    @Test
    void insideAHostTransactionAReportReadsThePrimaryAndSeesTheTransactionsOwnWrites() throws Exception {
        try (Connection host = db.appDataSource().getConnection()) {
            host.setAutoCommit(false);
            HostTransactions hook = new HostTransactions() {
                @Override
                public Connection current(DataSource dataSource) {
                    return host;
                }

                @Override
                public void release(Connection connection, DataSource dataSource) {}
            };
            StoreSync joined = db.storeSyncBuilder().persistence(HostTransactions.persistence(hook))
                    .readReplica(replica).discoverConnectors(false).build();
            int before = counting.connections();
            UserId owner = UserId.random();
            Organization org = joined.createOrganization(NewOrganization.of("Host Tx", "host-tx-" + owner.value(),
                    owner, owner.value() + "@example.com", "Owner"));
            Tenant tenant = joined.tenant(org.id(), Actor.user(owner));
            tenant.catalogue().createProduct(NewProduct.of("HOST-KOPI", "Host Kopi"));
            // not committed yet: only the host's transaction can see it, and the report does
            assertThat(tenant.catalogue().listProducts(ProductQuery.search("Host Kopi"), PageRequest.first(5)).items())
                    .hasSize(1);
            assertThat(counting.connections()).isEqualTo(before);
            host.rollback();
        }
    }

    @Test
    void aReplicaPoolThatBypassesRowLevelSecurityIsRefusedAtBuild() {
        int refused = 0;
        for (String attributes : new String[] {"BYPASSRLS", "SUPERUSER"}) {
            DataSource bypassing = db.newPoolAsNewRole(attributes);
            assertThatThrownBy(() -> db.storeSyncBuilder().readReplica(bypassing).build())
                    .isInstanceOf(StoreSyncException.class)
                    .satisfies(e -> assertThat(((StoreSyncException) e).code()).isEqualTo(ErrorCode.CONFIGURATION));
            refused++;
        }
        assertThat(refused).isEqualTo(2);
    }
}
