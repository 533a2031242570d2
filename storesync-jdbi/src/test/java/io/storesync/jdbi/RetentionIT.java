package io.storesync.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storesync.StoreSync;
import io.storesync.api.ValidationException;
import io.storesync.api.compliance.DataClass;
import io.storesync.api.compliance.PurgeResult;
import io.storesync.api.compliance.RetentionBounds;
import io.storesync.api.compliance.RetentionPolicy;
import io.storesync.spi.archive.OrderArchive;
import io.storesync.testkit.StoreSyncDatabaseExtension;
import io.storesync.testkit.TestDatabase;
import io.storesync.testkit.tck.Shop;
import io.storesync.testkit.tck.Sql;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 (retention) and issue 10 item 14: every data class is purged at its own horizon, read from an injected
 * clock, for an organization with no store at all; rows a day younger than the horizon stay; pending work stays.
 */
@ExtendWith(StoreSyncDatabaseExtension.class)
class RetentionIT {
    /** The engine's clock: a fixed instant, so every horizon is exact. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Duration DAY = Duration.ofDays(1);
    private TestDatabase db;
    private Shop shop;
    private UUID org;
    @TempDir
    Path archive;

    @BeforeEach
    void open(TestDatabase db) {
        this.db = db;
        StoreSync storeSync = db.storeSyncBuilder().clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .orderArchive(OrderArchive.gzipJsonLines(archive)).build();
        shop = new Shop(storeSync, db.appDataSource(), db.schema());
        org = shop.org.id().value();
    }

    private static Timestamp at(Instant i) {
        return Timestamp.from(i);
    }

    private Connection tenant() throws SQLException {
        return Sql.tenant(db.appDataSource(), db.schema(), org);
    }

    private long count(String sql, Object... args) throws SQLException {
        return shop.scalar(sql, args);
    }

    private UUID job(Connection c, String status, Instant completedAt) throws SQLException {
        return Sql.id(c, "INSERT INTO sync_jobs (organization_id, job_type, status, completed_at) VALUES (?, 'catalog.import', ?, ?)"
                + " RETURNING id", org, status, completedAt == null ? null : at(completedAt));
    }

    @Test
    void syncLogsAndFinishedJobsGoAtNinetyDaysAndPendingJobsStay() throws Exception {
        Instant horizon = NOW.minus(Duration.ofDays(90));
        try (Connection c = tenant()) {
            UUID pending = job(c, "pending", null);
            Sql.exec(c, "INSERT INTO sync_logs (organization_id, sync_job_id, level, message, created_at) VALUES (?, ?, 'info', 'old', ?)",
                    org, pending, at(horizon.minus(DAY)));
            Sql.exec(c, "INSERT INTO sync_logs (organization_id, sync_job_id, level, message, created_at) VALUES (?, ?, 'info', 'young', ?)",
                    org, pending, at(horizon.plus(DAY)));
            job(c, "completed", horizon.minus(DAY));
            job(c, "failed", horizon.minus(DAY));
            job(c, "cancelled", horizon.plus(DAY));
            c.commit();
        }

        PurgeResult r = shop.owner().compliance().purgeExpired();

        assertThat(r.removed(DataClass.SYNC_LOGS)).isEqualTo(3);
        assertThat(r.cutoffs().get(DataClass.SYNC_LOGS)).isEqualTo(horizon);
        assertThat(count("SELECT count(*) FROM sync_logs")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM sync_logs WHERE message = 'young'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM sync_jobs WHERE status = 'pending'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM sync_jobs WHERE status = 'cancelled'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM sync_jobs")).isEqualTo(2);
        assertThat(count("SELECT removed FROM retention_purges WHERE data_class = 'sync_logs'")).isEqualTo(3);
    }

    @Test
    void processedAndFailedWebhookEventsGoAtThirtyDaysAndPendingOnesStay() throws Exception {
        Instant horizon = NOW.minus(Duration.ofDays(30));
        try (Connection c = tenant()) {
            for (String status : List.of("processed", "failed", "pending")) {
                for (Instant when : List.of(horizon.minus(DAY), horizon.plus(DAY))) {
                    Sql.exec(c, "INSERT INTO webhook_events (organization_id, event_type, payload, status, created_at)"
                            + " VALUES (?, 'order', '{}', ?, ?)", org, status, at(when));
                }
            }
            c.commit();
        }

        PurgeResult r = shop.owner().compliance().purgeExpired();

        assertThat(r.removed(DataClass.WEBHOOK_EVENTS)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM webhook_events WHERE created_at < ?", at(horizon))).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM webhook_events WHERE created_at < ? AND status = 'pending'", at(horizon))).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM webhook_events WHERE created_at > ?", at(horizon))).isEqualTo(3);
    }

    @Test
    void idempotencyKeysGoAtSevenDays() throws Exception {
        Instant horizon = NOW.minus(Duration.ofDays(7));
        try (Connection c = tenant()) {
            Sql.exec(c, "INSERT INTO stock_idempotency_keys (organization_id, idempotency_key, fingerprint, created_at)"
                    + " VALUES (?, 'old', 'f', ?), (?, 'young', 'f', ?)", org, at(horizon.minus(DAY)), org, at(horizon.plus(DAY)));
            c.commit();
        }

        assertThat(shop.owner().compliance().purgeExpired().removed(DataClass.IDEMPOTENCY_KEYS)).isEqualTo(1);

        assertThat(count("SELECT count(*) FROM stock_idempotency_keys WHERE idempotency_key = 'young'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM stock_idempotency_keys")).isEqualTo(1);
    }

    @Test
    void auditRowsGoAtFiveYearsAndTheApplicationRoleCannotChangeOrDeleteThem() throws Exception {
        Instant horizon = NOW.minus(RetentionPolicy.DEFAULTS.auditTrail());
        try (Connection c = tenant()) {
            for (Instant when : List.of(horizon.minus(DAY), horizon.plus(DAY))) {
                Sql.exec(c, "INSERT INTO audit_events (organization_id, occurred_at, actor_kind, actor_id, action)"
                        + " VALUES (?, ?, 'system', 'test', 'planted')", org, at(when));
            }
            c.commit();
        }
        int refused = 0;
        for (String attempt : List.of("UPDATE audit_events SET action = 'x'", "DELETE FROM audit_events",
                "TRUNCATE audit_events")) {
            try (Connection c = tenant()) {
                Sql.exec(c, attempt);
                c.commit();
            } catch (SQLException e) {
                assertThat(e.getSQLState()).isEqualTo("42501");
                refused++;
            }
        }
        assertThat(refused).isEqualTo(3);

        assertThat(shop.owner().compliance().purgeExpired().removed(DataClass.AUDIT_TRAIL)).isEqualTo(1);

        assertThat(count("SELECT count(*) FROM audit_events WHERE action = 'planted'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_events WHERE action = 'planted' AND occurred_at > ?", at(horizon))).isEqualTo(1);
    }

    @Test
    void finishedOrdersGoAtSevenYearsIntoTheArchiveWithTheirLinesAndTheLedgerStays() throws Exception {
        Instant horizon = NOW.minus(RetentionPolicy.DEFAULTS.orders());
        UUID gone;
        UUID open;
        UUID holding;
        UUID young;
        long ledgerBefore;
        try (Connection c = tenant()) {
            UUID store = Sql.id(c, "INSERT INTO stores (organization_id, platform_id, name, platform_store_id, credentials)"
                    + " SELECT ?, id, 'Shop', '1001', '{}' FROM platforms WHERE name = 'shopee' RETURNING id", org);
            gone = order(c, store, "SN-GONE", "completed", horizon.minus(DAY), "none");
            open = order(c, store, "SN-OPEN", "awaiting_shipment", horizon.minus(DAY), "none");
            holding = order(c, store, "SN-HOLD", "cancelled", horizon.minus(DAY), "reserved");
            young = order(c, store, "SN-YOUNG", "completed", horizon.plus(DAY), "none");
            c.commit();
        }
        ledgerBefore = count("SELECT count(*) FROM inventory_transactions");

        PurgeResult r = shop.owner().compliance().purgeExpired();

        assertThat(r.removed(DataClass.ORDERS)).isEqualTo(1);
        assertThat(r.archivedOrders()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM orders WHERE id = ?", gone)).isZero();
        assertThat(count("SELECT count(*) FROM order_items WHERE order_id = ?", gone)).isZero();
        for (UUID kept : List.of(open, holding, young)) assertThat(count("SELECT count(*) FROM orders WHERE id = ?", kept)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM inventory_transactions")).isEqualTo(ledgerBefore);
        assertThat(shop.ledgerProblems()).isEmpty();
        List<String> archived = archivedLines();
        assertThat(archived).hasSize(1);
        assertThat(archived.get(0)).contains(gone.toString()).contains("SN-GONE").contains("\"lines\"").contains("Kopi");
        assertThat(count("SELECT archived FROM retention_purges WHERE data_class = 'orders'")).isEqualTo(1);
    }

    private UUID order(Connection c, UUID store, String number, String status, Instant orderedAt, String stage) throws SQLException {
        UUID order = Sql.id(c, "INSERT INTO orders (organization_id, store_id, platform_order_id, customer_info, status, subtotal,"
                + " total_amount, ordered_at) VALUES (?, ?, ?, '{}', ?, 10, 10, ?) RETURNING id", org, store, number, status, at(orderedAt));
        Sql.exec(c, "INSERT INTO order_items (organization_id, order_id, name, quantity, price, total_amount, stock_stage)"
                + " VALUES (?, ?, 'Kopi', 1, 10, 10, ?)", org, order, stage);
        return order;
    }

    private List<String> archivedLines() throws Exception {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(archive)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl.gz")).toList()) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(f)),
                        StandardCharsets.UTF_8))) {
                    r.lines().forEach(lines::add);
                }
            }
        }
        return lines;
    }

    @Test
    void anOrganizationChoosesItsPeriodWithinTheHostsBoundsAndThePurgeFollowsIt() throws Exception {
        var compliance = shop.owner().compliance();
        RetentionPolicy before = compliance.retention();
        assertThat(before).isEqualTo(RetentionPolicy.DEFAULTS);
        assertThatThrownBy(() -> compliance.setRetention(before.with(DataClass.WEBHOOK_EVENTS, Duration.ofDays(3))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("webhook_events must be 7 to");
        assertThatThrownBy(() -> shop.member().compliance().setRetention(before)).isInstanceOf(io.storesync.api.AccessDeniedException.class);
        assertThat(compliance.retention()).isEqualTo(before);

        compliance.setRetention(before.with(DataClass.WEBHOOK_EVENTS, Duration.ofDays(10)));
        try (Connection c = tenant()) {
            Sql.exec(c, "INSERT INTO webhook_events (organization_id, event_type, payload, status, created_at)"
                    + " VALUES (?, 'order', '{}', 'processed', ?)", org, at(NOW.minus(Duration.ofDays(11))));
            c.commit();
        }
        assertThat(compliance.retention().webhookEvents()).isEqualTo(Duration.ofDays(10));
        assertThat(compliance.purgeExpired().removed(DataClass.WEBHOOK_EVENTS)).isEqualTo(1);
    }

    @Test
    void theHostsLegalMinimumForOrdersIsEnforced() {
        StoreSync strict = db.storeSyncBuilder()
                .retentionBounds(RetentionBounds.DEFAULT.withMinimum(DataClass.ORDERS, Duration.ofDays(10 * 365))).build();
        Shop other = new Shop(strict, db.appDataSource(), db.schema());
        assertThat(other.owner().compliance().retention().orders()).isEqualTo(Duration.ofDays(10 * 365));
        assertThatThrownBy(() -> other.owner().compliance().setRetention(RetentionPolicy.DEFAULTS))
                .isInstanceOf(ValidationException.class).hasMessageContaining("orders must be 3650 to");
    }

    @Test
    void manyRowsArePurgedInBatchesOfAThousand() throws Exception {
        try (Connection c = tenant()) {
            UUID done = job(c, "pending", null);
            Sql.exec(c, "INSERT INTO sync_logs (organization_id, sync_job_id, level, message, created_at)"
                    + " SELECT ?, ?, 'info', 'x', ? FROM generate_series(1, 2500)", org, done, at(NOW.minus(Duration.ofDays(100))));
            c.commit();
        }
        assertThat(shop.owner().compliance().purgeExpired().removed(DataClass.SYNC_LOGS)).isEqualTo(2500);
        assertThat(count("SELECT count(*) FROM sync_logs")).isZero();
    }

    @Test
    void everyOrganizationGetsItsDailyPurgeJobStoresOrNot() throws Exception {
        // the shop has no store: before issue 10 item 14 it never got a purge
        assertThat(count("SELECT count(*) FROM stores")).isZero();
        try (Connection c = db.appDataSource().getConnection()) {
            assertThat(Sql.scalar(c, "SELECT " + db.schema() + ".enqueue_retention_jobs(1000)")).as("a new organization waits a day").isZero();
        }
        assertThat(count("SELECT count(*) FROM sync_jobs WHERE job_type = 'retention.purge'")).isZero();
        try (Connection c = Sql.tenant(db.ownerDataSource(), db.schema(), org)) {
            Sql.exec(c, "UPDATE organizations SET created_at = now() - interval '2 days' WHERE id = ?", org);
            c.commit();
        }
        int queued;
        try (Connection c = db.appDataSource().getConnection()) {
            queued = (int) Sql.scalar(c, "SELECT " + db.schema() + ".enqueue_retention_jobs(1000)");
        }
        assertThat(queued).isGreaterThanOrEqualTo(1);
        assertThat(count("SELECT count(*) FROM sync_jobs WHERE job_type = 'retention.purge' AND status = 'pending'")).isEqualTo(1);
        try (Connection c = db.appDataSource().getConnection()) {
            Sql.scalar(c, "SELECT " + db.schema() + ".enqueue_retention_jobs(1000)");
        }
        assertThat(count("SELECT count(*) FROM sync_jobs WHERE job_type = 'retention.purge'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM retention_settings WHERE next_purge_at > now() + interval '23 hours'")).isEqualTo(1);
    }

    /**
     * The daily job does by itself what {@code purgeExpired()} and {@code verify()} do on demand: it purges, records
     * the purge, and reports a discrepancy the owner planted as a warning in its log (a repair needs a person's reason).
     */
    @Test
    void theDailyJobPurgesAndRunsTheIntegrityCheckByItself() throws Exception {
        var variant = shop.variant("DAILY-1");
        var location = shop.location("Main");
        shop.owner().inventory().receive(variant, location.id(), 5, io.storesync.api.inventory.StockContext.none());
        try (Connection c = tenant()) {
            UUID old = job(c, "completed", Instant.now().minus(Duration.ofDays(100)));
            Sql.exec(c, "INSERT INTO sync_logs (organization_id, sync_job_id, level, message, created_at)"
                    + " VALUES (?, ?, 'info', 'old', ?)", org, old, at(Instant.now().minus(Duration.ofDays(100))));
            c.commit();
        }
        try (Connection c = Sql.tenant(db.ownerDataSource(), db.schema(), org)) {
            Sql.exec(c, "INSERT INTO inventory_transactions (organization_id, inventory_item_id, transaction_type, quantity_change)"
                    + " SELECT organization_id, id, 'receive', 3 FROM inventory_items WHERE product_variant_id = ?", variant.value());
            Sql.exec(c, "UPDATE organizations SET created_at = now() - interval '2 days' WHERE id = ?", org);
            c.commit();
        }
        try (Connection c = db.appDataSource().getConnection()) {
            assertThat(Sql.scalar(c, "SELECT " + db.schema() + ".enqueue_retention_jobs(1000)")).isGreaterThanOrEqualTo(1);
        }
        // an engine on the real clock runs the queue
        StoreSync engine = db.storeSyncBuilder().build();
        var workers = engine.startWorkers(io.storesync.testkit.tck.JobQueueCompatibilityKit.fast(1));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (count("SELECT count(*) FROM sync_jobs WHERE job_type = 'retention.purge' AND status = 'completed'") == 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        } finally {
            workers.close();
        }
        assertThat(count("SELECT count(*) FROM sync_jobs WHERE job_type = 'retention.purge' AND status = 'completed'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM sync_logs WHERE message = 'old'")).isZero();
        assertThat(count("SELECT count(*) FROM retention_purges WHERE data_class = 'sync_logs' AND removed >= 1")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM sync_logs l JOIN sync_jobs j ON j.id = l.sync_job_id"
                + " WHERE j.job_type = 'retention.purge' AND l.level = 'warn'"
                + " AND l.message LIKE 'integrity check found 1 discrepancy%LEDGER_ON_HAND%'")).isEqualTo(1);
    }
}
