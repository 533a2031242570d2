package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import io.storesync.StoreSync;
import io.storesync.api.Actor;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.NewProduct;
import io.storesync.api.catalogue.NewVariant;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.organization.UserId;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The queue functions as a hostile caller holding only the application role sees them: with no tenant set and with
 * tenant A set, against a database holding tenants A and B, every function the role may execute is called with
 * other workers' job ids, forged or absent tokens, huge limits and negative leases. Counted: B's rows seen and
 * changed other than those the caller's own claim leased to it, and B's organization id handed out — all 0 — and
 * every attempt on worker W1's leases without their tokens, each refused.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class QueueTrustIT {
    /** Every SECURITY DEFINER function the application role may execute; anything else is a new door to review. */
    private static final Set<String> EXECUTABLE = Set.of("claim_sync_jobs", "heartbeat_sync_jobs", "complete_sync_jobs",
            "release_sync_jobs", "reap_sync_jobs", "route_webhook_endpoint", "route_app_webhook", "enqueue_schedule_jobs",
            "enqueue_stock_coalesce_jobs", "enqueue_retention_jobs", "purge_orders", "purge_audit_events",
            // V15: aggregate counts only (jobs per type and status, oldest due age, stores per sync status) for health probes
            "operations_overview");

    private final TestDatabase db;
    private final StoreSync sync;

    QueueTrustIT(TestDatabase db) {
        this.db = db;
        this.sync = db.storeSync();
    }

    private record Org(OrganizationId id, Tenant owner) {}

    private record Lease(UUID id, UUID org, UUID token) {}

    private Org organization() {
        UserId owner = UserId.random();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        var org = sync.createOrganization(NewOrganization.of("Org " + tag, "org-" + tag, owner, tag + "@example.com", "Owner"));
        return new Org(org.id(), sync.tenant(org.id(), Actor.user(owner)));
    }

    /** Six due no-op jobs and two delayed ones, and one stock change (so the stock fan-out has work there). */
    private void populate(Org org) {
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < 6; i++) jobs.add(NewJob.of(JobType.NO_OP, null));
        for (int i = 0; i < 2; i++) jobs.add(NewJob.of(JobType.NO_OP, null).withDelay(Duration.ofHours(1)));
        org.owner().jobs().enqueueAll(jobs);
        String sku = "TRUST-" + UUID.randomUUID().toString().substring(0, 6);
        var product = org.owner().catalogue().createProduct(NewProduct.of(sku, "Product " + sku));
        VariantId variant = org.owner().catalogue().addVariant(product.id(), NewVariant.of(sku)).id();
        LocationId location = org.owner().locations().create(NewLocation.named("Main")).id();
        org.owner().inventory().receive(variant, location, 5, StockContext.note("opening stock"));
    }

    /** An application-role connection in a transaction, tenant set (transaction-local, as StoreSync does) or not. */
    private Connection app(@Nullable OrganizationId tenant) throws SQLException {
        Connection c = db.appDataSource().getConnection();
        c.setAutoCommit(false);
        enter(c, tenant);
        return c;
    }

    /** Sets schema and tenant for the connection's current transaction; both end with it. */
    private void enter(Connection c, @Nullable OrganizationId tenant) throws SQLException {
        Sql.exec(c, "SELECT set_config('search_path', ?, true), set_config('storesync.organization_id', ?, true)",
                db.schema(), tenant == null ? "" : tenant.value().toString());
    }

    /** Commits, and starts the next transaction in the same schema and tenant. */
    private void commit(Connection c, @Nullable OrganizationId tenant) throws SQLException {
        c.commit();
        enter(c, tenant);
    }

    /** Each of B's jobs by id, with a digest of its whole row, as the owner (who sees every tenant's queue rows). */
    private Map<UUID, String> snapshot(OrganizationId org) throws SQLException {
        Map<UUID, String> rows = new HashMap<>();
        try (Connection c = db.ownerDataSource().getConnection()) {
            Sql.exec(c, "SET search_path = " + db.schema());
            try (PreparedStatement ps = c.prepareStatement("SELECT id, md5(j::text) FROM sync_jobs j WHERE organization_id = ?")) {
                ps.setObject(1, org.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) rows.put(rs.getObject(1, UUID.class), rs.getString(2));
                }
            }
        }
        return rows;
    }

    private static List<List<Object>> rows(Connection c, String sql, Object... args) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) row.add(rs.getObject(i));
                    out.add(row);
                }
            }
        }
        return out;
    }

    /** The SQLSTATE a call fails with, or null when it succeeds; a failure is rolled back to before the call only. */
    private static @Nullable String failure(Connection c, String sql, Object... args) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try {
            rows(c, sql, args);
            c.releaseSavepoint(sp);
            return null;
        } catch (SQLException e) {
            c.rollback(sp);
            return e.getSQLState();
        }
    }

    private static Array uuids(Connection c, List<UUID> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.toArray());
    }

    private static List<UUID> randoms(int n) {
        List<UUID> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(UUID.randomUUID());
        return out;
    }

    private static List<UUID> nulls(int n) {
        List<UUID> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(null);
        return out;
    }

    private List<Lease> claim(Connection c, String worker, int limit, double leaseSeconds) throws SQLException {
        List<Lease> out = new ArrayList<>();
        for (List<Object> r : rows(c, "SELECT id, organization_id, lease_token FROM claim_sync_jobs(?, ?, ?, ARRAY['noop'])",
                worker, limit, leaseSeconds)) {
            out.add(new Lease((UUID) r.get(0), (UUID) r.get(1), (UUID) r.get(2)));
        }
        return out;
    }

    /** What the calls handed out: rows of B's jobs seen, and B's organization id anywhere in a result. */
    private static final class Leaks {
        int bRowsSeen;
        int bIdsHandedOut;
        int attemptsOnW1;
        int refusedExtend;
        int refusedComplete;
        int refusedRelease;

        void scan(List<List<Object>> result, UUID b, Set<UUID> bJobIds) {
            for (List<Object> row : result) {
                boolean seen = false;
                for (Object v : row) {
                    String text = String.valueOf(v);
                    if (text.contains(b.toString())) bIdsHandedOut++;
                    for (UUID id : bJobIds) seen |= text.contains(id.toString());
                }
                if (seen) bRowsSeen++;
            }
        }
    }

    @Test
    void asTheApplicationRoleTheQueueFunctionsHandOutAndChangeNothingOfAnotherTenantBeyondTheCallersOwnClaim() throws Exception {
        Org a = organization();
        Org b = organization();
        populate(a);
        populate(b);
        UUID bId = b.id().value();

        // worker W1 holds leases in both tenants (a fair claim of 4 takes one of each first)
        List<Lease> w1;
        try (Connection c = app(null)) {
            w1 = claim(c, "W1", 4, 300);
            c.commit();
        }
        assertThat(w1).hasSize(4);
        assertThat(w1).anyMatch(l -> l.org().equals(bId)).anyMatch(l -> l.org().equals(a.id().value()));
        List<UUID> w1Ids = w1.stream().map(Lease::id).toList();

        for (OrganizationId tenant : new OrganizationId[] {null, a.id()}) {
            String context = tenant == null ? "no tenant" : "tenant A";
            Map<UUID, String> before = snapshot(b.id());
            Set<UUID> bJobIds = before.keySet();
            List<UUID> bJobs = List.copyOf(bJobIds);
            Leaks leaks = new Leaks();
            Set<UUID> ownClaim = new HashSet<>();
            List<Lease> hostile = new ArrayList<>();
            int maintenanceJobsQueued;
            try (Connection c = app(tenant)) {
                // W1's leases without their tokens: forged, absent, and as a whole batch; each must be refused
                for (UUID id : w1Ids) {
                    for (List<UUID> tokens : List.of(randoms(1), nulls(1))) {
                        leaks.attemptsOnW1 += 3;
                        var hb = rows(c, "SELECT * FROM heartbeat_sync_jobs(?, ?, ?)", uuids(c, List.of(id)), uuids(c, tokens), 1e9);
                        leaks.scan(hb, bId, bJobIds);
                        if (hb.isEmpty()) leaks.refusedExtend++;
                        var done = rows(c, "SELECT * FROM complete_sync_jobs(?, ?)", uuids(c, List.of(id)), uuids(c, tokens));
                        leaks.scan(done, bId, bJobIds);
                        if (done.isEmpty()) leaks.refusedComplete++;
                        var released = rows(c, "SELECT release_sync_jobs(?, ?)", uuids(c, List.of(id)), uuids(c, tokens));
                        if (((Number) released.get(0).get(0)).intValue() == 0) leaks.refusedRelease++;
                    }
                }
                // every one of B's job ids (as if leaked) with forged tokens, and W1's ids with each other's tokens
                List<UUID> shuffled = new ArrayList<>(w1.stream().map(Lease::token).toList());
                java.util.Collections.rotate(shuffled, 1);
                for (List<UUID> ids : List.of(bJobs, w1Ids)) {
                    List<UUID> tokens = ids == w1Ids ? shuffled : randoms(ids.size());
                    leaks.attemptsOnW1 += 3;
                    var hb = rows(c, "SELECT * FROM heartbeat_sync_jobs(?, ?, ?)", uuids(c, ids), uuids(c, tokens), -5.0);
                    leaks.scan(hb, bId, bJobIds);
                    if (hb.isEmpty()) leaks.refusedExtend++;
                    var done = rows(c, "SELECT * FROM complete_sync_jobs(?, ?)", uuids(c, ids), uuids(c, tokens));
                    leaks.scan(done, bId, bJobIds);
                    if (done.isEmpty()) leaks.refusedComplete++;
                    var released = rows(c, "SELECT release_sync_jobs(?, ?)", uuids(c, ids), uuids(c, tokens));
                    if (((Number) released.get(0).get(0)).intValue() == 0) leaks.refusedRelease++;
                }
                // sizes and names are bounded
                List<UUID> many = randoms(2001);
                assertThat(failure(c, "SELECT * FROM heartbeat_sync_jobs(?, ?, ?)", uuids(c, many), uuids(c, many), 60.0)).isEqualTo("22023");
                assertThat(failure(c, "SELECT * FROM complete_sync_jobs(?, ?)", uuids(c, many), uuids(c, many))).isEqualTo("22023");
                assertThat(failure(c, "SELECT release_sync_jobs(?, ?)", uuids(c, many), uuids(c, many))).isEqualTo("22023");
                for (String name : new String[] {"", "x".repeat(201), "a b", "w'; DROP TABLE sync_jobs; --", "w\u00e9"}) {
                    assertThat(failure(c, "SELECT * FROM claim_sync_jobs(?, 10, 60, ARRAY['noop'])", name)).as(name).isEqualTo("22023");
                }
                assertThat(failure(c, "SELECT * FROM claim_sync_jobs(NULL, 10, 60, ARRAY['noop'])")).isEqualTo("22023");
                assertThat(failure(c, "SELECT * FROM claim_sync_jobs('w', 10, 60, ARRAY[]::text[])")).isEqualTo("22023");
                // reaping takes back only expired leases, and says how many
                for (int limit : new int[] {Integer.MAX_VALUE, -1, 0}) {
                    var reaped = rows(c, "SELECT reap_sync_jobs(?)", limit);
                    leaks.scan(reaped, bId, bJobIds);
                    assertThat(((Number) reaped.get(0).get(0)).intValue()).isZero();
                }
                // routing needs the endpoint's id; a guess finds nothing
                var route = rows(c, "SELECT * FROM route_webhook_endpoint(?)", UUID.randomUUID());
                leaks.scan(route, bId, bJobIds);
                assertThat(route).isEmpty();
                // the fan-out answers with a count: one maintenance job per tenant with work, never which tenants
                var schedules = rows(c, "SELECT enqueue_schedule_jobs(?)", Integer.MAX_VALUE);
                var stock = rows(c, "SELECT enqueue_stock_coalesce_jobs(?)", Integer.MAX_VALUE);
                var again = rows(c, "SELECT enqueue_stock_coalesce_jobs(?)", -3);
                leaks.scan(schedules, bId, bJobIds);
                leaks.scan(stock, bId, bJobIds);
                leaks.scan(again, bId, bJobIds);
                assertThat(((Number) again.get(0).get(0)).intValue()).as("deduplicated").isZero();
                maintenanceJobsQueued = ((Number) stock.get(0).get(0)).intValue();
                // the tenant policy still holds for the role's own reads
                assertThat(Sql.scalar(c, "SELECT count(*) FROM sync_jobs WHERE organization_id = ?", bId)).isZero();
                // a hostile claim with a huge limit and a negative lease: clamped, and it gets only what it leases
                List<Lease> mine = claim(c, "hostile", Integer.MAX_VALUE, -5.0);
                assertThat(mine.size()).isBetween(1, 500);
                hostile.addAll(mine);
                commit(c, tenant);
                List<Lease> one = claim(c, "hostile", -7, Double.NaN);
                assertThat(one.size()).isLessThanOrEqualTo(1);
                hostile.addAll(one);
                for (Lease l : hostile) ownClaim.add(l.id());
                // none of the dropped functions answer any more
                assertThat(failure(c, "SELECT * FROM organizations_with_stock_changes(10)")).isEqualTo("42883");
                assertThat(failure(c, "SELECT * FROM organizations_with_due_schedules(10)")).isEqualTo("42883");
                assertThat(failure(c, "SELECT * FROM claim_sync_jobs('W1', 10, 60)")).isEqualTo("42883");
                assertThat(failure(c, "SELECT * FROM complete_sync_jobs('W1'::text, ?)", uuids(c, w1Ids))).isEqualTo("42883");
                c.commit();
            }

            // the hostile claim's own leases were clamped to at least 5 s
            try (Connection c = db.ownerDataSource().getConnection()) {
                Sql.exec(c, "SET search_path = " + db.schema());
                assertThat(Sql.scalar(c, "SELECT count(*) FROM sync_jobs WHERE lease_owner = 'hostile'"
                        + " AND lease_expires_at < now() + interval '4 seconds'")).isZero();
            }
            Map<UUID, String> after = snapshot(b.id());
            int changed = 0;
            int added = 0;
            for (Map.Entry<UUID, String> e : after.entrySet()) {
                if (ownClaim.contains(e.getKey())) continue;
                String was = before.get(e.getKey());
                if (was == null) added++;
                else if (!was.equals(e.getValue())) changed++;
            }
            int deleted = (int) before.keySet().stream().filter(id -> !after.containsKey(id)).count();
            long bClaimed = ownClaim.stream().filter(bJobIds::contains).count();
            System.out.printf("[%s] B rows seen %d, changed %d, deleted %d, B ids handed out %d; W1 lease attempts %d,"
                            + " refused: extend %d, complete %d, release %d; hostile claim leased %d job(s) (%d of B);"
                            + " maintenance jobs queued by the fan-out %d (added to B: %d)%n",
                    context, leaks.bRowsSeen, changed, deleted, leaks.bIdsHandedOut, leaks.attemptsOnW1,
                    leaks.refusedExtend, leaks.refusedComplete, leaks.refusedRelease, ownClaim.size(), bClaimed,
                    maintenanceJobsQueued, added);
            assertThat(leaks.bRowsSeen).as(context + ": B rows seen").isZero();
            assertThat(leaks.bIdsHandedOut).as(context + ": B ids handed out").isZero();
            assertThat(changed).as(context + ": B rows changed").isZero();
            assertThat(deleted).as(context + ": B rows deleted").isZero();
            assertThat(leaks.refusedExtend).as(context + ": extends refused").isEqualTo(leaks.attemptsOnW1 / 3);
            assertThat(leaks.refusedComplete).as(context + ": completes refused").isEqualTo(leaks.attemptsOnW1 / 3);
            assertThat(leaks.refusedRelease).as(context + ": releases refused").isEqualTo(leaks.attemptsOnW1 / 3);
            // the only rows added to B are its own maintenance job, one at most (the fan-out is deduplicated)
            assertThat(added).isLessThanOrEqualTo(1);

            // W1 still holds every lease, unmoved: its true tokens extend all four
            try (Connection c = app(null)) {
                var still = rows(c, "SELECT * FROM heartbeat_sync_jobs(?, ?, 300)", uuids(c, w1Ids),
                        uuids(c, w1.stream().map(Lease::token).toList()));
                assertThat(still).hasSize(4);
                c.commit();
            }
            // hand the hostile claim's jobs back (it holds their tokens) so the next round starts alike
            try (Connection c = app(null)) {
                rows(c, "SELECT release_sync_jobs(?, ?)", uuids(c, hostile.stream().map(Lease::id).toList()),
                        uuids(c, hostile.stream().map(Lease::token).toList()));
                c.commit();
            }
        }
    }

    @Test
    void theApplicationRoleMayExecuteExactlyTheQueueFunctionsAndNotTheOnesThatHandedOutTenantIds() throws Exception {
        try (Connection c = app(null)) {
            Set<String> executable = new HashSet<>();
            for (List<Object> r : rows(c, "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                    + " WHERE n.nspname = ? AND p.prosecdef AND has_function_privilege(p.oid, 'EXECUTE')", db.schema())) {
                executable.add((String) r.get(0));
            }
            assertThat(executable).isEqualTo(EXECUTABLE);
            assertThat(Sql.scalar(c, "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                    + " WHERE n.nspname = ? AND p.proname IN ('organizations_with_stock_changes', 'organizations_with_due_schedules')",
                    db.schema())).isZero();
            c.commit();
        }
    }

    @Test
    void aClaimReleaseLoopCannotKeepAJobFromEverRunningOrFailing() throws Exception {
        Org org = organization();
        var job = org.owner().jobs().enqueue(NewJob.of(JobType.NO_OP, null).withMaxAttempts(2));
        List<Integer> attempts = new ArrayList<>();
        int claims = 0;
        try (Connection c = app(null)) {
            for (int round = 0; round < 20; round++) {
                List<Lease> mine = claim(c, "looper", 500, 60).stream().filter(l -> l.id().equals(job.id().value())).toList();
                commit(c, null);
                if (mine.isEmpty()) break;
                claims++;
                Lease l = mine.get(0);
                rows(c, "SELECT release_sync_jobs(?, ?)", uuids(c, List.of(l.id())), uuids(c, List.of(l.token())));
                commit(c, null);
                attempts.add(org.owner().jobs().find(job.id()).orElseThrow().attempt());
            }
        }
        var end = org.owner().jobs().find(job.id()).orElseThrow();
        System.out.printf("claim/release loop: %d claim(s) before the job stopped being claimable; attempt after each release %s;"
                + " ended %s (%s): %s%n", claims, attempts, end.status(), end.outcome(), end.errorMessage());
        // three refunded releases, then two counted ones reach max_attempts = 2
        assertThat(claims).isEqualTo(2 + 3);
        assertThat(attempts).containsExactly(0, 0, 0, 1, 2);
        assertThat(end.outcome()).isEqualTo("exhausted");
        assertThat(end.errorMessage()).contains("released without finishing");
    }
}
