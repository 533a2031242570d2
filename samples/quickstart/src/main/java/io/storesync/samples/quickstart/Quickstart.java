package io.storesync.samples.quickstart;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.storesync.StoreSync;
import io.storesync.api.AccessDeniedException;
import io.storesync.api.Actor;
import io.storesync.api.PageRequest;
import io.storesync.api.Secret;
import io.storesync.api.Tenant;
import io.storesync.api.catalogue.Listing;
import io.storesync.api.catalogue.NewListing;
import io.storesync.api.catalogue.ProductUpsert;
import io.storesync.api.catalogue.RowFailure;
import io.storesync.api.catalogue.UpsertResult;
import io.storesync.api.catalogue.Variant;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.catalogue.VariantUpsert;
import io.storesync.api.inventory.Location;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.NewLocation;
import io.storesync.api.inventory.ReorderSuggestion;
import io.storesync.api.inventory.StockContext;
import io.storesync.api.inventory.StockMovement;
import io.storesync.api.inventory.StockTotals;
import io.storesync.api.job.JobStatus;
import io.storesync.api.job.JobType;
import io.storesync.api.job.WorkerOptions;
import io.storesync.api.job.Workers;
import io.storesync.api.order.DailySales;
import io.storesync.api.order.Order;
import io.storesync.api.order.OrderLine;
import io.storesync.api.order.OrderLineSnapshot;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.order.OrderStatus;
import io.storesync.api.organization.Member;
import io.storesync.api.organization.NewMember;
import io.storesync.api.organization.NewOrganization;
import io.storesync.api.organization.Organization;
import io.storesync.api.organization.Role;
import io.storesync.api.organization.UserId;
import io.storesync.api.store.CredentialKeys;
import io.storesync.api.store.NewStore;
import io.storesync.api.store.Platform;
import io.storesync.api.store.Store;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreId;
import io.storesync.api.store.StoreSettings;
import io.storesync.api.webhook.WebhookEndpoint;
import io.storesync.api.webhook.WebhookReceipt;
import io.storesync.api.webhook.WebhookRequest;
import io.storesync.api.webhook.WebhookSignatureException;
import io.storesync.jdbi.StoreSyncMigrations;
import io.storesync.testkit.FakeMarketplace;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The one-command demo, written the way a host application embeds StoreSync: a schema owner migrates, the
 * application connects as a weaker role, and all tenant work goes through {@code storeSync.tenant(org, actor)}.
 * Here PostgreSQL is embedded and the marketplace is the testkit's in-process {@link FakeMarketplace} (it checks real
 * HMAC webhook signatures and records every stock push); a real host points the same code at its own server and
 * registers the Shopee or TikTok Shop connector instead.
 *
 * <p>It walks through a seller's day: a catalogue import, stock received into two locations, a store connected with
 * encrypted credentials and its listings linked, workers pushing stock, orders arriving by signed webhook (reserved,
 * then shipped), an order the stock cannot cover, the ledger, the reorder report and the day's sales.
 */
public final class Quickstart {
    /** How long any asynchronous step may take before the demo gives up. */
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String SHOP = "toko-kopi-web";
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    private Quickstart() {}

