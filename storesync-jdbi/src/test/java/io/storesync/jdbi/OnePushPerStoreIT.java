package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.Secret;
import io.storesync.api.Tenant;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreSettings;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.Sql;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A stock push reads quantities when it runs, so two pushes of one store running at once can land out of order (the
 * older quantity last). The claim leaves a store's stock or price push waiting while one of its kind runs under a
 * live lease: counted here as claims refused, then granted once the running push completes or its lease lapses.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class OnePushPerStoreIT {
    private final TestDatabase db;

    OnePushPerStoreIT(TestDatabase db) {
        this.db = db;
    }

    private record Lease(UUID id, UUID store, String type, UUID token) {}

    @Test
    void aStoresSecondPushWaitsForTheFirstButOtherStoresAndKindsDoNot() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        StoreSync sync = db.storeSyncBuilder().credentialKeys(CredentialKeys.single("k1", Secret.ofBytes(key)))
                .discoverConnectors(false).connector(new StockSemanticsBatchIT.SmallBatches()).build();
        UserId ownerId = UserId.random();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Organization org = sync.createOrganization(NewOrganization.of("Pushes " + tag, "pushes-" + tag, ownerId, tag + "@x.example", "P"));
        Tenant owner = sync.tenant(org.id(), Actor.user(ownerId));
        Store first = owner.stores().connect(new NewStore("shopee", "First", "first-" + tag,
                StoreCredentials.of(Secret.of("access")), StoreSettings.DEFAULTS));
        Store second = owner.stores().connect(new NewStore("shopee", "Second", "second-" + tag,
                StoreCredentials.of(Secret.of("access")), StoreSettings.DEFAULTS));

        owner.jobs().enqueue(NewJob.deduplicated(JobType.STOCK_PUSH, first.id()));
        List<Lease> running = claim("W1");
        assertThat(running).singleElement().satisfies(l -> assertThat(l.store()).isEqualTo(first.id().value()));

        // queued while the first runs (the dedupe key only spans waiting jobs), beside pushes the rule must not hold
        owner.jobs().enqueue(NewJob.deduplicated(JobType.STOCK_PUSH, first.id()));
        owner.jobs().enqueue(NewJob.deduplicated(JobType.PRICE_PUSH, first.id()));
        owner.jobs().enqueue(NewJob.deduplicated(JobType.STOCK_PUSH, second.id()));
        List<Lease> next = claim("W2");
        assertThat(next).extracting(l -> l.store() + " " + l.type()).containsExactlyInAnyOrder(
                first.id().value() + " price.push", second.id().value() + " stock.push");
        int refused = 0;
        for (int i = 0; i < 3; i++) refused += claim("W3").isEmpty() ? 1 : 0;
        assertThat(refused).as("claims that left the first store's second stock push waiting").isEqualTo(3);

        complete(running.get(0));
        assertThat(claim("W3")).singleElement().satisfies(l -> {
            assertThat(l.store()).isEqualTo(first.id().value());
            assertThat(l.type()).isEqualTo("stock.push");
        });

        // a dead worker's lapsed lease does not hold the store's pushes back
        owner.jobs().enqueue(NewJob.deduplicated(JobType.STOCK_PUSH, second.id()));
        assertThat(claim("W4")).as("second store: its first push still runs").isEmpty();
        try (Connection c = db.ownerDataSource().getConnection()) {
            Sql.exec(c, "SET search_path = " + db.schema());
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE sync_jobs SET lease_expires_at = now() - interval '1 second' WHERE id = ?")) {
                ps.setObject(1, next.stream().filter(l -> l.type().equals("stock.push")).findFirst().orElseThrow().id());
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }
        assertThat(claim("W4")).singleElement().satisfies(l -> assertThat(l.store()).isEqualTo(second.id().value()));
    }

    /** Claims every due push as the application role, with no tenant set, as the workers do. */
    private List<Lease> claim(String worker) throws SQLException {
        List<Lease> leases = new ArrayList<>();
        try (Connection c = db.appDataSource().getConnection()) {
            Sql.exec(c, "SET search_path = " + db.schema());
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, store_id, job_type, lease_token FROM claim_sync_jobs(?, 10, 300, ARRAY['stock.push', 'price.push'])")) {
                ps.setString(1, worker);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        leases.add(new Lease(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                                rs.getObject(4, UUID.class)));
                    }
                }
            }
        }
        return leases;
    }

    private void complete(Lease lease) throws SQLException {
        try (Connection c = db.appDataSource().getConnection()) {
            Sql.exec(c, "SET search_path = " + db.schema());
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM complete_sync_jobs(ARRAY[?]::uuid[], ARRAY[?]::uuid[])")) {
                ps.setObject(1, lease.id());
                ps.setObject(2, lease.token());
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            }
        }
    }
}