    public static void main(String[] args) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            run(postgres.getPostgresDatabase(), postgres.getJdbcUrl("postgres", "postgres"), System.out);
        }
    }

    /** Sets up roles, migrates, and walks through the SDK; {@code admin} must be allowed to create roles. */
    static void run(DataSource admin, String jdbcUrl, PrintStream out) throws SQLException {
        long started = System.nanoTime();
        out.println("StoreSync quickstart");
        createRoles(admin);
        out.println("1. PostgreSQL is up: " + jdbcUrl);

        try (HikariDataSource owner = pool(jdbcUrl, "storesync_owner", 2);
             HikariDataSource app = pool(jdbcUrl, "storesync_app", 8)) {
            int applied = StoreSyncMigrations.migrate(owner, "storesync", "storesync_app");
            out.println("2. Migrated schema 'storesync' as storesync_owner: " + applied + " migration(s) applied");

            // The marketplace. A real host registers a connector (found by ServiceLoader or passed here) instead.
            FakeMarketplace marketplace = FakeMarketplace.create();
            // A real host loads its key from a secret store; a fresh random one is enough for a demo.
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            StoreSync storeSync = StoreSync.builder()
                    .dataSource(app)
                    .credentialKeys(CredentialKeys.single("demo-key-1", Secret.ofBytes(key)))
                    .connector(marketplace.provider())
                    .build();
            out.println("3. StoreSync opened on a pool connected as storesync_app (row-level security applies)");
            out.println("   Platforms: " + storeSync.platforms().stream().map(Platform::displayName).toList()
                    + "; connector registered: FakeMarketplace as " + marketplace.platform());

            UserId ownerId = UserId.random();
            Organization org = storeSync.createOrganization(
                    NewOrganization.of("Toko Kopi Nusantara", "toko-kopi-nusantara", ownerId, "ayu@tokokopi.example", "Ayu Lestari"));
            out.println("4. Created organization '" + org.name() + "' (" + org.slug() + ", plan " + org.subscriptionPlan()
                    + ") with id " + org.id());

            Tenant shop = storeSync.tenant(org.id(), Actor.user(ownerId));
            Member staff = shop.members().add(new NewMember(UserId.random(), "budi@tokokopi.example", "Budi Santoso", Role.MEMBER));
            Member auditor = shop.members().add(new NewMember(UserId.random(), "citra@tokokopi.example", "Citra", Role.VIEWER));
            shop.members().touchActivity();
            out.println("5. The owner added members:");
            for (Member m : shop.members().list()) {
                out.println("   - " + m.email() + " (" + m.role().name().toLowerCase(Locale.ROOT) + (m.lastActive().isPresent() ? ", active just now" : "") + ")");
            }
            try {
                storeSync.tenant(org.id(), Actor.user(auditor.id())).members().add(
                        new NewMember(UserId.random(), "mallory@example.com", null, Role.ADMIN));
                throw new IllegalStateException("a viewer was allowed to add an admin");
            } catch (AccessDeniedException e) {
                out.println("6. A viewer tried to add an admin and was refused: " + e.getMessage());
            }

            // Staff do the day-to-day work; only owners and admins manage locations and stores.
            Tenant budi = storeSync.tenant(org.id(), Actor.user(staff.id()));
            Map<String, VariantId> variants = importCatalogue(budi, out);
            Stock stock = receiveStock(shop, budi, variants, out);

            Store store = connectStore(shop, marketplace, owner, out);
            linkListings(budi, store, variants, out);
            WebhookEndpoint endpoint = shop.webhooks().addEndpoint(store.id(), "https://tokokopi.example/hooks/web",
                    List.of("order.updated"));

            try (Workers workers = storeSync.startWorkers(WorkerOptions.defaults(2)
                    .withIntervals(Duration.ofMillis(500), Duration.ofMillis(500))
                    .withShutdownTimeout(Duration.ofSeconds(5)))) {
                out.println("11. Workers started (" + workers.workerId() + "); the first sync pushed stock to the store:");
                awaitTrue("the first stock push", () -> marketplace.lastPushed(SHOP, "web-arabica-250").equals(Optional.of(30))
                        && marketplace.lastPushed(SHOP, "web-arabica-1kg").equals(Optional.of(5))
                        && marketplace.lastPushed(SHOP, "web-robusta-250").equals(Optional.of(3)));
                printPushes(marketplace, out);
                // the first order poll reads back a day; wait for it so the orders below arrive only by webhook
                awaitTrue("the first order poll", () -> jobDone(shop, JobType.ORDER_POLL));

                orderByWebhook(storeSync, shop, budi, marketplace, store, endpoint, variants, out);
                shortfall(storeSync, shop, marketplace, store, endpoint, variants, out);
            }

            ledgerAndReports(shop, variants, stock, store, out);
            out.println("Workers stopped; done in " + Duration.ofNanos(System.nanoTime() - started).toMillis() / 100 / 10.0 + " s.");
        }
    }

    /** Where the stock is kept. */
    private record Stock(LocationId jakarta, LocationId bandung, Map<LocationId, String> names) {}

    private static Map<String, VariantId> importCatalogue(Tenant budi, PrintStream out) {
        List<ProductUpsert> rows = List.of(
                new ProductUpsert("KOPI-ARABICA", "Arabica Gayo, roasted beans", null, "coffee", "Toko Kopi", null, null, null,
                        null, null, List.of(
                        new VariantUpsert("ARABICA-250G", "250 g", Map.of("weight", "250 g"), new BigDecimal("52000"), null, null),
                        new VariantUpsert("ARABICA-1KG", "1 kg", Map.of("weight", "1 kg"), new BigDecimal("190000"), null, null))),
                new ProductUpsert("KOPI-ROBUSTA", "Robusta Lampung, roasted beans", null, "coffee", "Toko Kopi", null, null,
                        null, null, null, List.of(
                        new VariantUpsert("ROBUSTA-250G", "250 g", Map.of("weight", "250 g"), new BigDecimal("38000"), null, null))),
                // a spreadsheet row with no name: reported, and the good rows are still saved
                ProductUpsert.of("KOPI-LUWAK", " ", List.of(VariantUpsert.of("LUWAK-100G"))));
        UpsertResult result = budi.catalogue().upsert(rows);
        out.println("7. Catalogue imported with catalogue().upsert: " + result.productsInserted() + " products and "
                + result.variantsInserted() + " variants created, " + result.failures().size() + " row refused");
        for (RowFailure f : result.failures()) {
            out.println("   - row " + f.index() + " (" + f.sku() + ") refused: " + f.reason());
        }
        Map<String, VariantId> bySku = new LinkedHashMap<>();
        for (String sku : List.of("ARABICA-250G", "ARABICA-1KG", "ROBUSTA-250G")) {
            Variant v = budi.catalogue().findVariantsBySku(sku).get(0);
            bySku.put(sku, v.id());
        }
        return bySku;
    }

    private static Stock receiveStock(Tenant shop, Tenant budi, Map<String, VariantId> v, PrintStream out) {
        Location jakarta = shop.locations().create(new NewLocation("Gudang Jakarta", Map.of("city", "Jakarta"), true));
        Location bandung = shop.locations().create(new NewLocation("Toko Bandung", Map.of("city", "Bandung"), false));
        StockContext delivery = StockContext.note("opening stock, delivery note DN-0001");
        budi.inventory().receive(v.get("ARABICA-250G"), jakarta.id(), 20, delivery);
        budi.inventory().receive(v.get("ARABICA-250G"), bandung.id(), 10, delivery);
        budi.inventory().receive(v.get("ARABICA-1KG"), jakarta.id(), 5, delivery);
        budi.inventory().receive(v.get("ROBUSTA-250G"), jakarta.id(), 3, delivery);
        budi.inventory().setReorderPoint(v.get("ARABICA-1KG"), jakarta.id(), 4, 10);
        budi.inventory().setReorderPoint(v.get("ROBUSTA-250G"), jakarta.id(), 5, 24);
        out.println("8. Locations " + jakarta.name() + " (default) and " + bandung.name() + "; stock received:");
        for (var e : v.entrySet()) {
            out.println("   - " + e.getKey() + ": " + describe(budi.inventory().totals(e.getValue())));
        }
        return new Stock(jakarta.id(), bandung.id(), Map.of(jakarta.id(), jakarta.name(), bandung.id(), bandung.name()));
    }

    private static Store connectStore(Tenant shop, FakeMarketplace marketplace, DataSource owner, PrintStream out)
            throws SQLException {
        String accessToken = "demo-access-token-5f1c";
        Store store = shop.stores().connect(new NewStore(marketplace.platform(), "Toko Kopi Web", SHOP,
                StoreCredentials.of(Secret.of(accessToken), Secret.of("demo-refresh-token-a93e"),
                        Instant.now().plus(Duration.ofDays(30))),
                StoreSettings.DEFAULTS));
        out.println("9. Connected store '" + store.name() + "' (" + store.platform() + ", shop " + store.platformStoreId()
                + "), status " + store.status().name().toLowerCase(Locale.ROOT));
        // Inspection only, as the schema owner: what the database holds is ciphertext, never the token.
        try (Connection c = owner.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT credentials->>'alg', credentials->>'kid',"
                     + " strpos(credentials::text, ?) > 0 FROM storesync.stores WHERE id = ?")) {
            ps.setString(1, accessToken);
            ps.setObject(2, store.id().value());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                out.println("   Credentials stored encrypted: alg=" + rs.getString(1) + ", key=" + rs.getString(2)
                        + ", access token in the row: " + (rs.getBoolean(3) ? "yes" : "no"));
            }
        }
        return store;
    }

    private static void linkListings(Tenant budi, Store store, Map<String, VariantId> v, PrintStream out) {
        Map<String, String[]> listings = new LinkedHashMap<>();
        listings.put("ARABICA-250G", new String[] {"web-arabica-250", "85000"});
        listings.put("ARABICA-1KG", new String[] {"web-arabica-1kg", "310000"});
        listings.put("ROBUSTA-250G", new String[] {"web-robusta-250", "75000"});
        out.println("10. Listings linked to the variants with listings().link:");
        for (var e : listings.entrySet()) {
            Listing l = budi.listings().link(new NewListing(v.get(e.getKey()), store.id(), e.getValue()[0], null,
                    e.getKey(), new BigDecimal(e.getValue()[1]), null));
            out.println("    - " + e.getKey() + " -> " + l.platformProductId() + " at IDR " + l.price().toPlainString());
        }
    }

    private static void orderByWebhook(StoreSync storeSync, Tenant shop, Tenant budi, FakeMarketplace marketplace,
            Store store, WebhookEndpoint endpoint, Map<String, VariantId> v, PrintStream out) {
        Instant placed = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<OrderLineSnapshot> lines = List.of(
                new OrderLineSnapshot("1", "web-arabica-250", null, "ARABICA-250G", "Arabica Gayo 250 g", 2,
                        new BigDecimal("85000"), new BigDecimal("170000")),
                new OrderLineSnapshot("2", "web-arabica-1kg", null, "ARABICA-1KG", "Arabica Gayo 1 kg", 1,
                        new BigDecimal("310000"), new BigDecimal("310000")));
        marketplace.putOrders(SHOP, List.of(snapshot(store.id(), "WEB-1001", OrderStatus.AWAITING_SHIPMENT, placed, placed,
                new BigDecimal("480000"), lines)));

        // A forged delivery first: the signature is checked over the raw body before anything is stored.
        byte[] body = FakeMarketplace.orderEvent("evt-1001-a", "WEB-1001");
        Map<String, List<String>> forged = new HashMap<>(marketplace.sign(body));
        forged.put(FakeMarketplace.SIGNATURE_HEADER, List.of("0".repeat(64)));
        try {
            storeSync.receiveWebhook(new WebhookRequest(endpoint.id(), forged, body));
            throw new IllegalStateException("a forged webhook was accepted");
        } catch (WebhookSignatureException e) {
            out.println("12. A webhook with a forged signature was refused: " + e.getMessage());
        }
        WebhookReceipt receipt = storeSync.receiveWebhook(new WebhookRequest(endpoint.id(), marketplace.sign(body), body));
        out.println("    The signed webhook for order WEB-1001 was accepted (event " + receipt.eventId()
                + ", duplicate " + receipt.duplicate() + ")");
        Order order = awaitFound("order WEB-1001 ingested", () -> shop.orders().findByPlatformId(store.id(), "WEB-1001"));
        out.println("    Order " + order.platformOrderId() + " ingested: " + order.status().name().toLowerCase(Locale.ROOT) + ", "
                + order.currency() + " " + order.totalAmount().toPlainString() + ", lines "
                + order.lines().stream().map(Quickstart::line).toList());
        out.println("    Stock: ARABICA-250G " + describe(budi.inventory().totals(v.get("ARABICA-250G")))
                + "; ARABICA-1KG " + describe(budi.inventory().totals(v.get("ARABICA-1KG"))));
        awaitTrue("the new quantities pushed", () -> marketplace.lastPushed(SHOP, "web-arabica-250").equals(Optional.of(28))
                && marketplace.lastPushed(SHOP, "web-arabica-1kg").equals(Optional.of(4)));
        out.println("    The store received the new available quantities:");
        printPushes(marketplace, out);

        Instant shippedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        marketplace.putOrders(SHOP, List.of(snapshot(store.id(), "WEB-1001", OrderStatus.SHIPPED, placed, shippedAt,
                new BigDecimal("480000"), lines)));
        byte[] shipped = FakeMarketplace.orderEvent("evt-1001-b", "WEB-1001");
        storeSync.receiveWebhook(new WebhookRequest(endpoint.id(), marketplace.sign(shipped), shipped));
        Order done = awaitFound("order WEB-1001 shipped", () -> shop.orders().findByPlatformId(store.id(), "WEB-1001")
                .filter(o -> o.status() == OrderStatus.SHIPPED));
        out.println("13. A newer snapshot says WEB-1001 shipped: " + done.status().name().toLowerCase(Locale.ROOT) + ", lines "
                + done.lines().stream().map(Quickstart::line).toList());
        out.println("    Stock: ARABICA-250G " + describe(budi.inventory().totals(v.get("ARABICA-250G")))
                + "; ARABICA-1KG " + describe(budi.inventory().totals(v.get("ARABICA-1KG"))));
    }

    private static void shortfall(StoreSync storeSync, Tenant shop, FakeMarketplace marketplace, Store store,
            WebhookEndpoint endpoint, Map<String, VariantId> v, PrintStream out) {
        Instant placed = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        marketplace.putOrders(SHOP, List.of(snapshot(store.id(), "WEB-1002", OrderStatus.AWAITING_SHIPMENT, placed, placed,
                new BigDecimal("375000"), List.of(new OrderLineSnapshot("1", "web-robusta-250", null, "ROBUSTA-250G",
                        "Robusta Lampung 250 g", 5, new BigDecimal("75000"), new BigDecimal("375000"))))));
        byte[] body = FakeMarketplace.orderEvent("evt-1002-a", "WEB-1002");
        storeSync.receiveWebhook(new WebhookRequest(endpoint.id(), marketplace.sign(body), body));
        Order order = awaitFound("order WEB-1002 ingested", () -> shop.orders().findByPlatformId(store.id(), "WEB-1002"));
        out.println("14. Order WEB-1002 wants 5 x ROBUSTA-250G with 3 in stock: reserved what there was, shortfall "
                + order.shortfallQuantity() + "; lines " + order.lines().stream().map(Quickstart::line).toList());
        out.println("    Stock: ROBUSTA-250G " + describe(shop.inventory().totals(v.get("ROBUSTA-250G"))));
        out.println("    Orders needing attention:");
        for (Order o : shop.orders().needingAttention(PageRequest.first(10)).items()) {
            out.println("    - " + o.platformOrderId() + ": shortfall " + o.shortfallQuantity()
                    + (o.hasUnmappedLines() ? ", unmapped lines" : ""));
        }
        awaitTrue("zero pushed for ROBUSTA-250G", () -> marketplace.lastPushed(SHOP, "web-robusta-250").equals(Optional.of(0)));
        out.println("    The store now shows web-robusta-250 = " + marketplace.lastPushed(SHOP, "web-robusta-250").orElseThrow()
                + " (sold out, no overselling)");
    }

    private static void ledgerAndReports(Tenant shop, Map<String, VariantId> v, Stock stock, Store store, PrintStream out) {
        out.println("15. The ledger of ARABICA-250G (inventory().movements, newest first):");
        for (StockMovement m : shop.inventory().movements(v.get("ARABICA-250G"), PageRequest.first(20)).items()) {
            out.println("    - " + String.format("%-8s on hand %+3d, reserved %+3d at %-14s %s", m.type().name().toLowerCase(Locale.ROOT),
                    m.quantityChange(), m.reservedChange(), stock.names().get(m.locationId()),
                    m.note() == null ? "" : "(" + m.note() + ")"));
        }
        out.println("16. Reorder report (available at or below the reorder point):");
        for (ReorderSuggestion s : shop.inventory().reorderReport()) {
            out.println("    - " + s.sku() + " at " + stock.names().get(s.level().locationId()) + ": available "
                    + s.level().available() + ", reorder point " + s.level().reorderPoint() + " -> order "
                    + s.suggestedQuantity());
        }
        LocalDate today = LocalDate.now(JAKARTA);
        out.println("17. Daily sales (Asia/Jakarta), orders().dailySales:");
        for (DailySales d : shop.orders().dailySales(today.minusDays(1), today, JAKARTA)) {
            out.println("    - " + d.day() + " " + (d.storeId().equals(store.id()) ? store.name() : d.storeId()) + ": "
                    + d.orders() + " orders, " + d.units() + " units, " + d.currency() + " " + d.revenue().toPlainString());
        }
    }

    private static OrderSnapshot snapshot(StoreId store, String id, OrderStatus status, Instant placed, Instant updated,
            BigDecimal total, List<OrderLineSnapshot> lines) {
        return new OrderSnapshot(store, id, "#" + id.substring(4), status.name().toLowerCase(Locale.ROOT), status, null, null, total,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, total, "IDR",
                Map.of("name", "Dewi Anggraini", "email", "dewi@buyer.example"), List.of(), null, placed, updated, Map.of(),
                lines);
    }

    private static String line(OrderLine i) {
        return i.quantity() + " x " + i.sku() + " " + i.stockStage().name().toLowerCase(java.util.Locale.ROOT)
                + (i.shortfallQuantity() > 0 ? " (short " + i.shortfallQuantity() + ")" : "");
    }

    private static String describe(StockTotals t) {
        return "on hand " + t.onHand() + ", reserved " + t.reserved() + ", available " + t.available();
    }

    private static void printPushes(FakeMarketplace marketplace, PrintStream out) {
        for (String listing : List.of("web-arabica-250", "web-arabica-1kg", "web-robusta-250")) {
            out.println("    - " + listing + " = " + marketplace.lastPushed(SHOP, listing).map(String::valueOf).orElse("-"));
        }
    }

    private static boolean jobDone(Tenant shop, JobType type) {
        return shop.jobs().list(PageRequest.first(100)).items().stream()
                .anyMatch(j -> j.type() == type && j.status() == JobStatus.COMPLETED);
    }

    /** Polls until {@code condition} holds, for at most {@link #WAIT}. */
    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) {
        awaitFound(what, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** Polls until {@code probe} finds something, for at most {@link #WAIT}, and returns it. */
    private static <T> T awaitFound(String what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) return found.get();
            if (System.nanoTime() > deadline) throw new IllegalStateException("gave up after " + WAIT + " waiting for " + what);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }

    private static void createRoles(DataSource admin) throws SQLException {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN"
                    + " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'storesync_owner') THEN"
                    + "   CREATE ROLE storesync_owner LOGIN PASSWORD 'owner-demo'; END IF;"
                    + " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'storesync_app') THEN"
                    + "   CREATE ROLE storesync_app LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD 'app-demo'; END IF;"
                    + " END $$");
            s.execute("GRANT CREATE ON DATABASE " + c.getCatalog() + " TO storesync_owner");
        }
    }

    private static HikariDataSource pool(String jdbcUrl, String role, int size) {
        HikariConfig config = new HikariConfig();
        // pgjdbc lets a user= or password= in the URL override the pool's username: the demo would silently run as
        // the administrator (StoreSync refuses to start on a superuser pool), so the URL keeps only the address
        config.setJdbcUrl(withoutCredentials(jdbcUrl));
        config.setUsername(role);
        config.setPassword(role.equals("storesync_owner") ? "owner-demo" : "app-demo");
        config.setMaximumPoolSize(size);
        config.setPoolName("quickstart-" + role);
        return new HikariDataSource(config);
    }

    static String withoutCredentials(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) return jdbcUrl;
        String kept = java.util.Arrays.stream(jdbcUrl.substring(query + 1).split("&"))
                .filter(p -> !p.startsWith("user=") && !p.startsWith("password="))
                .collect(java.util.stream.Collectors.joining("&"));
        return jdbcUrl.substring(0, query) + (kept.isEmpty() ? "" : "?" + kept);
    }
}
